// Three tasks of equal priority that yield after each step must run in
// strict round-robin order (boot with one CPU).
#include "ktest.h"

#define STEPS 6
#define NCHILD 3

struct log {
    volatile uint32_t n;
    char seq[NCHILD * STEPS + 1];
};

int main(void)
{
    struct log *log = shared_page(0x10000000);
    uint32_t kids[NCHILD];
    for (int i = 0; i < NCHILD; i++) {
        int id = cow_fork(0);
        if (id == 0) {
            for (int s = 0; s < STEPS; s++) {
                log->seq[__sync_fetch_and_add(&log->n, 1)] = 'A' + i;
                sys_yield();
            }
            return 0;
        }
        kids[i] = id;
    }
    // Start them together, then step aside: the root runs below them.
    for (int i = 0; i < NCHILD; i++)
        sys_set_state(kids[i], TASK_RUNNABLE);
    sys_set_priority(0, PRIO_MIN);
    for (int i = 0; i < NCHILD; i++)
        wait_gone(kids[i]);
    cprintf("rr: sequence %s\n", log->seq);
    sys_halt(0);
    return 0;
}
