// The disk driver alone, through the blk interface: the disk's size, a
// block read and written back, a run of blocks written in one command
// and read back whole and block by block, a flush, the counters moving
// by what each request costs, every kind of bad request refused with
// its error, and the driver still serving afterwards.  The test then
// looks at the image on the host for the blocks written here.
#include "storage.h"
#include "kstat.h"

#define LABEL(op) IPC_LABEL(BLK_IFACE_ID, BLK_VERSION, op)

#define RUN (BLK_MAXBYTES / BLK_BSIZE)
#define DISK_IRQ 14     // the primary ATA channel's ISA line

static uint8_t block[BLK_BSIZE], back[BLK_BSIZE];
static uint8_t run[BLK_MAXBYTES], run_back[BLK_MAXBYTES];

// The driver's counters, and the kernel's (abi/kstat.h) that the
// bench compares between the modes: the disk's interrupts, and the
// ticks of resident calls' own path and of the server's dispatch (only
// mono mode has any).
struct counts {
    uint32_t commands, flushes, sectors;
    uint32_t kstat[KSTAT_N];
};

// The kernel's counters are read next to the request and the driver's
// outside them: in mono mode asking the driver is a resident call too,
// and must not be counted as the request's.
static struct counts before_request(void)
{
    struct counts c = { 0, 0, 0, { 0 } };
    must(blk_call_counters(&c.commands, &c.flushes, &c.sectors), "counters");
    sys_kstat(c.kstat);
    return c;
}

static struct counts after_request(void)
{
    struct counts c = { 0, 0, 0, { 0 } };
    sys_kstat(c.kstat);
    must(blk_call_counters(&c.commands, &c.flushes, &c.sectors), "counters");
    return c;
}

// Whether the request moved one of the kernel's counters.
static const char *moved(const struct counts *before, const struct counts *after, enum kstat counter)
{
    return after->kstat[counter] != before->kstat[counter] ? "moved" : "still";
}

// What one request cost the driver, printed for the test to check.
static void cost(const char *what, struct counts before)
{
    struct counts after = after_request();
    cprintf("blk: cost of %s: commands %u flushes %u sectors %u device_irq %u resident_tsc %s served_tsc %s\n",
            what, after.commands - before.commands, after.flushes - before.flushes, after.sectors - before.sectors,
            after.kstat[KSTAT_DEVICE_IRQ] - before.kstat[KSTAT_DEVICE_IRQ],
            moved(&before, &after, KSTAT_RESIDENT_TSC), moved(&before, &after, KSTAT_SERVED_TSC));
}

// A run of RUN blocks ending at the disk's last but one block: written
// in one request, read back whole, then one block at a time.
static void runs(uint32_t nblocks)
{
    uint32_t first = nblocks - 1 - RUN, len;
    fill(run, sizeof(run), 0, first);
    struct counts before = before_request();
    expect("write a run of blocks", blk_call_write(FS_DISK, first, run, sizeof(run)), 0);
    cost("a run write", before);
    memset(run_back, 0, sizeof(run_back));
    len = sizeof(run_back);
    before = before_request();
    expect("read the run back", blk_call_read(FS_DISK, first, run_back, &len), 0);
    cost("a run read", before);
    expect("same run", len == sizeof(run) && memcmp(run, run_back, sizeof(run)) == 0, 1);
    int same = 1;
    for (uint32_t i = 0; i < RUN; i++) {
        len = sizeof(back);
        same &= blk_call_read(FS_DISK, first + i, back, &len) == 0 &&
                memcmp(back, run + i * BLK_BSIZE, BLK_BSIZE) == 0;
    }
    expect("each block of the run where it belongs", same, 1);
    before = before_request();
    expect("flush", blk_call_flush(FS_DISK), 0);
    cost("a flush", before);
    expect("flush a missing disk", blk_call_flush(0), E_NOENT);
    len = 2 * BLK_BSIZE;
    expect("run past the end", blk_call_read(FS_DISK, nblocks - 1, run_back, &len), E_INVAL);
    expect("write run past the end", blk_call_write(FS_DISK, nblocks - 1, run, 2 * BLK_BSIZE), E_INVAL);
    expect("run of part of a block", blk_call_write(FS_DISK, first, run, BLK_BSIZE + 100), E_INVAL);
    expect("empty run", blk_call_write(FS_DISK, first, run, 0), E_INVAL);
}

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

    runs(nblocks);

    expect("unknown operation", raw(LABEL(9), FS_DISK, 1, 0, 0, 0), E_NOSYS);
    expect("other interface version", raw(IPC_LABEL(BLK_IFACE_ID, BLK_VERSION + 1, BLK_OP_READ), FS_DISK, 1, 512, 0, 0),
           E_VERSION);
    expect("length word beyond the buffer", raw(LABEL(BLK_OP_WRITE), FS_DISK, 1, 600, block, 512), E_BADMSG);
    expect("length word past the largest run", raw(LABEL(BLK_OP_WRITE), FS_DISK, 1, BLK_MAXBYTES + 512, block, 512),
           E_BADMSG);
    expect("length word short of the buffer", raw(LABEL(BLK_OP_WRITE), FS_DISK, 1, 100, block, 512), E_BADMSG);
    expect("bytes sent with a read", raw(LABEL(BLK_OP_READ), FS_DISK, 1, 512, block, 512), E_BADMSG);

    len = sizeof(back);
    expect("still serving", blk_call_read(FS_DISK, 1, back, &len), 0);
    // In mono mode the disk's interrupts follow whichever task runs the
    // driver in the kernel, this one included; its own system call must
    // still find it without the grant.
    expect("a client may not acknowledge the disk's line", sys_irq_ack(DISK_IRQ), E_PERM);
    finish("blk");
    return 0;
}
