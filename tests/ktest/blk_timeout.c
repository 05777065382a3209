// The disk driver when the drive does not answer.  The test gives QEMU
// a drive (its null-co block driver) that takes longer to complete a
// read than the driver waits for an interrupt.  A child's read must come
// back as E_IO after the bounded waits, with the log saying why.  A call
// the parent makes with a timeout meanwhile must give up at its
// deadline, not when the driver is free again: in mono mode it waits
// for its turn in the kernel (mono/resident.c, enter), in micro mode at
// the driver's endpoint.  Then the driver must still answer what needs
// no I/O.
#include "storage.h"
#include "blk_wire.h"           // the info request, built by hand to give it a timeout

#define TURN_TIMEOUT 30         // ticks; the driver waits 300 for an interrupt

// In a child, so that the parent can call while it waits in the driver;
// the tests read its check's line.
static void child_reads(uint32_t bno)
{
    static uint8_t block[BLK_BSIZE];
    uint32_t len = sizeof(block), t0 = sys_uptime();
    check("read from a drive that does not answer", blk_call_read(FS_DISK, bno, block, &len), E_IO);
    cprintf("blk_timeout: the read took %u ticks\n", sys_uptime() - t0);
}

// blk's info operation, called with a timeout (the stubs wait forever).
static int info_within(uint32_t ticks)
{
    struct ipc_msg m;
    struct blk_info_in in = { .dev = FS_DISK };
    int r = blk_info_in_put(&m, &in);
    if (r < 0)
        return r;
    m.label = IPC_LABEL(BLK_IFACE_ID, BLK_VERSION, BLK_OP_INFO);
    return sys_ipc(IPC_OP_CALL, EP_BLK, &m, ticks);
}

// Until task id blocks (its read is in the driver) or ends.
static void wait_blocked(uint32_t id)
{
    struct task_info info;
    while (sys_task_info(id, &info) == 0 && info.state != TASK_INFO_BLOCKED)
        sys_yield();
}

int main(void)
{
    uint32_t nblocks, bsize;
    struct task_info info;
    start_ide(EP_BLK);
    uint32_t child = fork_child(child_reads, 1, CPU_ANY);
    wait_blocked(child);
    uint32_t t0 = sys_uptime();
    expect("a call with a timeout while a read waits in the driver", info_within(TURN_TIMEOUT), E_TIMEOUT);
    cprintf("blk_timeout: the call gave up after %u ticks\n", sys_uptime() - t0);
    // Without a timeout the call waits for its turn, after the child's
    // read; then the child, runnable, only has its line to print.
    expect("still serving", blk_call_info(FS_DISK, &nblocks, &bsize), 0);
    while (sys_task_info(child, &info) == 0)
        sys_yield();
    finish("blk_timeout");
    return 0;
}
