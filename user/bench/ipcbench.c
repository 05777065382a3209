// The IPC benchmark, run as the root task.  Each figure is the median
// over ROUNDS rounds of the time-stamp-counter cost per operation of
// ITERS operations.  Under QEMU's -icount shift=0 the counter advances
// once per guest instruction, so the same figure is an exact instruction
// count; under plain TCG it is emulated time.  The host script
// (tools/bench) boots both ways and names the unit.
#include "bench.h"
#include "bootinfo.h"
#include "bench_client.h"
#include "bench_server.h"

#define ITERS 2000
#define LABEL_BENCH IPC_LABEL(0x1b0, 1, 1)
// A timeout no round trip comes near (in ticks): passing it instead of
// IPC_FOREVER sends a trap the general way (the fast path takes only
// waits without a timeout), so the *_general figures price that path.
#define GENERAL 1000000

// Page-aligned, as fs's slot buffers are: a buffer that straddles a
// page boundary costs the kernel's copy a page lookup more on each
// side, so where the linker happens to put these would move the
// per-byte unit (docs/mono.md).
#define PAGE_ALIGNED __attribute__((aligned(PGSIZE)))
static char sendbuf[IPC_MAXBUF] PAGE_ALIGNED, recvbuf[IPC_MAXBUF] PAGE_ALIGNED;
static char srv_in[IPC_MAXBUF] PAGE_ALIGNED, srv_out[IPC_MAXBUF] PAGE_ALIGNED;

static void bench_null_syscall(void)
{
    uint32_t per_op[ROUNDS], k0[KSTAT_N], ks[KSTAT_N] = { 0 };
    kstat_begin(k0);
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < ITERS; i++)
            sys_getid();
        per_op[r] = (rdtsc() - t0) / ITERS;
    }
    kstat_end(ks, k0);
    report_kstat("null_syscall", ks, ROUNDS * ITERS);
    report("null_syscall", per_op, 1);
}

// The direct floor of a round trip: two null system calls (the call's
// trap and the reply's) plus two address-space switches (to the server
// and back), each part measured in this boot.  The switches come from
// sys_switch_probe: its cost with PROBE_SWITCHES pairs less its cost
// with none, so the probe's own entry and lock do not count.
#define PROBE_SWITCHES 64

static uint32_t cost_of(uint32_t pairs)
{
    uint64_t t0 = rdtsc();
    for (int i = 0; i < ITERS / 16; i++)
        sys_switch_probe(pairs);
    return (rdtsc() - t0) / (ITERS / 16);
}

static void bench_floor_direct(void)
{
    uint32_t per_op[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < ITERS; i++)
            sys_getid();
        uint32_t null = (rdtsc() - t0) / ITERS;
        uint32_t pair = (cost_of(PROBE_SWITCHES) - cost_of(0)) / PROBE_SWITCHES;
        per_op[r] = 2 * null + pair;
    }
    report("ipc_floor_direct", per_op, 1);
}

// IPC traps that switch nothing, each refused by the general path: a
// poll of an endpoint nobody calls (a server's poll for more requests is
// one), a poll for a notification when none is there (a driver's wait
// for its interrupt, less the waiting), and a call to a closed endpoint.
// Each answers E_WOULDBLOCK if it went as expected.  Units of
// tools/bench's model of micro - mono, so each loop starts its
// descriptor as a generated stub does (idl_msg_start), not with memset:
// the runtime's memset is a byte loop that would cost about as much as
// the traps these units price (docs/mono.md).
static int poll_recv(void)
{
    struct ipc_msg m;
    idl_msg_start(&m);
    return ipc_recv(&m, IPC_POLL);
}

static int poll_notify(void)
{
    return ipc_wait_notify(IPC_POLL);
}

// A call to an endpoint nobody will serve again (closed: bound to no
// task), refused with E_DEAD: the path a call to a server in the kernel
// takes, with every check of its descriptor, up to where it finds the
// server linked in (do_send).  It expects a 64-byte answer, as a stub
// does whose answer carries bytes.
static int call_closed(void)
{
    struct ipc_msg m;
    idl_msg_start(&m);
    m.label = LABEL_BENCH;
    m.rbuf = recvbuf;
    m.rlen = 64;
    int r = ipc_call(EP_TEST2, &m);
    return r == E_DEAD ? E_WOULDBLOCK : r;
}

// A call to the console with a label it does not serve, answered at
// once with E_VERSION.  Made only where the kernel serves the console
// itself (mono mode): there it is a resident call with all of its path
// (the descriptor's copy, going into the server and out) and the
// console's dispatcher, whose time the kernel counts apart (served_tsc).
// No bytes either way, as the fast path's words-only round trip.  The
// bench prices a resident call with it.
static int call_resident(void)
{
    struct ipc_msg m;
    idl_msg_start(&m);
    m.label = LABEL_BENCH;
    int r = ipc_call(EP_CONSOLE, &m);
    return r == 0 && (int)m.label == E_VERSION ? E_WOULDBLOCK : r;
}

static void bench_poll(const char *name, int (*poll)(void))
{
    uint32_t per_op[ROUNDS], k0[KSTAT_N], ks[KSTAT_N] = { 0 }, wrong = 0;
    kstat_begin(k0);
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < ITERS; i++)
            if (poll() != E_WOULDBLOCK)
                wrong++;
        per_op[r] = (rdtsc() - t0) / ITERS;
    }
    kstat_end(ks, k0);
    if (wrong)
        cprintf("bench error: %s got %u wrong answers\n", name, wrong);
    report_kstat(name, ks, ROUNDS * ITERS);
    report(name, per_op, 1);
}

// The partner of the yield measurement: give the CPU to the scheduler.
static void yielder(uint32_t unused)
{
    (void)unused;
    for (;;)
        sys_yield();
}

// A switch through the scheduler loop (where a task that blocks goes):
// two tasks on one CPU yielding in turn, one yield there and back.
static void bench_sched_yield(uint32_t partner)
{
    uint32_t per_op[ROUNDS], k0[KSTAT_N], ks[KSTAT_N] = { 0 };
    kstat_begin(k0);
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < ITERS; i++)
            sys_yield();
        per_op[r] = (rdtsc() - t0) / ITERS;
    }
    kstat_end(ks, k0);
    report_kstat("sched_yield", ks, ROUNDS * ITERS);
    report("sched_yield", per_op, 1);
    sys_task_destroy(partner);
}

// The partner of the floor measurement: hand the CPU straight back.
static void bouncer(uint32_t root)
{
    for (;;)
        sys_yield_to(root);
}

// One round of the floor: the cost of one directed yield there and back.
static uint32_t floor_round(uint32_t partner)
{
    uint64_t t0 = rdtsc();
    for (int i = 0; i < ITERS; i++)
        sys_yield_to(partner);
    return (rdtsc() - t0) / ITERS;
}

// Answers every call with as many bytes as it asked for in w[1], and
// waits for the next with `timeout`: IPC_FOREVER, or GENERAL for the
// *_general figures.
static void server(uint32_t timeout)
{
    struct ipc_msg m;
    memset(&m, 0, sizeof(m));
    m.rbuf = srv_in;
    m.rlen = sizeof(srv_in);
    ipc_recv(&m, IPC_FOREVER);
    for (;;) {
        m.sbuf = srv_out;
        m.slen = m.w[1];
        m.label = 0;
        m.rbuf = srv_in;
        m.rlen = sizeof(srv_in);
        ipc_reply_recv(m.sender, &m, timeout);
    }
}

// One round of calls sending `bytes` and answered with `answer` bytes,
// each call waiting with `timeout`: the cost of one round trip.  Inlined
// with a constant timeout, so each figure's loop holds one kind of call.
static inline __attribute__((always_inline))
uint32_t round_with(uint32_t bytes, uint32_t answer, uint32_t timeout)
{
    struct ipc_msg m;
    uint64_t t0 = rdtsc();
    for (int i = 0; i < ITERS; i++) {
        m.label = LABEL_BENCH;
        m.w[0] = i;
        m.w[1] = answer;
        m.sbuf = sendbuf;
        m.slen = bytes;
        m.rbuf = recvbuf;
        m.rlen = answer;
        m.spage = m.rpage = 0;
        if (timeout == IPC_FOREVER)
            ipc_call(EP_TEST, &m);
        else
            sys_ipc(IPC_OP_CALL, EP_TEST, &m, timeout);
    }
    return (rdtsc() - t0) / ITERS;
}

static uint32_t roundtrip_round(uint32_t bytes, uint32_t answer, bool general_call)
{
    return general_call ? round_with(bytes, answer, GENERAL) : round_with(bytes, answer, IPC_FOREVER);
}

static void bench_roundtrip(const char *name, uint32_t bytes, uint32_t answer, bool general_call, int cpus)
{
    uint32_t per_op[ROUNDS], k0[KSTAT_N], ks[KSTAT_N] = { 0 };
    struct ipc_msg warm = { .label = LABEL_BENCH, .w = { 0, answer }, .rbuf = recvbuf, .rlen = answer };
    ipc_call(EP_TEST, &warm);       // makes the receive buffer writable (libipc), which sys_ipc does not
    kstat_begin(k0);
    for (int r = 0; r < ROUNDS; r++)
        per_op[r] = roundtrip_round(bytes, answer, general_call);
    kstat_end(ks, k0);
    report_kstat(name, ks, ROUNDS * ITERS);
    report(name, per_op, cpus);
}

// The floor and the round trip, a round of each in turn, so that in TSC
// ticks (host time, which drifts with whatever else the host does) both
// see the same host and their ratio means something.  The floor's
// partner is stopped while the round trip runs, so it cannot take a turn.
static void bench_floor_and_roundtrip(uint32_t partner)
{
    uint32_t floor[ROUNDS], roundtrip[ROUNDS], k0[KSTAT_N], kf[KSTAT_N] = { 0 }, kr[KSTAT_N] = { 0 };
    for (int r = 0; r < ROUNDS; r++) {
        sys_set_state(partner, TASK_RUNNABLE);
        kstat_begin(k0);
        floor[r] = floor_round(partner);
        kstat_end(kf, k0);
        sys_set_state(partner, TASK_STOPPED);
        kstat_begin(k0);
        roundtrip[r] = roundtrip_round(0, 0, false);
        kstat_end(kr, k0);
    }
    report_kstat("ipc_floor", kf, ROUNDS * ITERS);
    report_kstat("ipc_roundtrip", kr, ROUNDS * ITERS);
    report("ipc_floor", floor, 1);
    report("ipc_roundtrip", roundtrip, 1);
}

// The generated server side of idl/bench.idl: its serve loop and
// dispatcher call this handler.
int bench_do_echo(uint32_t client, uint32_t a, uint32_t b, uint32_t *a1, uint32_t *b1)
{
    (void)client;
    *a1 = a + 1;
    *b1 = b + 1;
    return 0;
}

static void idl_server(uint32_t unused)
{
    (void)unused;
    bench_serve(0);
}

// The round trip as programs make it: a generated client stub, the
// server's generated dispatcher and its handler.  Every answer is
// checked, so a figure from a broken path cannot pass for a fast one.
static void bench_roundtrip_idl(void)
{
    uint32_t per_op[ROUNDS], wrong = 0, k0[KSTAT_N], ks[KSTAT_N] = { 0 };
    kstat_begin(k0);
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = rdtsc();
        for (uint32_t i = 0; i < ITERS; i++) {
            uint32_t a1, b1;
            if (bench_call_echo(i, ~i, &a1, &b1) != 0 || a1 != i + 1 || b1 != ~i + 1)
                wrong++;
        }
        per_op[r] = (rdtsc() - t0) / ITERS;
    }
    kstat_end(ks, k0);
    if (wrong)
        cprintf("bench error: ipc_roundtrip_idl got %u wrong answers\n", wrong);
    report_kstat("ipc_roundtrip_idl", ks, ROUNDS * ITERS);
    report("ipc_roundtrip_idl", per_op, 1);
}

static uint32_t start(void (*fn)(uint32_t), uint32_t arg, uint32_t cpu)
{
    int id = cow_fork(0);
    if (id == 0) {
        fn(arg);
        task_exit();
    }
    sys_set_affinity(id, cpu);
    sys_set_state(id, TASK_RUNNABLE);
    return id;
}

int main(void)
{
    const struct bootinfo *bi = (const struct bootinfo *)UBOOTINFO;
    uint32_t ncpu = bi->ncpu;
    memset(sendbuf, 'x', sizeof(sendbuf));
    memset(srv_out, 'y', sizeof(srv_out));
    sys_set_affinity(0, 0);
    bench_null_syscall();
    bench_floor_direct();
    sys_ep_bind(EP_TEST2, sys_getid());
    bench_poll("ipc_poll", poll_recv);
    bench_poll("ipc_wait_poll", poll_notify);
    sys_ep_bind(EP_TEST2, 0);
    bench_poll("ipc_call_closed", call_closed);
    if (bi->resident_eps & (1u << EP_CONSOLE)) {
        call_resident();            // the console's start-up, not to be counted
        bench_poll("ipc_call_resident", call_resident);
    }

    uint32_t b = start(bouncer, sys_getid(), 0);
    for (int i = 0; i < 10; i++)
        sys_yield_to(b);
    uint32_t s = start(server, IPC_FOREVER, 0);
    sys_ep_bind(EP_TEST, s);
    struct ipc_msg first = { .label = LABEL_BENCH };
    ipc_call(EP_TEST, &first);      // the server now waits in receive, off the run queue
    bench_floor_and_roundtrip(b);
    sys_task_destroy(b);
    bench_sched_yield(start(yielder, 0, 0));
    bench_roundtrip("ipc_roundtrip_4k", IPC_MAXBUF, IPC_MAXBUF, false, 1);
    bench_roundtrip("ipc_roundtrip_64", 64, 64, false, 1);
    bench_roundtrip("ipc_roundtrip_answer_64", 0, 64, false, 1);
    sys_task_destroy(s);

    s = start(server, GENERAL, 0);
    sys_ep_bind(EP_TEST, s);
    bench_roundtrip("ipc_roundtrip_answer_64_general", 0, 64, false, 1);
    bench_roundtrip("ipc_roundtrip_64_general", 64, 64, true, 1);
    sys_task_destroy(s);

    s = start(idl_server, 0, 0);
    sys_ep_bind(BENCH_ENDPOINT, s);
    bench_roundtrip_idl();
    sys_task_destroy(s);

    if (ncpu >= 2) {
        s = start(server, IPC_FOREVER, 1);
        sys_ep_bind(EP_TEST, s);
        bench_roundtrip("ipc_roundtrip_xcpu", 0, 0, false, 2);
        sys_task_destroy(s);
    }
    cprintf("bench done\n");
    sys_halt(0);
    return 0;
}
