// IPC misuse is refused: forged replies, buffers that are too large,
// unmapped, read-only or in the kernel (on the sending and on the
// receiving side), replies that do not fit, timeouts and polls.  A
// buffer of length 0 is none, whatever its pointer says.  A buffer that
// runs from a mapped page into an unmapped one is refused whole: not a
// byte of it reaches the receiver.
#include "ktest.h"

#define LABEL_ECHO IPC_LABEL(0x102, 1, 1)
#define LABEL_BIGREPLY IPC_LABEL(0x102, 1, 2)
#define LABEL_NOBYTES IPC_LABEL(0x102, 1, 3)
#define LABEL_PEEK IPC_LABEL(0x102, 1, 4)
#define LABEL_EDGEREPLY IPC_LABEL(0x102, 1, 5)
#define KADDR 0xC0100000u
#define UNMAPPED 0x50000000u
#define RO_PAGE 0x30000000u
#define EDGE_PAGE 0x40000000u       // mapped; the page after it is not
#define SPAN_PAGES 0x41000000u      // three mapped pages
#define EDGE_BUF (EDGE_PAGE + PGSIZE - 8)   // 8 bytes, then the unmapped page

static int passed, total;
static volatile uint32_t *shared;       // [1] victim's result, [2]-[4] reply results, [5] replies done,
                                        // [6] 1000 + result of a reply without bytes,
                                        // [7] 1000 + result of a reply running off its page
static char big[IPC_MAXBUF + 8];

static void expect(const char *name, int got, int want)
{
    total++;
    passed += check(name, got, want);
}

static void server(uint32_t unused)
{
    (void)unused;
    static char in[64];
    struct ipc_msg m = msg(0, 0);
    for (;;) {
        m.rbuf = in;
        m.rlen = sizeof(in);
        m.rpage = 0;
        if (ipc_recv(&m, IPC_FOREVER) < 0)
            continue;
        uint32_t client = m.sender;
        if (m.label == LABEL_BIGREPLY) {
            m.sbuf = big;
            m.slen = 128;   // more than the client accepts
            shared[2] = ipc_reply(client, &m);
            continue;
        }
        if (m.label == LABEL_PEEK) {        // what the last request left in `in`
            m.sbuf = in;
            m.slen = sizeof(in);
            m.label = 0;
            ipc_reply(client, &m);
            continue;
        }
        if (m.label == LABEL_EDGEREPLY) {
            m.sbuf = (void *)EDGE_BUF;
            m.slen = 20;
            shared[7] = 1000 + ipc_reply(client, &m);
            continue;
        }
        if (m.label == LABEL_NOBYTES) {
            m.sbuf = (void *)KADDR;     // not read: there are no bytes
            m.slen = 0;
            m.label = 0;
            shared[6] = 1000 + ipc_reply(client, &m);
            continue;
        }
        m.sbuf = in;
        m.slen = m.rlen;
        m.label = 0;
        shared[3] = ipc_reply(client, &m);
        shared[4] = ipc_reply(client, &m);  // a second reply: nobody waits for it
        shared[5] = 1;                      // both replies are done
    }
}

// Waits in a call; the root tries to answer it in the server's place.
static void victim(uint32_t unused)
{
    (void)unused;
    struct ipc_msg m = msg(LABEL_ECHO, 0);
    shared[1] = ipc_call(EP_TEST2, &m) + 1000;      // EP_TEST2 has no server
}

static void sender_side(void)
{
    char ok[8] = "hello";
    struct ipc_msg m = msg(LABEL_ECHO, 0);
    m.sbuf = big;
    m.slen = IPC_MAXBUF + 1;
    expect("send buffer over the limit", ipc_call(EP_TEST, &m), E_TOOBIG);
    m.slen = 100;       // within the limit, but the server accepts 64
    expect("send more than the receiver accepts", ipc_call(EP_TEST, &m), E_TOOBIG);
    m.sbuf = (void *)UNMAPPED;
    m.slen = 10;
    expect("send buffer unmapped", ipc_call(EP_TEST, &m), E_FAULT);
    m.sbuf = (void *)KADDR;
    expect("send buffer in the kernel", ipc_call(EP_TEST, &m), E_FAULT);
    m = msg(LABEL_ECHO, 0);
    m.sbuf = ok;
    m.slen = 5;
    m.rbuf = (void *)RO_PAGE;
    m.rlen = 16;
    expect("reply buffer read-only", ipc_call(EP_TEST, &m), E_FAULT);
    m.rbuf = (void *)KADDR;
    expect("reply buffer in the kernel", ipc_call(EP_TEST, &m), E_FAULT);
    m.spage = UNMAPPED;
    m.sperm = PTE_P | PTE_U;
    m.rbuf = 0;
    m.rlen = 0;
    expect("grant an unmapped page", ipc_call(EP_TEST, &m), E_FAULT);
    m.spage = 0;
    char in[16];
    m.rbuf = in;
    m.rlen = sizeof(in);
    expect("a good call still works", ipc_call(EP_TEST, &m), 0);
    expect("the echo came back", m.rlen == 5 && in[0] == 'h' && in[4] == 'o', 1);
    while (!shared[5])
        sys_yield();        // on another CPU the server may still be replying
    expect("server's first reply accepted", shared[3], 0);
    expect("second reply refused", shared[4], E_PERM);
    m = msg(LABEL_BIGREPLY, 0);
    m.rbuf = in;
    m.rlen = 8;
    expect("reply larger than the client accepts", ipc_call(EP_TEST, &m), E_TOOBIG);
    expect("the server learns it too", shared[2], E_TOOBIG);
    m = msg(LABEL_NOBYTES, 0);
    m.sbuf = (void *)KADDR;
    m.rbuf = (void *)KADDR;
    expect("buffers of length 0 are not read", ipc_call(EP_TEST, &m), 0);
    while (!shared[6])
        sys_yield();        // on another CPU the server may still be replying
    expect("a reply's buffer of length 0 is not read", shared[6], 1000);
}

// Buffers that cross a page boundary: both pages mapped, they work on
// either side; the second page unmapped, the whole message is refused
// and the receiver's buffer keeps what it had.
static void page_boundaries(void)
{
    char *span = (char *)SPAN_PAGES, *edge = (char *)EDGE_BUF;
    memcpy(span + PGSIZE - 3, "across", 6);
    memcpy(edge, "12345678", 8);
    struct ipc_msg m = msg(LABEL_ECHO, 0);
    m.sbuf = span + PGSIZE - 3;
    m.slen = 6;
    m.rbuf = span + 2 * PGSIZE - 2;
    m.rlen = 6;
    expect("send and receive across a page boundary", ipc_call(EP_TEST, &m), 0);
    expect("the bytes crossed intact", m.rlen == 6 && memcmp(span + 2 * PGSIZE - 2, "across", 6) == 0, 1);
    m = msg(LABEL_ECHO, 0);
    m.sbuf = edge;
    m.slen = 20;
    expect("send buffer running into an unmapped page", ipc_call(EP_TEST, &m), E_FAULT);
    char seen[64];
    m = msg(LABEL_PEEK, 0);
    m.rbuf = seen;
    m.rlen = sizeof(seen);
    expect("peek at the server's buffer", ipc_call(EP_TEST, &m), 0);
    expect("no byte of the refused send arrived", memcmp(seen, "across", 6) == 0, 1);
    char mine[32];
    memset(mine, 'z', sizeof(mine));
    m = msg(LABEL_EDGEREPLY, 0);
    m.rbuf = mine;
    m.rlen = sizeof(mine);
    expect("reply buffer running into an unmapped page", ipc_call(EP_TEST, &m), E_FAULT);
    expect("no byte of the refused reply arrived", mine[0] == 'z' && mine[31] == 'z', 1);
    while (!shared[7])
        sys_yield();        // on another CPU the server may still be replying
    expect("the server learns it too", shared[7], 1000 + E_FAULT);
}

static void receiver_side(void)
{
    struct ipc_msg m = msg(0, 0);
    m.rbuf = (void *)RO_PAGE;
    m.rlen = 16;
    expect("receive into read-only memory", ipc_recv(&m, IPC_POLL), E_FAULT);
    m.rbuf = (void *)KADDR;
    expect("receive into the kernel", ipc_recv(&m, IPC_POLL), E_FAULT);
    m.rbuf = (void *)UNMAPPED;
    expect("receive into unmapped memory", ipc_recv(&m, IPC_POLL), E_FAULT);
    expect("receive descriptor in the kernel", sys_ipc(IPC_OP_RECV, 0, (void *)KADDR, IPC_POLL), E_FAULT);
    m = msg(0, 0);
    m.rpage = 0x40000001;
    expect("receive a page at a misaligned address", ipc_recv(&m, IPC_POLL), E_INVAL);
    m.rpage = 0;
    expect("poll with nothing pending", ipc_recv(&m, IPC_POLL), E_WOULDBLOCK);
    m.rbuf = (void *)KADDR;
    expect("a receive buffer of length 0 is not read", ipc_recv(&m, IPC_POLL), E_WOULDBLOCK);
    uint32_t t0 = sys_uptime();
    expect("receive times out", ipc_recv(&m, 10), E_TIMEOUT);
    uint32_t waited = sys_uptime() - t0;
    expect("the timeout took its 10 ticks", waited >= 10 && waited <= 30, 1);
    m = msg(LABEL_ECHO, 0);
    expect("non-blocking send with no receiver", ipc_send(EP_TEST2, &m, 1), E_WOULDBLOCK);
    expect("call with a timeout and no server", sys_ipc(IPC_OP_CALL, EP_TEST2, &m, 5), E_TIMEOUT);
}

static void forged_replies(void)
{
    uint32_t v = fork_child(victim, 0, CPU_ANY);
    shared[1] = 0;
    for (int i = 0; i < 20; i++)
        sys_yield();
    struct ipc_msg m = msg(0, 0);
    expect("reply to a task waiting on another endpoint", ipc_reply(v, &m), E_PERM);
    expect("reply to a task that is not waiting", ipc_reply(sys_getid(), &m), E_PERM);
    expect("reply to no task", ipc_reply(0x7777, &m), E_NOTASK);
    expect("the victim is still waiting", shared[1], 0);
    sys_task_destroy(v);
}

// An endpoint the root task closed (sys_ep_bind(ep, 0): proc gave its
// server up) answers every caller E_DEAD at once; binding it again
// opens it.
static void closed_endpoint(void)
{
    struct ipc_msg m = msg(1, 0);
    expect("close an endpoint", sys_ep_bind(EP_TEST2, 0), 0);
    expect("call a closed endpoint", ipc_call(EP_TEST2, &m), E_DEAD);
    m = msg(1, 0);
    expect("send to a closed endpoint", ipc_send(EP_TEST2, &m, IPC_POLL), E_DEAD);
    expect("close a bad endpoint", sys_ep_bind(99, 0), E_INVAL);
}

int main(void)
{
    // First, before any mapping changes: the kernel's cached descriptor
    // of a new task must not match address 0.
    expect("receive with the descriptor at address 0", sys_ipc(IPC_OP_RECV, 0, 0, IPC_POLL), E_FAULT);
    shared = shared_page(0x10000000);
    sys_page_alloc(0, RO_PAGE, PTE_P | PTE_U);
    sys_page_alloc(0, EDGE_PAGE, PTE_P | PTE_U | PTE_W);
    sys_page_alloc(0, SPAN_PAGES, PTE_P | PTE_U | PTE_W);
    sys_page_alloc(0, SPAN_PAGES + PGSIZE, PTE_P | PTE_U | PTE_W);
    sys_page_alloc(0, SPAN_PAGES + 2 * PGSIZE, PTE_P | PTE_U | PTE_W);
    uint32_t s = fork_child(server, 0, CPU_ANY);
    sys_ep_bind(EP_TEST, s);
    sender_side();
    page_boundaries();
    receiver_side();
    forged_replies();
    closed_endpoint();
    expect("notify with no bits", ipc_notify(sys_getid(), 0), E_INVAL);
    sys_irq_grant(0, 4);
    expect("irq on bit 31", sys_irq_register(4, 0x80000000u), E_INVAL);
    expect("acknowledge a line registered to nobody", sys_irq_ack(4), E_PERM);
    expect("acknowledge a line that does not exist", sys_irq_ack(99), E_INVAL);
    expect("the kernel still answers", sys_cputs("", 0), 0);
    cprintf("ipc_errors: %d of %d checks passed\n", passed, total);
    sys_halt(0);
    return 0;
}
