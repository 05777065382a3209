// Tasks on every CPU add to one counter through a system call whose
// critical section is a read-pause-write under a spinlock: the total is
// exact only if the lock excludes.
#include "ktest.h"

#define PER_TASK 20000

int main(void)
{
    volatile uint32_t *cpus_seen = shared_page(0x10000000);
    uint32_t n = ncpus() * 2;
    uint32_t kids[16];
    for (uint32_t i = 0; i < n; i++) {
        int id = cow_fork(0);
        if (id == 0) {
            for (int k = 0; k < PER_TASK; k++) {
                sys_counter_add(1);
                __sync_fetch_and_or(cpus_seen, 1u << sys_cpu());
            }
            return 0;
        }
        kids[i] = id;
    }
    for (uint32_t i = 0; i < n; i++)
        sys_set_state(kids[i], TASK_RUNNABLE);
    for (uint32_t i = 0; i < n; i++)
        wait_gone(kids[i]);
    uint32_t total = sys_counter_add(0);
    cprintf("spinlock: %d tasks on %d cpus, cpu mask %x, total %d, expected %d\n",
            n, ncpus(), *cpus_seen, total, n * PER_TASK);
    sys_halt(0);
    return 0;
}
