// The disk driver when the disk itself fails.  The test boots it on an
// image behind QEMU's blkdebug layer, which fails every read of block
// BAD_READ and every write of block BAD_WRITE with an I/O error: the
// drive answers the command with ERR in its status.  The driver must
// decode the Error register into a log line and answer E_IO, and go on
// serving the blocks around them.  A run of blocks through a bad one
// fails at that block.
#include "storage.h"

#define BAD_READ 100
#define BAD_WRITE 101

static uint8_t block[BLK_BSIZE];

static int read_block(uint32_t b)
{
    uint32_t len = sizeof(block);
    return blk_call_read(FS_DISK, b, block, &len);
}

int main(void)
{
    start_ide(EP_BLK);
    expect("read before the bad block", read_block(BAD_READ - 1), 0);
    expect("read the bad block", read_block(BAD_READ), E_IO);
    expect("read it again", read_block(BAD_READ), E_IO);
    expect("read after the bad block", read_block(BAD_READ + 1), 0);
    fill(block, sizeof(block), 0, 9);
    expect("write the bad block", blk_call_write(FS_DISK, BAD_WRITE, block, sizeof(block)), E_IO);
    expect("write the block before", blk_call_write(FS_DISK, BAD_WRITE - 1, block, sizeof(block)), 0);
    uint8_t run[4 * BLK_BSIZE];
    uint32_t len = sizeof(run);
    expect("read a run through the bad block", blk_call_read(FS_DISK, BAD_READ - 2, run, &len), E_IO);
    fill(run, sizeof(run), 0, 9);
    expect("write a run through the bad block", blk_call_write(FS_DISK, BAD_WRITE - 2, run, sizeof(run)), E_IO);
    expect("still serving", read_block(1), 0);
    finish("blk_ioerror");
    return 0;
}
