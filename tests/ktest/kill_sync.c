// Destroying a task that runs on another CPU is synchronous (boot with
// two CPUs): once sys_task_destroy has returned, the task runs nowhere.
// Each round a child pinned to CPU 1 counts in a shared page without
// ever entering the kernel; the parent, on CPU 0, destroys it and then
// watches the count for two ticks, longer than the child could go on
// before a timer interrupt.  Then two tasks that may control every task
// destroy each other at the same moment, each waiting for the other to
// leave its CPU: neither may wait forever.
#include "ktest.h"

#define SHARED  0x10000000
#define ROUNDS  8
#define DUELS   8
#define WAIT_TICKS 200      // bound on any wait: 2 s of guest time

struct shared {
    volatile uint32_t count;        // the spinning child's loop count
    volatile uint32_t ids[2];       // the two duellists
    volatile uint32_t ready[2];     // duellist i is about to strike
};

static struct shared *sh;

static void counter(uint32_t unused)
{
    (void)unused;
    for (;;)
        sh->count++;
}

static void wait_ticks(uint32_t n)
{
    uint32_t end = sys_uptime() + n;
    while (sys_uptime() < end)
        ;
}

// 1 if the child counted on after its destroy returned, 0 if not, -1 if
// it never started.
static int ran_after_destroy(void)
{
    sh->count = 0;
    uint32_t child = fork_child(counter, 0, 1);
    uint32_t deadline = sys_uptime() + WAIT_TICKS;
    while (sh->count < 1000 && sys_uptime() < deadline)
        ;
    if (sh->count < 1000)
        return -1;
    int r = sys_task_destroy(child);
    uint32_t at_return = sh->count;
    wait_ticks(2);
    int after = sh->count != at_return;
    if (r < 0)
        cprintf("kill: destroy: %s\n", ipc_strerror(r));
    wait_gone(child);
    return after;
}

static void duellist(uint32_t me)
{
    sh->ready[me] = 1;
    while (!sh->ready[1 - me])
        ;
    sys_task_destroy(sh->ids[1 - me]);
    task_exit();
}

// Two tasks on two CPUs destroy each other at once.  Both end, whoever
// struck first, and the system goes on.
static void duel(void)
{
    sh->ready[0] = sh->ready[1] = 0;
    for (uint32_t i = 0; i < 2; i++) {
        int id = cow_fork(0);
        if (id == 0)
            duellist(i);
        sh->ids[i] = id;
        sys_set_affinity(id, i);
        sys_grant(id, RIGHT_CONTROL_ALL);
    }
    for (uint32_t i = 0; i < 2; i++)
        sys_set_state(sh->ids[i], TASK_RUNNABLE);
    wait_gone(sh->ids[0]);
    wait_gone(sh->ids[1]);
}

int main(void)
{
    sys_set_affinity(0, 0);
    sh = shared_page(SHARED);
    int ran_on = 0, never = 0;
    for (int round = 0; round < ROUNDS; round++) {
        int r = ran_after_destroy();
        cprintf("kill: round %d: %s\n", round, r < 0 ? "child never ran" : r ? "RAN AFTER DESTROY" : "stopped");
        ran_on += r > 0;
        never += r < 0;
    }
    cprintf("kill: %d of %d destroyed tasks ran on after destroy returned\n", ran_on, ROUNDS - never);
    for (int round = 0; round < DUELS; round++) {
        duel();
        cprintf("kill: duel %d: both ended\n", round);
    }
    sys_halt(0);
    return 0;
}
