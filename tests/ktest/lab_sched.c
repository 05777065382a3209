// Lab sched's checker (docs/labs/sched.md): three CPU-bound tasks of one
// priority, with 100, 200 and 300 tickets, count work for MEASURE ticks
// on one CPU.  With proportional share each gets quanta in proportion to
// its tickets (1/6, 2/6, 3/6 of the work); round robin gives each a
// third.  It prints each task's count; tools/lab decides.
#include "ktest.h"

#define NCHILD  3
#define MEASURE 150         // ticks of the measurement (HZ = 100)
#define CHUNK   20000       // loop iterations per unit of work

static const uint32_t tickets[NCHILD] = { 100, 200, 300 };

struct shared {
    volatile uint32_t end;              // the tick at which the children stop
    volatile uint32_t count[NCHILD];    // units of work done
};

static void work(struct shared *sh, int i)
{
    while ((int32_t)(sys_uptime() - sh->end) < 0) {
        for (volatile int j = 0; j < CHUNK; j++)
            ;
        sh->count[i]++;
    }
}

int main(void)
{
    struct shared *sh = shared_page(0x10000000);
    uint32_t kids[NCHILD];
    for (int i = 0; i < NCHILD; i++) {
        int id = cow_fork(0);
        if (id == 0) {
            work(sh, i);
            task_exit();
        }
        if (id < 0 || sys_set_tickets(id, tickets[i]) < 0) {
            cprintf("lab_sched: cannot start task %d\n", i);
            sys_halt(3);
        }
        kids[i] = id;
    }
    // Start them together, then step aside: the root runs below them.
    sh->end = sys_uptime() + MEASURE;
    for (int i = 0; i < NCHILD; i++)
        sys_set_state(kids[i], TASK_RUNNABLE);
    sys_set_priority(0, PRIO_MIN);
    for (int i = 0; i < NCHILD; i++)
        wait_gone(kids[i]);
    for (int i = 0; i < NCHILD; i++)
        cprintf("lab_sched: task %d tickets %d count %d\n", i, tickets[i], sh->count[i]);
    cprintf("lab_sched: %d ticks on %d cpus\n", MEASURE, ncpus());
    sys_halt(0);
    return 0;
}
