// Endpoints take turns: a server bound to two endpoints, with callers
// queued on both, takes one caller from each in turn, not every caller
// of the lower endpoint first (which would let a busy endpoint starve
// the other).  Each receive that takes a queued caller says whether
// another still waits (IPC_MORE): so for all but the last.
#include "ktest.h"

#define LABEL_TURN IPC_LABEL(0x107, 1, 1)
#define NCALLERS 4
#define WAIT_TICKS 500              // 5 s at 100 ticks a second

// Callers 0 and 1 call EP_TEST, 2 and 3 EP_TEST2, queued in that order.
static const uint32_t caller_ep[NCALLERS] = { EP_TEST, EP_TEST, EP_TEST2, EP_TEST2 };

struct shared {
    uint32_t go;                    // the root has queued every caller
    uint32_t order[NCALLERS];       // the callers, in the order the server took them
    int32_t received[NCALLERS];     // what each of the server's receives returned
    int32_t answered[NCALLERS];     // what each caller's call returned
};
static volatile struct shared *sh;

static void server(uint32_t unused)
{
    (void)unused;
    while (!sh->go)
        sys_yield();
    for (int i = 0; i < NCALLERS; i++) {
        struct ipc_msg m = msg(0, 0);
        sh->received[i] = ipc_recv(&m, WAIT_TICKS);
        if (sh->received[i] < 0)
            return;
        sh->order[i] = m.w[0];
        m.label = 0;
        ipc_reply(m.sender, &m);
    }
}

static void caller(uint32_t index)
{
    struct ipc_msg m = msg(LABEL_TURN, index);
    sh->answered[index] = ipc_call(caller_ep[index], &m);
}

// Wait until task id is blocked (its call queued), or gone.
static void wait_blocked(uint32_t id)
{
    struct task_info info;
    while (sys_task_info(id, &info) == 0 && info.state != TASK_INFO_BLOCKED)
        sys_yield();
}

int main(void)
{
    sh = shared_page(0x10000000);
    uint32_t s = fork_child(server, 0, CPU_ANY);
    sys_ep_bind(EP_TEST, s);
    sys_ep_bind(EP_TEST2, s);
    uint32_t callers[NCALLERS];
    for (uint32_t i = 0; i < NCALLERS; i++) {
        callers[i] = fork_child(caller, i, CPU_ANY);
        wait_blocked(callers[i]);
    }
    sh->go = 1;
    for (int i = 0; i < NCALLERS; i++)
        wait_gone(callers[i]);
    wait_gone(s);
    cprintf("turns: served callers %u %u %u %u\n", sh->order[0], sh->order[1], sh->order[2], sh->order[3]);
    cprintf("turns: receives returned %d %d %d %d\n", sh->received[0], sh->received[1], sh->received[2],
            sh->received[3]);
    int answered = 0;
    for (int i = 0; i < NCALLERS; i++)
        answered += sh->answered[i] == 0;
    cprintf("turns: %d of %d calls answered\n", answered, NCALLERS);
    sys_halt(0);
    return 0;
}
