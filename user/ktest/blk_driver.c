// The disk driver alone, through the blk interface: the disk's size, a
// block read and written back, every kind of bad request refused with
// its error, and the driver still serving afterwards.  The test then
// looks at the image on the host for the block written here.
#include "storage.h"

#define LABEL(op) IPC_LABEL(BLK_IFACE_ID, BLK_VERSION, op)

static uint8_t block[BLK_BSIZE], back[BLK_BSIZE];

// A raw request, for what the stubs would never send.
static int raw(uint32_t label, uint32_t dev, uint32_t blockno, uint32_t len, const void *data, uint32_t slen)
{
    struct ipc_msg m = msg(label, dev);
    m.w[1] = blockno;
    m.w[2] = len;
    m.sbuf = data;
    m.slen = slen;
    m.rbuf = back;
    m.rlen = sizeof(back);
    int r = ipc_call(EP_BLK, &m);
    return r < 0 ? r : (int)m.label;
}

int main(void)
{
    uint32_t nblocks = 0, bsize = 0, len;
    start_ide(EP_BLK);

    expect("info of the fs disk", blk_call_info(FS_DISK, &nblocks, &bsize), 0);
    cprintf("blk: disk %d has %u blocks of %u bytes\n", FS_DISK, nblocks, bsize);
    expect("info of a missing disk", blk_call_info(0, &nblocks, &bsize), E_NOENT);
    expect("info of a disk past the channel", blk_call_info(7, &nblocks, &bsize), E_NOENT);
    blk_call_info(FS_DISK, &nblocks, &bsize);

    len = sizeof(back);
    expect("read the superblock", blk_call_read(FS_DISK, 1, back, &len), 0);
    const uint32_t *sb = (const uint32_t *)back;
    cprintf("blk: superblock %u %u %u %u %u %u %u\n", sb[0], sb[1], sb[2], sb[3], sb[4], sb[5], sb[6]);

    fill(block, sizeof(block), 0, nblocks);
    expect("write the last block", blk_call_write(FS_DISK, nblocks - 1, block, sizeof(block)), 0);
    memset(back, 0, sizeof(back));
    len = sizeof(back);
    expect("read it back", blk_call_read(FS_DISK, nblocks - 1, back, &len), 0);
    expect("same bytes", memcmp(back, block, sizeof(block)) == 0 && len == BLK_BSIZE, 1);

    len = sizeof(back);
    expect("read past the end", blk_call_read(FS_DISK, nblocks, back, &len), E_INVAL);
    len = sizeof(back);
    expect("read far past the end", blk_call_read(FS_DISK, 0xffffffff, back, &len), E_INVAL);
    expect("write past the end", blk_call_write(FS_DISK, nblocks, block, sizeof(block)), E_INVAL);
    len = sizeof(back);
    expect("read a missing disk", blk_call_read(0, 1, back, &len), E_NOENT);
    expect("write a missing disk", blk_call_write(0, 1, block, sizeof(block)), E_NOENT);
    len = 100;
    expect("read less than a block", blk_call_read(FS_DISK, 1, back, &len), E_INVAL);
    expect("write less than a block", blk_call_write(FS_DISK, 1, block, 100), E_INVAL);

    expect("unknown operation", raw(LABEL(9), FS_DISK, 1, 0, 0, 0), E_NOSYS);
    expect("other interface version", raw(IPC_LABEL(BLK_IFACE_ID, 2, BLK_OP_READ), FS_DISK, 1, 512, 0, 0),
           E_VERSION);
    expect("length word beyond the buffer", raw(LABEL(BLK_OP_WRITE), FS_DISK, 1, 600, block, 512), E_BADMSG);
    expect("length word short of the buffer", raw(LABEL(BLK_OP_WRITE), FS_DISK, 1, 100, block, 512), E_BADMSG);
    expect("bytes sent with a read", raw(LABEL(BLK_OP_READ), FS_DISK, 1, 512, block, 512), E_BADMSG);

    len = sizeof(back);
    expect("still serving", blk_call_read(FS_DISK, 1, back, &len), 0);
    finish("blk");
    return 0;
}
