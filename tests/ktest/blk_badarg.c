// The disk driver given an argument it does not know: it says so and
// ends before it touches the controller.  A driver started after it,
// with no argument, serves.
#include "storage.h"

int main(void)
{
    uint32_t nblocks, bsize;
    wait_gone(start_ide_with(EP_BLK, "ide-bogus"));
    start_ide(EP_BLK);
    expect("a driver started after it serves", blk_call_info(FS_DISK, &nblocks, &bsize), 0);
    cprintf("blk_badarg: disk %d has %u blocks\n", FS_DISK, nblocks);
    finish("blk_badarg");
    return 0;
}
