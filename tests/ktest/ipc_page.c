// A page handed over with a message: the receiver sees the sender's
// data at the address it chose; a receiver that accepts no page gets none.
#include "ktest.h"

#define LABEL_PAGE IPC_LABEL(0x104, 1, 1)
#define SEND_VA 0x20000000u
#define RECV_VA 0x28000000u

static volatile uint32_t *shared;

static void server(uint32_t unused)
{
    (void)unused;
    for (int round = 0; round < 2; round++) {
        struct ipc_msg m = msg(0, 0);
        m.rpage = round == 0 ? RECV_VA : 0;
        ipc_recv(&m, IPC_FOREVER);
        uint32_t sum = 0;
        if (m.rpage) {
            for (int i = 0; i < 1024; i++)
                sum += ((volatile uint32_t *)RECV_VA)[i];
        }
        shared[round * 2] = m.rpage;
        shared[round * 2 + 1] = sum;
        m.label = 0;
        ipc_reply(m.sender, &m);
    }
}

int main(void)
{
    shared = shared_page(0x10000000);
    uint32_t s = fork_child(server, 0, CPU_ANY);
    sys_ep_bind(EP_TEST, s);
    sys_page_alloc(0, SEND_VA, PTE_P | PTE_U | PTE_W);
    uint32_t expect = 0;
    for (int i = 0; i < 1024; i++) {
        ((uint32_t *)SEND_VA)[i] = i * 7;
        expect += i * 7;
    }
    for (int round = 0; round < 2; round++) {
        struct ipc_msg m = msg(LABEL_PAGE, 0);
        m.spage = SEND_VA;
        m.sperm = PTE_P | PTE_U;
        int r = ipc_call(EP_TEST, &m);
        cprintf("page: round %d call %d, receiver mapped %x, sum %d (sender's %d)\n",
                round, r, shared[round * 2], shared[round * 2 + 1], expect);
    }
    wait_gone(s);
    sys_halt(0);
    return 0;
}
