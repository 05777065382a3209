// Lab spinlock's checker (docs/labs/spinlock.md): one task per CPU, each
// pinned, hammers the kernel's counter lock through SYS_lock_contend and
// reports the longest it was bypassed: how many acquisitions other CPUs
// made while it waited for one.  A fair (FIFO) lock keeps that near
// ncpus - 1; tests/ decide.
#include "ktest.h"

#define ROUNDS 100      // acquisitions per system call
#define CALLS  2        // system calls per task

static volatile uint32_t *worst;    // per CPU, in a page shared with the children
static volatile uint32_t *arrived;  // children at the start line: they start together

static void contend(uint32_t cpu)
{
    __sync_fetch_and_add(arrived, 1);
    while (*arrived < ncpus())
        asm volatile("pause");
    for (int k = 0; k < CALLS; k++) {
        int w = sys_lock_contend(ROUNDS);
        if (w < 0) {
            cprintf("lab_spinlock: lock_contend: %s\n", ipc_strerror(w));
            sys_halt(3);
        }
        if ((uint32_t)w > worst[cpu])
            worst[cpu] = w;
    }
}

int main(void)
{
    worst = shared_page(0x10000000);
    arrived = shared_page(0x10001000);
    uint32_t n = ncpus();
    uint32_t kids[16];
    for (uint32_t cpu = 0; cpu < n; cpu++)
        kids[cpu] = fork_child(contend, cpu, cpu);
    for (uint32_t cpu = 0; cpu < n; cpu++)
        wait_gone(kids[cpu]);
    for (uint32_t cpu = 0; cpu < n; cpu++)
        cprintf("lab_spinlock: cpu %d waited through at most %d acquisitions\n", cpu, worst[cpu]);
    cprintf("lab_spinlock: %d cpus, %d acquisitions each\n", n, ROUNDS * CALLS);
    sys_halt(0);
    return 0;
}
