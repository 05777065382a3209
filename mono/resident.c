// Resident endpoints (mono mode only; docs/mono.md).  A server linked
// into the kernel serves its endpoint in the caller's thread: the call
// traps once, its message is copied in and checked by the very
// dispatcher the server task runs in micro mode, and the reply is copied
// out as an IPC reply is.  There is no server task and no address-space
// switch.
//
// A server's code was written for one thread: its handlers run one at a
// time.  So one task at a time is inside it (`holder`); the others wait
// for their turn (IW_RESIDENT).  The server code runs without sched_lock,
// so it may block the calling task (a driver waiting for its interrupt,
// rt/kernel/krt.c); a task inside a server is not freed when it is
// killed, but leaves first (task_kill).
#include "kernel.h"
#include "task.h"
#include "sched.h"
#include "vm.h"
#include "ipc.h"
#include "resident.h"
#include "idl.h"
#include "count.h"
#include "trace.h"

// The entry points of the servers the Makefile links in (MONO_SERVERS):
// what `objcopy --keep-global-symbol` left global in each.  The
// generated dispatchers are declared by their headers, so a change of
// their signature cannot slip past this table.
#include "blk_server.h"
#include "console_server.h"
typedef int dispatch_fn(const struct ipc_msg *req, struct ipc_msg *reply, void *reply_buf);
int ide_start(void);
int fs_start(void);
dispatch_fn fs_request;
int console_start(void);
void console_interrupt(uint32_t bits);

// The registers resume_set records (resume.S, which knows this layout).
struct resume_point {
    uint32_t ebx, esi, edi, ebp, esp, eip;
};
int resume_set(struct resume_point *p) __attribute__((returns_twice));
void resume_at(struct resume_point *p) __attribute__((noreturn));

struct resident {
    uint32_t ep;
    const char *name;
    int (*start)(void);     // the server's start-up, run by its first caller
    dispatch_fn *dispatch;
    void (*interrupt)(uint32_t bits);   // a driver's interrupt hook, or 0 (see below)
    bool started;           // its start-up has begun
    bool started_up;        // and ended
    int start_result;
    uint32_t holder;        // the task inside the server, 0 if none
    struct taskq waiters;   // tasks waiting to go in (IW_RESIDENT), oldest first
    uint32_t caller;        // the task whose request is being served, 0 if none
    struct ipc_msg early;   // the deferred answer to caller, if it came during its own call
    bool answered_early;
    uint32_t pending;       // interrupt bits that came while someone was inside
    uint32_t lines;         // a driver's IRQ lines (a bit each) that wake the task inside
    struct resume_point *resume;    // while its code serves a request: where resident_fail goes on
    uint8_t request[IPC_MAXBUF];
    uint8_t reply[IPC_MAXBUF];
};

// ide first: fs's start-up calls it.
static struct resident residents[] = {
    { .ep = EP_BLK, .name = "ide", .start = ide_start, .dispatch = blk_dispatch },
    { .ep = EP_FS, .name = "fs", .start = fs_start, .dispatch = fs_request },
    { .ep = EP_CONSOLE, .name = "console", .start = console_start, .dispatch = console_dispatch,
      .interrupt = console_interrupt },
};

// Who is inside a server while it takes an interrupt: no task.
#define HOLDER_INTERRUPT 0xffffffffu

// A caller whose answer was deferred waits as an IPC caller waits for
// its reply (IW_REPLY), for a server with this id, which no task has.
#define RESIDENT_SERVER(rs) TRACE_RESIDENT_ID((rs)->ep)

// Whether t waits for a deferred answer from rs.  Caller holds sched_lock.
static bool waiting_for_answer(const struct task *t, const struct resident *rs)
{
    return t->state == TS_BLOCKED && t->ipc_wait == IW_REPLY && t->ipc_target == RESIDENT_SERVER(rs);
}

struct resident *resident_lookup(uint32_t ep)
{
    for (uint32_t i = 0; i < NELEM(residents); i++)
        if (residents[i].ep == ep)
            return &residents[i];
    return 0;
}

// For the root task (bootinfo): which endpoints need no server task.
uint32_t resident_endpoints(void)
{
    uint32_t eps = 0;
    for (uint32_t i = 0; i < NELEM(residents); i++)
        eps |= 1u << residents[i].ep;
    return eps;
}

// The server whose interrupt hook each CPU is running, or 0.  A hook
// may answer a client (resident_reply) in no task's thread, or in a
// thread that has left the server already (leave); it never blocks, so
// the CPU it runs on names it.
static struct resident *hook_running[NCPU];

// Run the interrupts that came while someone was inside rs, as a server
// task takes them between two requests.  Caller holds sched_lock and
// is inside rs; so it is on return.
static void run_hooks(struct resident *rs)
{
    struct resident **running = &hook_running[mycpu()->index];
    if (rs->start_result < 0)
        rs->pending = 0;        // a server that never started or was stopped (resident_fail)
    while (rs->pending) {
        uint32_t bits = rs->pending;
        rs->pending = 0;
        release(&sched_lock);
        *running = rs;
        rs->interrupt(bits);
        *running = 0;
        acquire(&sched_lock);
    }
}

// run_hooks, on every way out of a server: mostly nothing came.
static inline void take_interrupts(struct resident *rs)
{
    if (rs->pending)
        run_hooks(rs);
}

// Caller holds sched_lock.  Leave rs, handing it to the task that has
// waited longest (enter), if any.
static void leave(struct resident *rs)
{
    take_interrupts(rs);
    struct task *w = taskq_pop(&rs->waiters);
    rs->holder = w ? w->id : 0;
    if (w)
        task_wake(w, 0);
}

// Caller holds sched_lock.  Go into rs, or wait in line until leave()
// hands it over: callers go in in the order they came, as requests wait
// at a server task's endpoint in micro mode.  (Were all waiters woken to
// try again, the task leaving could go straight back in, and a task
// inside at a server's level (sched.c, run_level) would keep a program
// out for good.)  The wait ends at the call's deadline (timeout_at, 0:
// none), as a wait at an endpoint does (ipc_timeouts).  A killed task
// gives up unless it is inside another server already (fs calling ide):
// that request must finish, and its waits are bounded; a killed task
// that waits in line is freed there (resident_task_gone).
static int enter(struct task *c, struct resident *rs, uint32_t timeout_at)
{
    if (!rs->holder) {
        rs->holder = c->id;
        return 0;
    }
    if (c->killed && !c->in_server)
        return E_DEAD;
    task_block(c, IW_RESIDENT, timeout_at);
    taskq_append(&rs->waiters, c);
    sched();
    if (c->ipc_result == E_TIMEOUT)
        return E_TIMEOUT;
    if (c->killed && !c->in_server) {
        leave(rs);      // killed after it was handed rs: hand it on
        return E_DEAD;
    }
    return 0;
}

// Whether t is inside a server, or has been handed one and not run yet
// (leave).  Caller holds sched_lock.
bool resident_holder(const struct task *t)
{
    for (uint32_t i = 0; i < NELEM(residents); i++)
        if (residents[i].holder == t->id)
            return true;
    return false;
}

// A task going away while it waits to go in (ipc_task_gone): off the queue.
void resident_task_gone(struct task *t)
{
    if (t->state == TS_BLOCKED && t->ipc_wait == IW_RESIDENT)
        taskq_remove(t->queue, t);
}

// Run the server on the request in kernel memory; the answer goes to
// *reply (its bytes to rs->reply or the server's own memory).  Runs
// without sched_lock.  IDL_DEFER if the answer comes later.
static int serve_request(struct resident *rs, const struct ipc_msg *req, struct ipc_msg *reply)
{
    if (!rs->started) {
        rs->started = true;
        rs->start_result = rs->start();
        rs->started_up = true;
    }
    if (rs->start_result < 0) {
        idl_reply_error(reply, E_IO);
        return 0;
    }
    return rs->dispatch(req, reply, rs->reply);
}

// serve_request, from a resume point that resident_fail returns to if
// the server fails during it.  *served: the TSC ticks the server took,
// its waits included, which are not the resident path's own cost
// (KSTAT_RESIDENT_TSC); 0 after a failure.
static int serve(struct resident *rs, const struct ipc_msg *req, struct ipc_msg *reply, uint64_t *served)
{
    struct resume_point here;
    int r;
    *served = 0;
    rs->resume = &here;
    if (resume_set(&here) == 0) {
        uint64_t t0 = rdtsc();
        r = serve_request(rs, req, reply);
        *served = rdtsc() - t0;
    } else {
        idl_reply_error(reply, E_IO);
        r = 0;
    }
    rs->resume = 0;
    return r;
}

// The lines of a driver without a hook go to the task inside it as it
// goes in, before it can issue a command: given over only when it waits,
// they let the interrupt of a command issued just before go to the task
// that ran the driver last, or be lost to a line that task's end masked
// (irq_task_gone).  Caller holds sched_lock.
static void lines_follow(struct resident *rs, struct task *c)
{
    for (uint32_t lines = rs->lines; lines; lines &= lines - 1)
        irq_follow(__builtin_ctz(lines), c);
}

// Serve req for c, which has entered rs: run the server without
// sched_lock.  Caller holds sched_lock, as on return.  *deferred says
// the answer comes later (resident_reply); an answer that came during
// the call itself is in *reply.  Returns the TSC ticks the server took
// (serve).
static uint64_t serve_inside(struct task *c, struct resident *rs, const struct ipc_msg *req,
                             struct ipc_msg *reply, bool *deferred)
{
    struct resident *outer = c->in_server;
    c->in_server = rs;
    kstat_inc(KSTAT_RESIDENT);
    rs->caller = c->id;
    rs->answered_early = false;
    lines_follow(rs, c);
    if (trace_on)
        trace_record(c->id, TRACE_RESIDENT_ID(rs->ep), req->label, req->slen, req->w);
    release(&sched_lock);
    uint64_t served;
    *deferred = serve(rs, req, reply, &served) == IDL_DEFER;
    acquire(&sched_lock);
    // Take the interrupts that came meanwhile while c is still the
    // caller: input one of them completes for c's deferred read is then
    // kept as its early answer.  Taken later (leave), it would find c
    // neither the caller nor yet waiting, and be lost with c blocked.
    take_interrupts(rs);
    if (*deferred && rs->answered_early) {
        *reply = rs->early;
        *deferred = false;
    }
    rs->caller = 0;
    c->in_server = outer;
    if (trace_on && !*deferred)
        trace_record(TRACE_RESIDENT_ID(rs->ep), c->id, reply->label, reply->slen, reply->w);
    return served;
}

// Count a resident call's own cost: the ticks since it went in (t0),
// less those the server took.  The figure the bench prices a resident
// call with (docs/mono.md, "Explaining micro − mono").
static void count_own_ticks(uint64_t t0, uint64_t served)
{
    kstat_add(KSTAT_RESIDENT_TSC, (uint32_t)(rdtsc() - t0 - served));
}

// A call from c to rs's endpoint: the send and receive sides of sd were
// checked as for IPC (do_send); timeout_at is the call's deadline tick (0:
// none).  Caller holds sched_lock, as on return.
int resident_call(struct task *c, struct resident *rs, const struct ipc_msg *sd, uint32_t msg_va,
                  uint32_t timeout_at)
{
    // Read the descriptor once, and check its length again on this copy:
    // sd is in the caller's memory, which another task may share and
    // change after do_send checked it; rs->request holds IPC_MAXBUF.
    struct ipc_msg req = *sd, reply;
    bool deferred = false;
    uint64_t served = 0;
    if (req.slen > IPC_MAXBUF)
        return E_TOOBIG;
    int r = enter(c, rs, timeout_at);
    if (r < 0)
        return r;
    uint64_t t0 = rdtsc();
    if (req.slen && copy_from_user(c->pgdir, rs->request, (uint32_t)req.sbuf, req.slen) < 0) {
        r = E_FAULT;
    } else {
        kstat_add(KSTAT_COPY_BYTES, req.slen);
        kstat_add(KSTAT_RESIDENT_BYTES, req.slen);
    }
    req.sender = c->id;
    req.rbuf = rs->request;
    req.rlen = req.slen;
    req.rpage = 0;
    if (r == 0)
        served = serve_inside(c, rs, &req, &reply, &deferred);
    if (r == 0 && !deferred && (r = ipc_deliver_kernel_reply(c, msg_va, &reply)) == 0)
        kstat_add(KSTAT_RESIDENT_BYTES, reply.slen);
    leave(rs);
    count_own_ticks(t0, served);
    kstat_add(KSTAT_SERVED_TSC, (uint32_t)served);     // the bench takes it off its unit of this call
    if (r < 0 || !deferred)
        return r;
    if (c->killed)
        return E_DEAD;      // killed while inside: it leaves now (trap)
    // As an IPC caller whose request was taken: kill and the call's
    // timeout end the wait as they end that one.
    task_block(c, IW_REPLY, timeout_at);
    c->ipc_target = RESIDENT_SERVER(rs);
    c->ipc_msg = msg_va;
    sched();
    return c->ipc_result;
}

// A call made by a server linked in to another (fs to ide, through the
// runtime's ipc_call_retry): the message is in kernel memory, and so is
// the answer.  Without sched_lock.
int resident_kernel_call(uint32_t ep, struct ipc_msg *m)
{
    struct resident *rs = resident_lookup(ep);
    struct task *c = mytask();
    struct ipc_msg req = *m, reply;
    bool deferred;
    if (!rs)
        return E_NOSYS;
    kstat_inc(KSTAT_RESIDENT_KERNEL);
    req.sender = c->id;
    req.rbuf = (void *)m->sbuf;
    req.rlen = m->slen;
    acquire(&sched_lock);
    int r = enter(c, rs, 0);
    uint64_t t0 = rdtsc(), served = 0;
    if (r == 0) {
        served = serve_inside(c, rs, &req, &reply, &deferred);
        leave(rs);
    }
    release(&sched_lock);
    if (r < 0)
        return r;
    if (deferred)
        panic("resident call between servers deferred");
    if (reply.slen > m->rlen || (reply.slen && !m->rbuf))
        return E_TOOBIG;
    memmove(m->rbuf, reply.sbuf, reply.slen);
    m->label = reply.label;
    m->sender = RESIDENT_SERVER(rs);
    memmove(m->w, reply.w, sizeof(m->w));
    m->rlen = reply.slen;
    m->rpage = 0;
    m->rperm = 0;
    count_own_ticks(t0, served);
    return 0;
}

// A server that cannot go on, in c's thread: a fault in its code, caught
// by trap(), or its own end (krt_task_exit).  In micro mode its task
// would end and be restarted; here nothing can restart it.  The server c
// runs stops for good, as if its start-up had failed: the call that met
// the failure and every later one are answered E_IO (serve), and tasks
// waiting for a deferred answer from it get E_IO now.  The call goes on
// from the server's resume point, the server's frames dropped.  Returns
// only if the failure is not the server's alone: no task is running a
// server's request, an interrupt hook is running, or the CPU holds a
// lock.
void resident_fail(struct task *c)
{
    struct resident *rs = c ? c->in_server : 0;
    if (!rs || !rs->resume || hook_running[mycpu()->index] || mycpu()->nlocks)
        return;
    kprintf("kernel: %s, linked into the kernel, failed in task %x: it is stopped, and calls to it fail\n",
            rs->name, c->id);
    acquire(&sched_lock);
    rs->started = rs->started_up = true;
    rs->start_result = E_IO;
    for (struct task *t = tasks; t < tasks + NTASK; t++)
        if (waiting_for_answer(t, rs))
            task_wake(t, E_IO);
    release(&sched_lock);
    resume_at(rs->resume);
}

// The server whose code this CPU runs: an interrupt hook's, or else the
// innermost one the current task is inside.
static struct resident *answering(void)
{
    struct cpu *cpu = mycpu();
    struct resident *rs = hook_running[cpu->index];
    if (!rs && cpu->task)
        rs = cpu->task->in_server;
    if (!rs)
        panic("resident_reply outside a server");
    return rs;
}

// A deferred answer from the server this thread runs (the runtime's
// ipc_reply): to the task whose request it is serving now, if the
// answer came before it could wait, or to a task waiting in the kernel
// for this server's answer.  Any other client is refused, as do_reply
// (ipc.c) refuses a server task's reply to a task not waiting for it:
// an answer to a call that timed out must not end the client's next
// call, to another server.  An answer delivered here returns the
// delivery's error, as ipc_reply would, so the server can keep what it
// could not give (the console's input).  An early one returns 0: its
// caller gets it from resident_call, and if that delivery fails the
// server does not learn of it.  Without sched_lock.
int resident_reply(uint32_t client, const struct ipc_msg *m)
{
    acquire(&sched_lock);
    struct resident *rs = answering();
    struct task *c = task_by_id(client);
    int r = E_PERM;
    if (!c) {
        r = E_NOTASK;
    } else if (rs->caller == client) {
        rs->early = *m;
        rs->answered_early = true;
        r = 0;
    } else if (waiting_for_answer(c, rs)) {
        r = ipc_deliver_kernel_reply(c, c->ipc_msg, m);
        task_wake(c, r);
    }
    release(&sched_lock);
    return r;
}

// Interrupts for a server that has an interrupt hook (the console's
// input): there is no task to notify, so the server takes the interrupt
// in the kernel, in whatever context it came, at once if nobody is
// inside it and otherwise when the one inside leaves (take_interrupts).
// The line stays masked until the hook acknowledges it (resident_irq_ack).
static struct {
    struct resident *rs;
    uint32_t bit;
} irq_hooks[NIRQ];

// The server starting up in task me (its start-up registers lines), or 0.
static struct resident *starting_in(uint32_t me)
{
    for (uint32_t i = 0; i < NELEM(residents); i++)
        if (residents[i].holder == me && !residents[i].started_up)
            return &residents[i];
    return 0;
}

// From the in-kernel runtime: this task registers line irq.  A server
// starting up with an interrupt hook takes the line here: 0.  Otherwise
// the line is the task's, as a driver task's is (irq_register), and once
// the kernel has given it, it follows the task inside the server
// (lines_follow): RESIDENT_IRQ_TASK.  A line refused (E_BUSY: another
// task holds it) stays with its holder.
int resident_irq_register(int irq, uint32_t bit)
{
    struct task *me = mytask();
    struct resident *rs = starting_in(me->id);
    if (irq <= 0 || irq >= NIRQ)
        return E_INVAL;
    if (rs && rs->interrupt) {
        irq_hooks[irq].rs = rs;
        irq_hooks[irq].bit = bit;
        ioapic_unmask(irq);
        return 0;
    }
    acquire(&sched_lock);
    int r = irq_register(me, irq, bit);
    if (r == 0 && rs)
        rs->lines |= 1u << irq;
    release(&sched_lock);
    return r < 0 ? r : RESIDENT_IRQ_TASK;
}

// 1 if line irq is a server's with a hook: unmask it.
int resident_irq_ack(int irq)
{
    if (irq <= 0 || irq >= NIRQ || !irq_hooks[irq].rs)
        return 0;
    ioapic_unmask(irq);
    return 1;
}

// From irq_deliver, the line masked: true if a server's hook takes it.
bool resident_interrupt(int irq)
{
    struct resident *rs = irq_hooks[irq].rs;
    if (!rs)
        return false;
    acquire(&sched_lock);
    rs->pending |= irq_hooks[irq].bit;
    if (!rs->holder) {
        rs->holder = HOLDER_INTERRUPT;
        leave(rs);
    }
    release(&sched_lock);
    return true;
}
