// Many clients on one server: every request is answered exactly once,
// and each answer goes to the client that asked.
#include "ktest.h"

#define CLIENTS 6
#define CALLS 100
#define LABEL_INC IPC_LABEL(0x101, 1, 1)

struct tally {
    volatile uint32_t served[CLIENTS];
    volatile uint32_t good[CLIENTS];
};
static struct tally *tally;

static void server(uint32_t unused)
{
    (void)unused;
    struct ipc_msg m = msg(0, 0);
    ipc_recv(&m, IPC_FOREVER);
    for (;;) {
        uint32_t who = m.w[0];
        if (who < CLIENTS)
            tally->served[who]++;
        m.w[2] = m.w[1] * 3;        // the answer depends on the request
        m.label = 0;
        ipc_reply_recv(m.sender, &m, IPC_FOREVER);
    }
}

static void client(uint32_t who)
{
    for (uint32_t i = 0; i < CALLS; i++) {
        struct ipc_msg m = msg(LABEL_INC, who);
        m.w[1] = who * 1000 + i;
        if (ipc_call(EP_TEST, &m) == 0 && m.w[0] == who && m.w[2] == (who * 1000 + i) * 3)
            tally->good[who]++;
        if (i % 7 == 0)
            sys_yield();
    }
}

int main(void)
{
    tally = shared_page(0x10000000);
    uint32_t s = fork_child(server, 0, CPU_ANY);
    sys_ep_bind(EP_TEST, s);
    uint32_t kids[CLIENTS];
    for (uint32_t i = 0; i < CLIENTS; i++)
        kids[i] = fork_child(client, i, CPU_ANY);
    for (int i = 0; i < CLIENTS; i++)
        wait_gone(kids[i]);
    uint32_t served = 0, good = 0, exact = 0;
    for (int i = 0; i < CLIENTS; i++) {
        served += tally->served[i];
        good += tally->good[i];
        exact += tally->served[i] == CALLS && tally->good[i] == CALLS;
    }
    cprintf("many: %d clients, %d served, %d good replies, %d clients exact, expected %d\n",
            CLIENTS, served, good, exact, CLIENTS * CALLS);
    sys_halt(0);
    return 0;
}
