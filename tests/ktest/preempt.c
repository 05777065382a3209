// A CPU-bound task that never yields must not starve another task of the
// same priority: the timer preempts it (boot with one CPU).
#include "ktest.h"

#define GOAL 50

struct progress {
    volatile uint32_t spinner;      // bumped by the CPU-bound task
    volatile uint32_t stepper;      // bumped by the polite task
};

int main(void)
{
    struct progress *p = shared_page(0x10000000);
    int hog = cow_fork(1);
    if (hog == 0)
        for (;;)
            p->spinner++;
    int polite = cow_fork(1);
    if (polite == 0) {
        uint32_t start = sys_uptime();
        // Wait for a few ticks between steps, without yielding, so that
        // only preemption can give the CPU to anyone else.
        while (p->stepper < GOAL) {
            uint32_t t = sys_uptime();
            while (sys_uptime() == t)
                ;
            p->stepper++;
        }
        cprintf("preempt: stepper reached %d after %d ticks\n", GOAL, sys_uptime() - start);
        return 0;
    }
    wait_gone(polite);
    uint32_t seen = p->spinner;
    cprintf("preempt: spinner made progress: %s\n", seen > 0 ? "yes" : "no");
    sys_task_destroy(hog);
    cprintf("preempt: done\n");
    sys_halt(0);
    return 0;
}
