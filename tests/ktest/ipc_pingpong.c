// Ping-pong between a client and a server through an endpoint, first
// with both on one CPU, then pinned to two CPUs.  Every reply carries
// the request's words and bytes transformed, and the client checks them.
#include "ktest.h"

#define ROUNDS 500
#define LABEL_PING IPC_LABEL(0x100, 1, 1)

static char reqbuf[256], repbuf[256];

static void server(uint32_t unused)
{
    (void)unused;
    struct ipc_msg m = msg(0, 0);
    m.rbuf = reqbuf;
    m.rlen = sizeof(reqbuf);
    int r = ipc_recv(&m, IPC_FOREVER);
    for (;;) {
        if (r < 0) {
            cprintf("pingpong: server receive failed: %s\n", ipc_strerror(r));
            return;
        }
        // Answer: words + 1, bytes reversed, label = bytes received.
        uint32_t n = m.rlen, client = m.sender;
        for (uint32_t i = 0; i < n; i++)
            repbuf[i] = reqbuf[n - 1 - i];
        for (int i = 0; i < IPC_NWORDS; i++)
            m.w[i]++;
        m.label = n;
        m.sbuf = repbuf;
        m.slen = n;
        m.rbuf = reqbuf;
        m.rlen = sizeof(reqbuf);
        r = ipc_reply_recv(client, &m, IPC_FOREVER);
    }
}

static int client_round(int i, uint32_t server_id)
{
    char out[64], in[64];
    int n = snprintf_rt(out, sizeof(out), "ping %d", i);
    struct ipc_msg m = msg(LABEL_PING, i);
    for (int k = 1; k < IPC_NWORDS; k++)
        m.w[k] = i * 10 + k;
    m.sbuf = out;
    m.slen = n;
    m.rbuf = in;
    m.rlen = sizeof(in);
    int r = ipc_call(EP_TEST, &m);
    if (r < 0 || m.label != (uint32_t)n || m.rlen != (uint32_t)n || m.sender != server_id)
        return 0;
    for (int k = 0; k < n; k++)
        if (in[k] != out[n - 1 - k])
            return 0;
    for (int k = 1; k < IPC_NWORDS; k++)
        if (m.w[k] != (uint32_t)(i * 10 + k + 1))
            return 0;
    return m.w[0] == (uint32_t)i + 1;
}

static volatile uint32_t *report;

static void client(uint32_t server_id)
{
    int ok = 0, cpus = 0;
    for (int i = 0; i < ROUNDS; i++) {
        ok += client_round(i, server_id);
        cpus |= 1 << sys_cpu();
    }
    report[0] = ok;
    report[1] = cpus;
}

static void run(const char *name, uint32_t server_cpu, uint32_t client_cpu)
{
    uint32_t s = fork_child(server, 0, server_cpu);
    sys_ep_bind(EP_TEST, s);
    uint32_t c = fork_child(client, s, client_cpu);
    wait_gone(c);
    cprintf("pingpong %s: %d of %d rounds correct, client cpus %x\n", name, report[0], ROUNDS, report[1]);
    sys_task_destroy(s);
}

int main(void)
{
    report = shared_page(0x10000000);
    // The root steps aside so the pair has the CPUs to itself.
    sys_set_priority(0, PRIO_DEFAULT);
    run("one-cpu", 0, 0);
    if (ncpus() >= 2)
        run("cross-cpu", 1, 0);
    sys_halt(0);
    return 0;
}
