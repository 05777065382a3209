// The disk driver when the drive does not answer.  The test gives QEMU
// a drive (its null-co block driver) that takes longer to complete a
// read than the driver waits for an interrupt.  The read must come back
// as E_IO after the bounded waits, with the log saying why, and the
// driver must still answer what needs no I/O.
#include "storage.h"

int main(void)
{
    static uint8_t block[BLK_BSIZE];
    uint32_t len = sizeof(block), nblocks, bsize;
    start_ide(EP_BLK);
    uint32_t t0 = sys_uptime();
    expect("read from a drive that does not answer", blk_call_read(FS_DISK, 1, block, &len), E_IO);
    cprintf("blk_timeout: the read took %u ticks\n", sys_uptime() - t0);
    expect("still serving", blk_call_info(FS_DISK, &nblocks, &bsize), 0);
    finish("blk_timeout");
    return 0;
}
