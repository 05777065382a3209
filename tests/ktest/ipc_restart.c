// A server dies holding a request: that caller gets E_RESTART, the
// callers still queued wait, and a fresh server bound to the same
// endpoint serves them (and the retried call).
#include "ktest.h"

#define LABEL_WORK IPC_LABEL(0x103, 1, 1)
#define CLIENTS 3

static volatile uint32_t *shared;   // [0] taken by the first server, [1+i] client i's result

static void stuck_server(uint32_t unused)
{
    (void)unused;
    struct ipc_msg m = msg(0, 0);
    ipc_recv(&m, IPC_FOREVER);
    shared[0] = m.w[0] + 1;         // took client w[0]'s request; never answers
    for (;;)
        sys_yield();
}

static void good_server(uint32_t generation)
{
    struct ipc_msg m = msg(0, 0);
    ipc_recv(&m, IPC_FOREVER);
    for (;;) {
        m.w[1] = generation;
        m.label = 0;
        ipc_reply_recv(m.sender, &m, IPC_FOREVER);
    }
}

static void client(uint32_t i)
{
    struct ipc_msg m = msg(LABEL_WORK, i);
    int r = ipc_call(EP_TEST, &m);
    if (r == E_RESTART) {
        cprintf("restart: client %d got E_RESTART, retrying\n", i);
        m = msg(LABEL_WORK, i);
        r = ipc_call_retry(EP_TEST, &m);
    }
    shared[1 + i] = r == 0 ? m.w[1] : 100 + (uint32_t)-r;
}

int main(void)
{
    shared = shared_page(0x10000000);
    uint32_t s1 = fork_child(stuck_server, 0, CPU_ANY);
    sys_ep_bind(EP_TEST, s1);
    uint32_t kids[CLIENTS];
    for (uint32_t i = 0; i < CLIENTS; i++)
        kids[i] = fork_child(client, i, CPU_ANY);
    while (!shared[0])
        sys_yield();
    for (int i = 0; i < 20; i++)
        sys_yield();        // let the other clients queue up
    cprintf("restart: first server took client %d's request; killing it\n", shared[0] - 1);
    sys_task_destroy(s1);
    uint32_t s2 = fork_child(good_server, 2, CPU_ANY);
    sys_ep_bind(EP_TEST, s2);
    cprintf("restart: endpoint rebound to a new server\n");
    for (int i = 0; i < CLIENTS; i++)
        wait_gone(kids[i]);
    for (int i = 0; i < CLIENTS; i++)
        cprintf("restart: client %d answered by server generation %d\n", i, shared[1 + i]);
    sys_halt(0);
    return 0;
}
