// Synchronous IPC, the general way: every operation with every option.
// A sender never spins: if the receiver is not waiting the sender sleeps
// on a queue, on the endpoint it sends to (or, for the kernel's fault
// reports, on the supervisor task).  When the receiver is waiting, the
// message goes across at once and a call hands the CPU straight to the
// server (hand_over).  The commonest round trips never get here: see
// fastpath.c.
//
// A message is copied exactly once, from the sender's memory to the
// receiver's, through both page tables.  The sender's identity is
// stamped here, never taken from the message.  All state is guarded by
// sched_lock, which every entry to this file holds.
#include "kernel.h"
#include "ipc.h"
#include "syscall.h"
#include "task.h"
#include "sched.h"
#include "vm.h"
#include "quota.h"
#include "message.h"
#include "sysno.h"
#include "resident.h"
#include "count.h"

_Static_assert(NENDPOINT < 32, "a task's endpoints fit one bit mask, which take_pending rotates");

struct endpoint endpoints[NENDPOINT];

static uint32_t deadline(uint32_t timeout)
{
    return timeout == IPC_FOREVER ? 0 : ticks + timeout;
}

// A task's descriptor, reached through its page tables.  Descriptors
// are 64-byte aligned (ipc.h), so one lookup covers all of it.
// A task uses the same descriptor call after call, so the last writable
// one found is remembered while no mapping has lost access since
// (vm_generation, vm.c).
int desc_lookup(struct task *t, uint32_t va, bool write, struct ipc_msg **out)
{
    if (va % sizeof(struct ipc_msg))
        return E_INVAL;
    physaddr_t pa = vm_lookup(t->pgdir, va, PTE_P | PTE_U | (write ? PTE_W : 0));
    if (!pa)
        return E_FAULT;
    *out = P2V(pa);
    if (write) {
        t->desc_va = va;
        t->desc_kva = *out;
        t->desc_gen = vm_generation;
    }
    return 0;
}

// The sender's half of a descriptor: a buffer it can read, a page it has.
int check_send_parts(struct task *t, const struct ipc_msg *m)
{
    if (m->slen > IPC_MAXBUF)
        return E_TOOBIG;
    if (m->slen && !user_range_ok(t->pgdir, (uint32_t)m->sbuf, m->slen, PTE_P | PTE_U))
        return E_FAULT;
    if (m->spage) {
        if (!user_page_va(m->spage) || !user_perm_ok(m->sperm))
            return E_INVAL;
        uint32_t need = PTE_P | PTE_U | (m->sperm & PTE_W);
        if (!vm_lookup(t->pgdir, m->spage, need))
            return E_FAULT;
    }
    return 0;
}

// The receiver's half: a buffer it can write, a sane place for a page.
// A server receives into the same buffer again and again: while no
// mapping anywhere has lost access (vm_generation), the last check holds.
static int check_recv_parts(struct task *t, const struct ipc_msg *m)
{
    uint32_t cap = capacity(m), rbuf = (uint32_t)m->rbuf;
    if (cap && !rbuf_known(t, rbuf, cap)) {
        if (!user_range_ok(t->pgdir, rbuf, cap, PTE_P | PTE_U | PTE_W))
            return E_FAULT;
        t->rbuf_ok = rbuf;
        t->rbuf_ok_len = cap;
        t->rbuf_ok_gen = vm_generation;
    }
    if (m->rpage && !user_page_va(m->rpage))
        return E_INVAL;
    return 0;
}

static inline int check_recv_side(struct task *t, const struct ipc_msg *m)
{
    return recv_side_known(t, m) ? 0 : check_recv_parts(t, m);
}

// Copy the bytes of the message from `from` (descriptor sd) into the
// buffer that `to` offers in its descriptor rd: how many, or the
// sender's error (its buffer does not fit what the receiver accepts, or
// its memory changed under it).  Every field that decides how much is
// copied where is read once, here, so a task sharing the page cannot
// change it between check and use; the count returned is the one the
// receiver's head must report.  The fast path copies with this too,
// and counts on the copy to check the sender's buffer: a copy that
// fails has changed nothing (copy_user_to_user).
int transfer_bytes(struct task *from, const struct ipc_msg *sd, struct task *to, const struct ipc_msg *rd)
{
    uint32_t rbuf = (uint32_t)rd->rbuf, cap = capacity(rd), sbuf = (uint32_t)sd->sbuf, slen = sd->slen;
    if (slen > cap || (slen && !rbuf))
        return E_TOOBIG;
    if (slen && copy_user_to_user(to->pgdir, rbuf, from->pgdir, sbuf, slen) < 0)
        return E_FAULT;
    kstat_add(KSTAT_COPY_BYTES, slen);
    return slen;
}

// Move one message from `from` (descriptor sd) into the descriptor at
// to_va in `to`.  The bytes and the page go first and the receiver's
// descriptor is written last, so a failure leaves it untouched.
static int transfer(struct task *from, const struct ipc_msg *sd, struct task *to, uint32_t to_va)
{
    struct ipc_msg *rd;
    int r = desc(to, to_va, true, &rd);
    if (r < 0)
        return r;
    uint32_t rpage = rd->rpage, rperm = 0, spage = sd->spage, sperm = sd->sperm;
    int slen = transfer_bytes(from, sd, to, rd);
    if (slen < 0)
        return slen;
    if (spage && rpage) {
        physaddr_t pa = vm_lookup(from->pgdir, spage, PTE_P | PTE_U | (sperm & PTE_W));
        if (!pa || (sperm & (PTE_P | PTE_U)) != (PTE_P | PTE_U))
            return E_FAULT;
        if (!user_page_va(rpage))
            return E_INVAL;
        rperm = sperm & PTE_SYSCALL;
        if (task_map(to, rpage, PTE_ADDR(pa), rperm) < 0)
            return E_NOMEM;
    } else {
        rpage = 0;
    }
    deliver_head(rd, sd, from->id, slen, rpage, rperm);
    if (trace_on)
        trace_record(from->id, to->id, rd->label, slen, rd->w);
    return 0;
}

// Write a message the kernel composes into the descriptor at msg_va in
// `to`: a resident server's reply (resident.c), a notification or a
// fault report.  The bytes it carries are the kernel's.
int ipc_deliver_kernel_reply(struct task *to, uint32_t msg_va, const struct ipc_msg *sd)
{
    struct ipc_msg *rd;
    int r = desc(to, msg_va, true, &rd);
    if (r < 0)
        return r;
    uint32_t rbuf = (uint32_t)rd->rbuf, cap = capacity(rd), slen = sd->slen;
    if (slen > cap || (slen && !rbuf))
        return E_TOOBIG;
    if (slen && copy_to_user(to->pgdir, rbuf, sd->sbuf, slen) < 0)
        return E_FAULT;
    kstat_add(KSTAT_COPY_BYTES, slen);
    deliver_head(rd, sd, IPC_SENDER_KERNEL, slen, 0, 0);
    return 0;
}

// A notification or fault report for a receiver waiting in receive.
static int deliver_kernel_msg(struct task *to, uint32_t label, const uint32_t *w, int nw)
{
    struct ipc_msg km = { .label = label };
    memcpy(km.w, w, nw * sizeof(*w));
    int r = ipc_deliver_kernel_reply(to, to->ipc_msg, &km);
    if (r == 0 && trace_on)
        trace_record(IPC_SENDER_KERNEL, to->id, label, 0, km.w);
    return r;
}

static void block(struct task *t, enum ipc_wait why, uint32_t msg_va, uint32_t timeout)
{
    task_block(t, why, deadline(timeout));
    t->ipc_msg = msg_va;
}

// After a queued sender's message has been taken: a caller now waits for
// the reply, a plain sender goes on.
static void sender_delivered(struct task *c, struct task *server)
{
    if (c->ipc_is_call) {
        c->ipc_wait = IW_REPLY;
        c->ipc_target = server->id;
    } else {
        task_wake(c, 0);
    }
}

// Try to give s, whose receive descriptor is at msg_va, something that
// is already waiting for it: notifications first, then fault reports,
// then callers queued on its endpoints.  0 if nothing waits; else the
// receive's result plus one (TOOK, or TOOK + IPC_MORE for a caller's
// message with another caller still queued).
#define TOOK 1

static int take_pending(struct task *s, uint32_t msg_va)
{
    s->ipc_msg = msg_va;
    if (s->notify_bits) {
        uint32_t bits = s->notify_bits;
        int r = deliver_kernel_msg(s, IPC_LABEL_NOTIFY, &bits, 1);
        if (r == 0)
            s->notify_bits = 0;
        return r < 0 ? r : TOOK;
    }
    struct task *f = taskq_pop(&s->faults);
    if (f) {
        int r = deliver_kernel_msg(s, IPC_LABEL_FAULT, f->fault, FAULT_WORDS);
        return r < 0 ? r : TOOK;
    }
    // The endpoints take turns, starting after the one served last, so a
    // busy endpoint cannot starve another of the same server.  Bit i of
    // `turn` is endpoint (first + i) % NENDPOINT.
    uint32_t first = s->ipc_ep_next, eps = s->ipc_eps;
    uint32_t turn = ((eps >> first) | (eps << (NENDPOINT - first))) & ((1u << NENDPOINT) - 1);
    for (; turn; turn &= turn - 1) {
        uint32_t ep = (first + __builtin_ctz(turn)) % NENDPOINT;
        struct endpoint *e = &endpoints[ep];
        struct task *c;
        while ((c = taskq_pop(&e->senders))) {
            struct ipc_msg *sd;
            int r = desc(c, c->ipc_msg, false, &sd);
            if (r == 0)
                r = transfer(c, sd, s, msg_va);
            if (r < 0) {
                task_wake(c, r);     // the sender's message was bad: it learns why
                continue;
            }
            sender_delivered(c, s);
            s->ipc_ep_next = (ep + 1) % NENDPOINT;
            return TOOK + (senders_waiting(s) ? IPC_MORE : 0);
        }
    }
    return 0;
}

// What a receive returns for take_pending's non-zero r: the error, or
// 0 / IPC_MORE.
static int received(int r)
{
    return r < 0 ? r : r - TOOK;
}

// s waits in receive, and something may wait for it now: deliver that.
static void offer_pending(struct task *s)
{
    int r = take_pending(s, s->ipc_msg);
    if (r != 0)
        task_wake(s, received(r));
}

static int do_send(struct task *c, uint32_t ep, uint32_t msg_va, bool call, bool nonblock, uint32_t timeout)
{
    struct ipc_msg *sd;
    if (!endpoint_valid(ep) || (timeout == 0 && !nonblock))
        return E_INVAL;
    struct endpoint *e = &endpoints[ep];
    if (!admitted(e, c))
        return E_PERM;
    int r = desc(c, msg_va, call, &sd);
    if (r == 0)
        r = check_send_side(c, sd);
    if (r == 0 && call)
        r = check_recv_side(c, sd);
    if (r < 0)
        return r;
    struct resident *rs = resident_lookup(ep);
    if (rs)
        return call ? resident_call(c, rs, sd, msg_va, deadline(timeout)) : E_NOSYS;
    if (e->closed)
        return E_DEAD;
    struct task *s = task_by_id(e->server);
    if (waiting_to_receive(s)) {
        if ((r = transfer(c, sd, s, s->ipc_msg)) < 0)
            return r;
        task_unblock(s, 0);
        if (!call) {
            make_runnable(s);
            return 0;
        }
        block(c, IW_REPLY, msg_va, timeout);
        c->ipc_target = s->id;
        hand_over(s);
        return c->ipc_result;
    }
    if (nonblock)
        return E_WOULDBLOCK;
    block(c, IW_SEND, msg_va, timeout);
    c->ipc_target = ep;
    c->ipc_is_call = call;
    taskq_append(&e->senders, c);
    sched();
    return c->ipc_result;
}

// Deliver s's reply (descriptor sd) to client.  On a bad reply the
// client is released with the error as its call's result, so it never
// waits for an answer that cannot come; the server gets the error too.
static int do_reply(struct task *s, uint32_t client, const struct ipc_msg *sd, struct task **out)
{
    struct task *c = task_by_id(client);
    if (!c)
        return E_NOTASK;
    if (!waiting_for_reply(c, s))
        return E_PERM;
    int r = check_send_side(s, sd);
    if (r == 0)
        r = transfer(s, sd, c, c->ipc_msg);
    task_unblock(c, r);
    *out = c;
    return r;
}

// A receiver's own descriptor: it must be writable (the message lands
// there) and describe a buffer it can write.  This checks early, to
// report the receiver's mistakes to the receiver; transfer() checks
// again what it uses.
static int receive_desc(struct task *s, uint32_t msg_va, struct ipc_msg **d)
{
    int r = desc(s, msg_va, true, d);
    return r < 0 ? r : check_recv_side(s, *d);
}

static int do_recv(struct task *s, uint32_t msg_va, uint32_t timeout)
{
    struct ipc_msg *d;
    int r = receive_desc(s, msg_va, &d);
    if (r < 0)
        return r;
    r = take_pending(s, msg_va);
    if (r != 0)
        return received(r);
    if (timeout == IPC_POLL)
        return E_WOULDBLOCK;
    block(s, IW_RECV, msg_va, timeout);
    sched();
    return s->ipc_result;
}

static int do_reply_recv(struct task *s, uint32_t client, uint32_t msg_va, uint32_t timeout)
{
    struct ipc_msg *d;
    struct task *c = 0;
    int r = receive_desc(s, msg_va, &d);
    if (r == 0)
        r = do_reply(s, client, d, &c);
    if (r == 0)
        r = take_pending(s, msg_va);
    if (r == 0 && timeout == IPC_POLL)
        r = E_WOULDBLOCK;
    if (r != 0) {
        if (c)
            make_runnable(c);
        return received(r);
    }
    // Nothing else waits for the server: the client gets this CPU
    // directly instead of a trip through the run queues.
    block(s, IW_RECV, msg_va, timeout);
    hand_over(c);
    return s->ipc_result;
}

// Whether t may send to some endpoint that server n serves: then it may
// notify n too.  A driver's interrupt bits are no easier to fake than a
// request to it is to make.
static bool admitted_by_server(const struct task *n, const struct task *t)
{
    for (uint32_t eps = n->ipc_eps; eps; eps &= eps - 1)
        if (admitted(&endpoints[__builtin_ctz(eps)], t))
            return true;
    return false;
}

static int do_notify(struct task *t, uint32_t target, uint32_t bits)
{
    struct task *n = task_by_id(target);
    if (bits == 0)
        return E_INVAL;     // an empty notification would wake the receiver for nothing
    if (!n)
        return E_NOTASK;
    if (!admitted_by_server(n, t) && !task_controls(t, n))
        return E_PERM;
    return ipc_notify_task(n, bits);
}

// Take t's pending bits for wait_notify, which returns them as its
// result, not in a message: so they are traced here.
static int take_notify_bits(struct task *t)
{
    uint32_t w[IPC_NWORDS] = { t->notify_bits & NOTIFY_BITS_MASK };
    t->notify_bits = 0;
    if (trace_on)
        trace_record(IPC_SENDER_KERNEL, t->id, IPC_LABEL_NOTIFY, 0, w);
    return w[0];
}

// Wait for notification bits only, leaving requests queued: a driver
// waiting for its device's interrupt in the middle of serving a request
// (also a resident driver, rt/kernel/krt.c, whose request must finish
// even in a task that was killed).  Caller holds sched_lock.
int ipc_await_notify(struct task *t, uint32_t timeout)
{
    if (t->notify_bits)
        return take_notify_bits(t);
    if (timeout == IPC_POLL)
        return E_WOULDBLOCK;
    block(t, IW_NOTIFY, 0, timeout);
    sched();
    return t->ipc_result;
}

int ipc_notify_task(struct task *n, uint32_t bits)
{
    n->notify_bits |= bits;
    if (n->state == TS_BLOCKED && n->ipc_wait == IW_NOTIFY)
        task_wake(n, take_notify_bits(n));
    else if (waiting_to_receive(n))
        offer_pending(n);      // the notification, which take_pending delivers first
    return 0;
}

int ipc_operation(struct task *t, uint32_t op, uint32_t arg, uint32_t msg_va, uint32_t timeout)
{
    if (t->killed)
        return E_DEAD;
    switch (op) {
    case IPC_OP_CALL:
        return do_send(t, arg, msg_va, true, false, timeout);
    case IPC_OP_SEND:
        return do_send(t, arg, msg_va, false, false, timeout);
    case IPC_OP_SEND_NB:
        return do_send(t, arg, msg_va, false, true, 0);
    case IPC_OP_RECV:
        return do_recv(t, msg_va, timeout);
    case IPC_OP_REPLY: {
        struct ipc_msg *d;
        struct task *c = 0;
        int r = desc(t, msg_va, false, &d);
        if (r == 0)
            r = do_reply(t, arg, d, &c);
        if (c)
            make_runnable(c);
        return r;
    }
    case IPC_OP_REPLY_RECV:
        kstat_inc(KSTAT_SLOW_REPLY_RECV);
        return do_reply_recv(t, arg, msg_va, timeout);
    case IPC_OP_NOTIFY:
        return do_notify(t, arg, msg_va & NOTIFY_BITS_MASK);
    case IPC_OP_WAIT_NOTIFY:
        kstat_inc(KSTAT_IPC_WAIT);
        return ipc_await_notify(t, timeout);
    default:
        return E_INVAL;
    }
}

// The system calls on endpoints (privileged: PRIV, syscall.c).
// SYS_ep_bind: task id serves endpoint ep from now on.  Id 0 closes ep:
// nobody will serve it again (proc gave its server up), so the callers
// queued there and every later one get E_DEAD instead of waiting.
int do_ep_bind(uint32_t ep, uint32_t id)
{
    struct task *server = task_by_id(id);
    if (id != 0 && !server)
        return E_NOTASK;
    if (!endpoint_valid(ep))
        return E_INVAL;
    struct endpoint *e = &endpoints[ep];
    struct task *old = task_by_id(e->server);
    if (old)
        old->ipc_eps &= ~(1u << ep);
    e->server = id;
    e->closed = !server;
    if (!server) {
        struct task *c;
        while ((c = taskq_pop(&e->senders)))
            task_wake(c, E_DEAD);
        return 0;
    }
    server->ipc_eps |= 1u << ep;
    // A server already waiting picks up the callers queued meanwhile.
    if (waiting_to_receive(server) && e->senders.head)
        offer_pending(server);
    return 0;
}

// SYS_ep_admit: who may send to endpoint ep from now on (EP_ADMIT bits,
// 0: everyone).  Callers already queued there were admitted when they sent.
int do_ep_admit(uint32_t ep, uint32_t admits)
{
    if (!endpoint_valid(ep) || (admits & ~((1u << NENDPOINT) - 1)))
        return E_INVAL;
    endpoints[ep].admits = admits;
    return 0;
}

// Called from trap() for a fault the task does not handle: stop it and
// report to its supervisor (its creator), which may destroy or restart
// it.  The report comes from IPC_SENDER_KERNEL, which no task can send
// as: the supervisor knows it is the kernel's.  Without a living
// supervisor the task simply ends.
void ipc_report_fault(struct task *t, uint32_t trapno, uint32_t eip, uint32_t addr, uint32_t err)
{
    acquire(&sched_lock);
    struct task *sup = task_by_id(t->parent);
    if (!sup) {
        release(&sched_lock);
        task_exit();
    }
    uint32_t report[FAULT_WORDS] = { t->id, trapno, eip, addr, err };
    memcpy(t->fault, report, sizeof(report));
    task_block(t, IW_FAULT, 0);
    if (waiting_to_receive(sup) && deliver_kernel_msg(sup, IPC_LABEL_FAULT, report, FAULT_WORDS) == 0) {
        task_wake(sup, 0);
    } else {
        taskq_append(&sup->faults, t);   // reports are read in the order of the faults
    }
    sched();
    // Resumed by its controller (ipc_resume_faulted) with new registers.
    release(&sched_lock);
}

// A faulted task's controller changes its state: take it off the
// supervisor's report queue if the report is still pending.
void ipc_resume_faulted(struct task *t)
{
    struct task *sup = task_by_id(t->parent);
    if (sup)
        taskq_remove(&sup->faults, t);
    t->ipc_wait = IW_NONE;
}

// Undo everything IPC knows about a task that is going away.
void ipc_task_gone(struct task *t)
{
    if (t->state == TS_BLOCKED && t->ipc_wait == IW_SEND)
        taskq_remove(&endpoints[t->ipc_target].senders, t);
    if (t->state == TS_BLOCKED && t->ipc_wait == IW_FAULT)
        ipc_resume_faulted(t);
    resident_task_gone(t);
    t->ipc_wait = IW_NONE;
    for (uint32_t eps = t->ipc_eps; eps; eps &= eps - 1)
        endpoints[__builtin_ctz(eps)].server = 0;   // queued callers wait for the next server
    t->ipc_eps = 0;
    for (int i = 0; i < NTASK; i++) {
        struct task *c = &tasks[i];
        if (waiting_for_reply(c, t))
            task_wake(c, E_RESTART);           // the request was taken but never answered
    }
    // Tasks stopped for t's decision, their reports read or not, die
    // with t like all its children (task.c, orphans_die).
    irq_task_gone(t);
}

// Only the waits a call with a timeout begins have a deadline (block:
// send, receive, the reply to a call, notify; a resident server's turn);
// a fault has none.  A task that times out leaves the queue it waits in
// (an endpoint's senders, a resident server's line).
void ipc_timeouts(uint32_t now)
{
    for (int i = 0; i < NTASK; i++) {
        struct task *t = &tasks[i];
        if (t->state != TS_BLOCKED || !t->timeout_at || t->timeout_at > now)
            continue;
        if (t->queue)
            taskq_remove(t->queue, t);
        task_wake(t, E_TIMEOUT);
    }
}
