// The disk driver run by one task after another.  In mono mode the
// driver runs in its callers' threads, and its interrupt line goes with
// whichever task runs it; a caller that ends takes the line with it
// (masked, until the next caller has it).  Each round a child reads a
// block and ends, then the parent reads one: every read must end with
// its interrupt, none by the driver's timeout (its log says "no
// interrupt within").  In micro mode the driver is one task throughout.
#include "storage.h"

#define ROUNDS 30
#define FIRST_BLOCK 100

static void child_reads(uint32_t bno)
{
    static uint8_t block[BLK_BSIZE];
    uint32_t len = sizeof(block);
    int r = blk_call_read(FS_DISK, bno, block, &len);
    if (r < 0)
        cprintf("blk_handoff: FAILED: the child's read of block %u: %s\n", bno, ipc_strerror(r));
}

int main(void)
{
    static uint8_t block[BLK_BSIZE];
    struct task_info info;
    start_ide(EP_BLK);
    for (uint32_t i = 0; i < ROUNDS; i++) {
        uint32_t child = fork_child(child_reads, FIRST_BLOCK + 2 * i, i % 2);
        while (sys_task_info(child, &info) == 0)
            sys_yield();
        uint32_t len = sizeof(block), t0 = sys_uptime();
        expect("the parent's read after the child's", blk_call_read(FS_DISK, FIRST_BLOCK + 2 * i + 1, block, &len), 0);
        cprintf("blk_handoff: round %u: %u ticks\n", i, sys_uptime() - t0);
    }
    finish("blk_handoff");
    return 0;
}
