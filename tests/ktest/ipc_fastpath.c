// The IPC fast path (ukernel/fastpath.c) does what the general path does.
// Every task is pinned to CPU 0, so a call finds its server waiting on
// the same CPU and the fast path applies by construction:
//   echo:    500 calls of words only between the same tasks; every tenth
//            carries bytes too, every tenth goes to a second server,
//            and every tenth follows an operation that failed in the
//            general path (a refused send; the server polls in vain now
//            and then too), whose error must not come back from the
//            fast one.  Every word, the label, the bytes and the sender
//            are checked, and the kernel's counts of the traps the fast
//            path finished (task_info.ipc_fast, and kstat's
//            ipc_fast_bytes for those with bytes) must show it took
//            nearly all the calls and replies, bytes or not;
//   bytes:   between tasks that meet every other condition of the fast
//            path, a call whose send buffer is unmapped (E_FAULT), one
//            larger than the server accepts (E_TOOBIG) and an answer
//            larger than the client accepts (E_TOOBIG to both) fail as
//            the general path fails them, reach nobody, and the calls
//            after them are answered right, by the fast path;
//   queued:  while the server holds a request, a second server's reply
//            to that caller is refused (E_PERM), and a caller queued
//            meanwhile makes the reply to the held one take the general
//            path; the held and the queued caller are both answered;
//   caller:  a client blocked in a fast-path call is destroyed; the
//            server's late reply to it gets E_NOTASK, and the server
//            goes on answering;
//   slot:    a fresh client forked into the destroyed one's slot calls
//            as if nothing had happened there;
//   two:     a client that calls from two descriptors in turn, as a
//            program does whose two stubs' frames differ, still takes
//            the fast path: it looks a descriptor it does not know up
//            as the general path does, rather than giving up;
//   server:  the server dies while a client waits in a fast-path call:
//            the client gets E_RESTART, and its retried call is answered
//            by a fresh server bound to the endpoint.
#include "ktest.h"
#include "kstat.h"

#define LABEL_ECHO IPC_LABEL(0x106, 1, 1)
#define LABEL_HOLD IPC_LABEL(0x106, 1, 2)   // taken, and answered only when notified
#define LABEL_FORGE IPC_LABEL(0x106, 1, 3)  // reply to task w[0] first, answer what that returned
#define EP_NOBODY (EP_TEST2 + 1)            // never bound
#define ECHO_CALLS 500
#define EVERY 10            // one call in ten carries bytes, one goes to the second server
#define POLL_EVERY 7        // the server polls before every seventh reply
#define WARMUP 5            // calls that make both descriptors known before a held one
#define SLOT_CALLS 100
#define TWO_CALLS 100
#define AFTER_CALLS 20
#define NOTE_POLL 1         // notification bits for a server holding a request:
#define NOTE_REPLY 2        // poll first (see server()), or just reply
#define UNMAPPED 0x50000000u      // an address no test task maps
#define SLOT(id) ((id) & 0xff)      // a task id is slot | generation << 8 (ukernel/task.h)
#define WAIT_SECONDS 5      // how long a scenario may hang before it fails
#define WAIT_TICKS (WAIT_SECONDS * 100)     // at 100 ticks a second (HZ, ukernel/param.h)
#define SLACK_CALLS 4       // the echo's words-only calls and replies that
#define SLACK_REPLIES 2     // may go the general way: see scenario_echo

struct shared {
    uint32_t polls, polls_empty;    // the servers' polls, and those that found nothing
    uint32_t server, server2;       // who the clients expect to answer on EP_TEST, EP_TEST2
    uint32_t held;          // the client whose LABEL_HOLD request the server holds
    int32_t poll;           // the server's poll just before its late reply
    int32_t late_reply;     // what its reply to the held client returned
    uint32_t late_done;
    uint32_t ready, go;     // the queued client has made its first call; may make its second
    uint32_t warm;          // warm-up calls answered correctly
    uint32_t returned;      // the held client came back from its call
    int32_t held_result;    // ... with this
    uint32_t held_good, queued_good;
    uint32_t good, bytes, second, refused, cpus;    // a client's tally
    uint32_t fast;          // ... and its calls the fast path finished
    uint32_t replies_refused;       // a server's answers that were too big for their caller
    int32_t unmapped, too_big, big_answer;  // scenario_bytes's refused calls
    uint32_t bytes_good, bytes_fast;        // ... and its good calls, and those that went fast
    uint32_t two_good, two_fast;    // scenario_two's calls answered right, and those that went fast
    int32_t retry;          // the retried call's result
    uint32_t retry_good, retry_sender;
};
static volatile struct shared *sh;

static int passed, total;

static void expect(const char *name, int got, int want)
{
    total++;
    passed += check(name, got, want);
}

static uint32_t twist(uint32_t w, int k)
{
    return w * 2654435761u + 0x9e3779b9u * (uint32_t)(k + 1);
}

static char reqbuf[64], repbuf[64];

static void receive_into(struct ipc_msg *m)
{
    m->rbuf = reqbuf;
    m->rlen = sizeof(reqbuf);
    m->rpage = 0;
}

// The answer to a request of n bytes: label and every word transformed,
// the bytes reversed.  Words only if the request was.
static void answer(struct ipc_msg *m, uint32_t n)
{
    m->label = ~m->label + n;
    for (int k = 0; k < IPC_NWORDS; k++)
        m->w[k] = twist(m->w[k], k);
    for (uint32_t i = 0; i < n; i++)
        repbuf[i] = reqbuf[n - 1 - i];
    m->sbuf = n ? repbuf : 0;
    m->slen = n;
    m->spage = 0;
}

static void server(uint32_t unused)
{
    (void)unused;
    struct ipc_msg m = msg(0, 0);
    receive_into(&m);
    int r = ipc_recv(&m, IPC_FOREVER);
    for (uint32_t served = 1;; served++) {
        if (r == E_TOOBIG) {
            // An answer its client could not take (scenario_bytes): the
            // client got the error too; wait for the next request.
            sh->replies_refused++;
            receive_into(&m);
            r = ipc_recv(&m, IPC_FOREVER);
            continue;
        }
        if (r < 0) {
            cprintf("fastpath: server receive failed: %s\n", ipc_strerror(r));
            return;
        }
        uint32_t client = m.sender, n = m.rlen;
        if (m.label == LABEL_FORGE) {
            // Answer task w[0], which waits for another server, and tell
            // the client what that returned.  Mappings have changed
            // since our last receive (forks); a poll on the same
            // descriptor finds nothing but checks it and the buffer
            // again, so the reply meets every condition of the fast
            // path but the one it must fail.
            uint32_t victim = m.w[0];
            receive_into(&m);
            ipc_recv(&m, IPC_POLL);
            int forged = ipc_reply_recv(victim, &m, IPC_FOREVER);
            m.label = (uint32_t)forged;
            r = ipc_reply_recv(client, &m, IPC_FOREVER);
            continue;
        }
        answer(&m, n);
        receive_into(&m);
        if (m.label == ~LABEL_HOLD) {
            sh->held = client;
            if (ipc_wait_notify(IPC_FOREVER) & NOTE_POLL) {
                // The client was destroyed meanwhile, which changed
                // mappings: the poll again makes the reply meet the
                // fast path's conditions, and it is the fast path that
                // finds the client gone.
                sh->poll = ipc_recv(&m, IPC_POLL);
                r = ipc_reply_recv(client, &m, IPC_FOREVER);
                sh->late_reply = r;
                sh->late_done = 1;
                if (r < 0) {
                    receive_into(&m);
                    r = ipc_recv(&m, IPC_FOREVER);
                }
                continue;
            }
        } else if (served % POLL_EVERY == 0) {
            // Nothing else is sent to us: the poll fails and leaves the
            // descriptor as it is.
            sh->polls++;
            sh->polls_empty += ipc_recv(&m, IPC_POLL) == E_WOULDBLOCK;
        }
        r = ipc_reply_recv(client, &m, IPC_FOREVER);
    }
}

// A client's descriptor and buffers, at one address call after call.
struct caller {
    struct ipc_msg m;
    char out[32], in[32];
    int result;
    uint32_t sender;
};

// One call to ep, words only if n is 0, else with n bytes; 1 if the
// answer is exactly right and comes from server (any server if 0).
static int echo_call(struct caller *c, uint32_t ep, uint32_t label, uint32_t i, uint32_t n, uint32_t server)
{
    struct ipc_msg *m = &c->m;
    uint32_t w[IPC_NWORDS];
    *m = msg(label, 0);
    for (int k = 0; k < IPC_NWORDS; k++)
        m->w[k] = w[k] = i * 1000003u + k * 7919u + 1;
    for (uint32_t j = 0; j < n; j++)
        c->out[j] = 'a' + (i + j) % 26;
    memset(c->in, 0, sizeof(c->in));
    m->sbuf = n ? c->out : 0;
    m->slen = n;
    m->rbuf = c->in;
    m->rlen = sizeof(c->in);
    c->result = ipc_call(ep, m);
    c->sender = m->sender;
    if (c->result != 0 || (server && m->sender != server) || m->label != ~label + n || m->rlen != n)
        return 0;
    for (int k = 0; k < IPC_NWORDS; k++)
        if (m->w[k] != twist(w[k], k))
            return 0;
    for (uint32_t j = 0; j < n; j++)
        if (c->in[j] != c->out[n - 1 - j])
            return 0;
    return 1;
}

// IPC traps of task id (0: the caller) that the fast path finished so
// far; 0 if there is no such task.
static uint32_t fast_traps(uint32_t id)
{
    struct task_info info;
    return sys_task_info(id, &info) == 0 ? info.ipc_fast : 0;
}

// calls checked calls, mostly words only to sh->server.
static void echo_client(uint32_t calls)
{
    struct caller c;
    uint32_t good = 0, bytes = 0, second = 0, refused = 0, cpus = 0;
    uint32_t fast = fast_traps(0);
    for (uint32_t i = 0; i < calls; i++) {
        uint32_t n = i % EVERY == 9 ? 1 + i % 20 : 0;
        uint32_t to_second = i % EVERY == 3 && sh->server2;
        if (i % EVERY == 5) {
            c.m = msg(LABEL_ECHO, i);
            refused += ipc_send(EP_NOBODY, &c.m, 1) == E_WOULDBLOCK;
        }
        if (to_second)
            good += echo_call(&c, EP_TEST2, LABEL_ECHO, i, n, sh->server2);
        else
            good += echo_call(&c, EP_TEST, LABEL_ECHO, i, n, sh->server);
        bytes += n != 0;
        second += to_second;
        cpus |= 1u << sys_cpu();
    }
    sh->good = good;
    sh->bytes = bytes;
    sh->second = second;
    sh->refused = refused;
    sh->cpus = cpus;
    sh->fast = fast_traps(0) - fast;
}

// Warm-up calls, then a words-only call the server takes and holds, from
// the same descriptor: it blocks in the fast path.  1 if answered right.
static int held_call(struct caller *c)
{
    uint32_t good = 0;
    for (uint32_t i = 0; i < WARMUP; i++)
        good += echo_call(c, EP_TEST, LABEL_ECHO, i, 0, sh->server);
    sh->warm = good;
    return echo_call(c, EP_TEST, LABEL_HOLD, WARMUP, 0, sh->server);
}

// Is answered when the server is notified.
static void held_client(uint32_t unused)
{
    (void)unused;
    struct caller c;
    sh->held_good = held_call(&c);
}

// Calls while the server holds another client's request.  (Its first
// call comes before, while it is the only caller: the server's polls
// take nothing only while nobody else calls.)
static void queued_client(uint32_t unused)
{
    (void)unused;
    struct caller c;
    uint32_t good = echo_call(&c, EP_TEST, LABEL_ECHO, 100, 0, sh->server);
    sh->ready = 1;
    while (!sh->go)
        sys_yield();
    sh->queued_good = good + echo_call(&c, EP_TEST, LABEL_ECHO, 101, 0, sh->server);
}

// A held call whose outcome the root reads: its result, and that the
// caller came back from it at all.
static void held_call_reported(struct caller *c)
{
    held_call(c);
    sh->held_result = c->result;
    sh->returned = 1;
}

// Is destroyed while it waits; never comes back.
static void doomed_client(uint32_t unused)
{
    (void)unused;
    struct caller c;
    held_call_reported(&c);
}

// Waits while its server is killed, then retries with the next one.
static void restart_client(uint32_t unused)
{
    (void)unused;
    struct caller c;
    held_call_reported(&c);
    if (c.result != E_RESTART)
        return;
    cprintf("fastpath: client got E_RESTART, retrying\n");
    uint32_t good = echo_call(&c, EP_TEST, LABEL_ECHO, 0, 0, 0);
    sh->retry = c.result;
    sh->retry_sender = c.sender;
    for (uint32_t i = 1; i <= AFTER_CALLS; i++)
        good += echo_call(&c, EP_TEST, LABEL_ECHO, i, i % EVERY == 0 ? 8 : 0, sh->retry_sender);
    sh->retry_good = good;
}

// Wait, yielding, until cond holds; a scenario that hangs fails after
// WAIT_SECONDS instead of running into the harness's timeout.
#define AWAIT(cond, what)                                                              \
    do {                                                                               \
        uint32_t start_ = sys_uptime();                                                \
        while (!(cond)) {                                                              \
            if (sys_uptime() - start_ > WAIT_TICKS) {                                  \
                cprintf("fastpath: FAILED: waited %d s for %s\n", WAIT_SECONDS, what); \
                sys_halt(1);                                                           \
            }                                                                          \
            sys_yield();                                                               \
        }                                                                              \
    } while (0)

static int alive(uint32_t id)
{
    struct task_info info;
    return sys_task_info(id, &info) == 0;
}

// Whether task id is blocked (in IPC, here), or gone.
static int blocked(uint32_t id)
{
    struct task_info info;
    return sys_task_info(id, &info) < 0 || info.state == TASK_INFO_BLOCKED;
}

static void reset_shared(uint32_t server)
{
    uint32_t polls = sh->polls, polls_empty = sh->polls_empty;
    memset((void *)sh, 0, sizeof(*sh));
    sh->polls = polls;
    sh->polls_empty = polls_empty;
    sh->server = server;
    sh->poll = sh->late_reply = sh->held_result = sh->retry = 1;    // not a result
}

// A check that lo <= got <= hi.
static void expect_within(const char *name, int got, int lo, int hi)
{
    if (got < lo || got > hi)
        cprintf("fastpath: %s: %d, not within %d..%d\n", name, got, lo, hi);
    expect(name, got >= lo && got <= hi, 1);
}

// echo: one client's calls to servers s and s2, which wait on EP_TEST
// and EP_TEST2.  A words-only call finds its server waiting, and each
// words-only request gets a words-only reply from a server nobody else
// calls, so all of them meet the fast path's conditions but one: a
// descriptor or buffer is known only once the general path has checked
// it since the last change of mappings anywhere (vm_generation).  So
// the first call to each server goes the general way (the client's
// descriptor is new; s2's was checked in its first receive, before the
// client's first writes, copy-on-write faults, changed mappings), and
// so does each server's first reply: 2 calls and 1 reply a server, in
// every run so far on 1 and 2 CPUs.  The slack allows for one more
// change of mappings in the middle of the echo (a later first write to
// a page of the client's), which costs as many again.  A refused send
// from the call's own descriptor, a failed poll, a call or reply with
// bytes change nothing the fast path needs: what follows goes fast.
// A call with bytes into the buffer a words-only call offers too, and a
// reply with bytes, meet the same conditions: they go fast as well.
// Nobody else makes IPC meanwhile (the root only yields), so kstat's
// count of fast traps with bytes is the echo's.
static void scenario_echo(uint32_t s, uint32_t s2)
{
    uint32_t k0[KSTAT_N], k1[KSTAT_N];
    reset_shared(s);
    sh->server2 = s2;
    uint32_t fast_s = fast_traps(s), fast_s2 = fast_traps(s2);
    sys_kstat(k0);
    uint32_t c = fork_child(echo_client, ECHO_CALLS, 0);
    AWAIT(!alive(c), "the echo client");
    sys_kstat(k1);
    fast_s = fast_traps(s) - fast_s;
    fast_s2 = fast_traps(s2) - fast_s2;
    int fast_bytes = k1[KSTAT_IPC_FAST_BYTES] - k0[KSTAT_IPC_FAST_BYTES];
    cprintf("fastpath echo: %d of %d replies correct, %d with bytes, %d to the second server, "
            "%d after a refused send, %d of %d server polls empty, client cpus %x\n",
            sh->good, ECHO_CALLS, sh->bytes, sh->second, sh->refused, sh->polls_empty, sh->polls, sh->cpus);
    // Replies carry bytes just when the requests do; the bytes go to s.
    int calls_s2 = sh->second, calls_s = ECHO_CALLS - calls_s2, bytes = 2 * sh->bytes;
    cprintf("fastpath counts: client %d of %d calls, server %d of %d and second server %d of %d "
            "replies, %d of %d calls and replies with bytes\n",
            sh->fast, ECHO_CALLS, fast_s, calls_s, fast_s2, calls_s2, fast_bytes, bytes);
    expect_within("client's fast calls", sh->fast, ECHO_CALLS - SLACK_CALLS, ECHO_CALLS);
    expect_within("server's fast replies", fast_s, calls_s - SLACK_REPLIES, calls_s);
    expect_within("second server's fast replies", fast_s2, calls_s2 - SLACK_REPLIES, calls_s2);
    expect_within("fast calls and replies with bytes", fast_bytes, bytes - SLACK_CALLS - SLACK_REPLIES, bytes);
}

// A call to sh->server from c's descriptor with n bytes from sbuf, whose
// answer c accepts up to rlen bytes: the call's result.
static int bytes_call(struct caller *c, const void *sbuf, uint32_t n, uint32_t rlen)
{
    c->m = msg(LABEL_ECHO, n);
    c->m.sbuf = (void *)sbuf;
    c->m.slen = n;
    c->m.rbuf = c->in;
    c->m.rlen = rlen;
    return ipc_call(EP_TEST, &c->m);
}

static char oversized[sizeof(reqbuf) + 1];

// Warm-up calls make the descriptor and both buffers known, so each bad
// call below meets every condition of the fast path but its own fault.
static void bytes_client(uint32_t unused)
{
    (void)unused;
    struct caller c;
    uint32_t good = 0;
    for (uint32_t i = 0; i < WARMUP; i++)
        good += echo_call(&c, EP_TEST, LABEL_ECHO, i, 8, sh->server);
    uint32_t fast = fast_traps(0);
    sh->unmapped = bytes_call(&c, (void *)UNMAPPED, 10, sizeof(c.in));
    sh->too_big = bytes_call(&c, oversized, sizeof(oversized), sizeof(c.in));
    sh->big_answer = bytes_call(&c, c.out, 20, 8);      // the echo answers 20 bytes
    for (uint32_t i = 0; i < WARMUP; i++)
        good += echo_call(&c, EP_TEST, LABEL_ECHO, 100 + i, 8, sh->server);
    sh->bytes_fast = fast_traps(0) - fast;
    sh->bytes_good = good;
}

// bytes: messages with bytes the fast path must refuse as the general
// path does.  The call with the oversized answer itself goes fast (its
// request is fine); the two refused calls never reach the server.
static void scenario_bytes(uint32_t s)
{
    reset_shared(s);
    uint32_t c = fork_child(bytes_client, 0, 0);
    AWAIT(!alive(c), "the bytes client");
    expect("call with an unmapped send buffer", sh->unmapped, E_FAULT);
    expect("call with more than the server accepts", sh->too_big, E_TOOBIG);
    expect("answer with more than the client accepts", sh->big_answer, E_TOOBIG);
    expect("the server learns its answer was refused", sh->replies_refused, 1);
    expect("calls with bytes around the refused ones answered right", sh->bytes_good, 2 * WARMUP);
    expect_within("fast calls after the warm-up", sh->bytes_fast, WARMUP + 1 - SLACK_CALLS, WARMUP + 1);
}

// queued: while server s holds a request, a forged reply from s2 and a
// queued caller.  Ends s2.
static void scenario_queued(uint32_t s, uint32_t s2)
{
    reset_shared(s);
    uint32_t queued = fork_child(queued_client, 0, 0);
    AWAIT(sh->ready, "the second caller's first call");
    uint32_t holder = fork_child(held_client, 0, 0);
    AWAIT(sh->held == holder, "the server to hold a request");
    AWAIT(blocked(holder) && blocked(s), "the holder and the server to block");
    // The second server answers the holder, which waits for the first.
    // (A timeout: if the forged reply went through, this call is never
    // answered.)  Nothing between here and the first server's reply may
    // change a mapping (a copy-on-write fault of ours would), or that
    // reply takes the general path for that reason alone: the checks wait.
    struct ipc_msg forge = msg(LABEL_FORGE, holder);
    int forge_call = sys_ipc(IPC_OP_CALL, EP_TEST2, &forge, WAIT_TICKS);
    int forged = (int)forge.label;
    sh->go = 1;
    AWAIT(blocked(queued), "the second caller to queue");
    int r = ipc_notify(s, NOTE_REPLY);
    AWAIT(!alive(holder) && !alive(queued), "both callers");
    expect("call the second server", forge_call, 0);
    expect("second server's reply to a caller of the first", forged, E_PERM);
    expect("notify the server holding a request", r, 0);
    expect("warm-up calls of the holder", sh->warm, WARMUP);
    expect("held call answered", sh->held_good, 1);
    expect("caller queued meanwhile answered", sh->queued_good, 2);
    sys_task_destroy(s2);
}

// caller: a caller destroyed while it waits in a fast-path call.
// Returns its id.
static uint32_t scenario_caller(uint32_t s)
{
    struct task_info info;
    reset_shared(s);
    uint32_t doomed = fork_child(doomed_client, 0, 0);
    AWAIT(sh->held == doomed, "the server to hold the doomed caller's request");
    AWAIT(blocked(doomed) && blocked(s), "the doomed caller and the server to block");
    expect("warm-up calls of the doomed caller", sh->warm, WARMUP);
    expect("destroy the caller waiting for its reply", sys_task_destroy(doomed), 0);
    expect("the destroyed caller is gone", sys_task_info(doomed, &info), E_NOTASK);
    expect("notify the server", ipc_notify(s, NOTE_POLL), 0);
    AWAIT(sh->late_done, "the server's late reply");
    expect("server's poll before its late reply", sh->poll, E_WOULDBLOCK);
    expect("late reply to the destroyed caller", sh->late_reply, E_NOTASK);
    expect("the destroyed caller never returned", sh->returned, 0);
    struct caller me;
    int good = 0;
    for (uint32_t i = 0; i < 3; i++)
        good += echo_call(&me, EP_TEST, LABEL_ECHO, 1000 + i, i == 1 ? 5 : 0, s);
    expect("server answers the root after the late reply", good, 3);
    return doomed;
}

// slot: a fresh client in the slot of the destroyed caller doomed.
static void scenario_slot(uint32_t s, uint32_t doomed)
{
    reset_shared(s);
    uint32_t c = fork_child(echo_client, SLOT_CALLS, 0);
    cprintf("fastpath slot: destroyed caller was task %x, fresh client is task %x\n", doomed, c);
    expect("fresh client in the destroyed caller's slot", SLOT(c) == SLOT(doomed) && c != doomed, 1);
    AWAIT(!alive(c), "the fresh client");
    expect("fresh client's calls answered correctly", sh->good, SLOT_CALLS);
    expect("fresh client's calls with bytes", sh->bytes, SLOT_CALLS / EVERY);
}

// Words-only calls from two descriptors in turn (no receive buffer, so
// only the descriptor differs from one call to the next).
static void two_desc_client(uint32_t calls)
{
    struct ipc_msg d[2];
    uint32_t good = 0, fast = fast_traps(0);
    for (uint32_t i = 0; i < calls; i++) {
        struct ipc_msg *m = &d[i % 2];
        *m = msg(LABEL_ECHO, i);
        good += ipc_call(EP_TEST, m) == 0 && m->label == ~LABEL_ECHO && m->w[0] == twist(i, 0) &&
                m->sender == sh->server;
    }
    sh->two_good = good;
    sh->two_fast = fast_traps(0) - fast;
}

// two: every call misses the descriptor the client used last.  The
// first call from each descriptor, and any after a change of mappings,
// may go the general way (the slack, as in scenario_echo).
static void scenario_two(uint32_t s)
{
    reset_shared(s);
    uint32_t c = fork_child(two_desc_client, TWO_CALLS, 0);
    AWAIT(!alive(c), "the two-descriptor client");
    cprintf("fastpath two: %d of %d calls answered right, %d fast\n", sh->two_good, TWO_CALLS, sh->two_fast);
    expect("calls from two descriptors answered right", sh->two_good, TWO_CALLS);
    expect_within("fast calls from two descriptors", sh->two_fast, TWO_CALLS - SLACK_CALLS, TWO_CALLS);
}

// server: server s dies while a caller waits in a fast-path call.
static void scenario_server(uint32_t s)
{
    reset_shared(s);
    uint32_t c = fork_child(restart_client, 0, 0);
    AWAIT(sh->held == c, "the server to hold the waiting client's request");
    AWAIT(blocked(c) && blocked(s), "the waiting client and the server to block");
    expect("warm-up calls of the waiting client", sh->warm, WARMUP);
    expect("destroy the server holding the request", sys_task_destroy(s), 0);
    AWAIT(sh->returned, "the waiting client to come back");
    expect("waiting client's call when its server died", sh->held_result, E_RESTART);
    AWAIT(blocked(c), "the retry to wait on the endpoint, which has no server");
    uint32_t s3 = fork_child(server, 0, 0);
    sys_ep_bind(EP_TEST, s3);
    cprintf("fastpath restart: endpoint rebound to a new server\n");
    AWAIT(!alive(c), "the retrying client");
    expect("retried call", sh->retry, 0);
    expect("retried call answered by the new server", sh->retry_sender == s3, 1);
    expect("calls after the retry answered correctly", sh->retry_good, 1 + AFTER_CALLS);
    expect("every server poll found nothing", sh->polls_empty, sh->polls);
}

int main(void)
{
    sh = shared_page(0x10000000);
    // Everybody on CPU 0, at one priority, taking turns.
    sys_set_affinity(0, 0);
    sys_set_priority(0, PRIO_DEFAULT);
    uint32_t s = fork_child(server, 0, 0);
    sys_ep_bind(EP_TEST, s);
    uint32_t s2 = fork_child(server, 0, 0);
    sys_ep_bind(EP_TEST2, s2);

    scenario_echo(s, s2);
    scenario_bytes(s);
    scenario_queued(s, s2);
    uint32_t doomed = scenario_caller(s);
    scenario_slot(s, doomed);
    scenario_two(s);
    scenario_server(s);

    cprintf("fastpath: %d of %d checks passed\n", passed, total);
    sys_halt(0);
    return 0;
}
