// The kernel side of IPC (ipc.c): endpoints, the rendezvous operations,
// notifications, interrupts delivered as notifications, fault reports to
// supervisors, and clean-up when a task dies.
#ifndef UK_IPC_H
#define UK_IPC_H

#include "types.h"
#include "task.h"
#include "vm.h"

// Notification bits 0-30: wait_notify returns them as a positive int.
#define NOTIFY_BITS_MASK 0x7fffffffu

struct endpoint {
    uint32_t server;            // bound task id, 0 while unbound
    uint32_t admits;            // who may send: 0 everyone, else EP_ADMIT bits (message.h)
    bool closed;                // given up by proc: callers get E_DEAD, none wait
    struct taskq senders;       // callers waiting for the server to receive
};

extern struct endpoint endpoints[NENDPOINT];

// The IPC trap's operations the general way; the caller holds sched_lock.
int ipc_operation(struct task *t, uint32_t op, uint32_t arg, uint32_t msg_va, uint32_t timeout);
int ipc_await_notify(struct task *t, uint32_t timeout);

// Whether the descriptor at va in t is the one t used last, and no
// mapping anywhere has lost access since (vm_generation): then it is
// still writable and t->desc_kva reaches it without a page-table walk.
static inline bool desc_known(struct task *t, uint32_t va)
{
    return va == t->desc_va && t->desc_gen == vm_generation;
}

// t's descriptor at va through its page tables, which the kernel may
// write if `write`: E_INVAL if misaligned, E_FAULT if t has no such page.
// A writable one found becomes the one t used last (desc_known).
int desc_lookup(struct task *t, uint32_t va, bool write, struct ipc_msg **out);

// t's descriptor at va: the one it used last without a walk, else
// desc_lookup's answer.  Every IPC operation finds its descriptor here.
static inline int desc(struct task *t, uint32_t va, bool write, struct ipc_msg **out)
{
    if (desc_known(t, va)) {
        *out = t->desc_kva;
        return 0;
    }
    return desc_lookup(t, va, write, out);
}

// The checks below are the ones both ways through IPC ask: the general
// code in ipc.c and the fast path (fastpath.c), which must take a case
// only if the general code would do the same thing with it.

// Whether ep names an endpoint a task may send to.
static inline bool endpoint_valid(uint32_t ep)
{
    return ep != EP_NONE && ep < NENDPOINT;
}

// Whether task c may send to endpoint e.  The list names endpoints, not
// tasks: a server restarted under its endpoint keeps its right to call
// others, and an endpoint's list outlives every copy of its server.
static inline bool admitted(const struct endpoint *e, const struct task *c)
{
    return e->admits == 0 || (e->admits & c->ipc_eps);
}

// Whether t waits in receive for its next message.
static inline bool waiting_to_receive(const struct task *t)
{
    return t && t->state == TS_BLOCKED && t->ipc_wait == IW_RECV;
}

// Whether a caller waits on one of the endpoints t serves.
static inline bool senders_waiting(const struct task *t)
{
    for (uint32_t eps = t->ipc_eps; eps; eps &= eps - 1)
        if (endpoints[__builtin_ctz(eps)].senders.head)
            return true;
    return false;
}

// Whether c waits for the reply of server s.
static inline bool waiting_for_reply(const struct task *c, const struct task *s)
{
    return c->state == TS_BLOCKED && c->ipc_wait == IW_REPLY && c->ipc_target == s->id;
}

// A message that carries nothing beyond its head: no bytes, no page.
static inline bool sends_words_only(const struct ipc_msg *m)
{
    return (m->slen | m->spage) == 0;
}

// A message that moves no page: its bytes, if any, are all there is to
// copy besides the head.
static inline bool sends_no_page(const struct ipc_msg *m)
{
    return m->spage == 0;
}

int check_send_parts(struct task *t, const struct ipc_msg *m);

// The sender's side of a message: most carry no bytes and no page, and
// there is nothing to check.
static inline int check_send_side(struct task *t, const struct ipc_msg *m)
{
    return sends_words_only(m) ? 0 : check_send_parts(t, m);
}

// How many bytes a receive descriptor accepts.
static inline uint32_t capacity(const struct ipc_msg *m)
{
    return m->rlen < IPC_MAXBUF ? m->rlen : IPC_MAXBUF;
}

// Whether cap bytes at rbuf lie in the buffer last found writable in t,
// with no mapping anywhere having lost access since.
static inline bool rbuf_known(struct task *t, uint32_t rbuf, uint32_t cap)
{
    return t->rbuf_ok_gen == vm_generation && rbuf == t->rbuf_ok && cap <= t->rbuf_ok_len;
}

// Whether m's receive side needs no check: it accepts no page, and
// either no bytes or bytes into a buffer already known writable.
static inline bool recv_side_known(struct task *t, const struct ipc_msg *m)
{
    uint32_t cap = capacity(m);
    return m->rpage == 0 && (cap == 0 || rbuf_known(t, (uint32_t)m->rbuf, cap));
}

// Write a message's head into the receiver's descriptor, stamped with
// the sender, and what came besides: the byte count and the page.
static inline void deliver_head(struct ipc_msg *rd, const struct ipc_msg *sd, uint32_t sender,
                                uint32_t len, uint32_t page, uint32_t perm)
{
    rd->label = sd->label;
    rd->sender = sender;
    __builtin_memcpy(rd->w, sd->w, sizeof(rd->w));     // a fixed size: plain moves, no loop
    rd->rlen = len;
    rd->rpage = page;
    rd->rperm = perm;
}

int transfer_bytes(struct task *from, const struct ipc_msg *sd, struct task *to, const struct ipc_msg *rd);
void ipc_report_fault(struct task *t, uint32_t trapno, uint32_t eip, uint32_t addr, uint32_t err);
void ipc_task_gone(struct task *t);
void ipc_timeouts(uint32_t now);
void ipc_resume_faulted(struct task *t);
int ipc_notify_task(struct task *target, uint32_t bits);

// Interrupts (irq.c).
int irq_register(struct task *t, int irq, uint32_t bit);
int irq_ack(struct task *t, int irq);
void irq_follow(int irq, struct task *t);
void irq_deliver(int irq);
void irq_task_gone(struct task *t);

// Tracing (trace.c).
extern volatile bool trace_on;
void trace_record(uint32_t sender, uint32_t receiver, uint32_t label, uint32_t len, const uint32_t *w);
int trace_lost(void);
int trace_read(struct task *t, uint32_t buf, uint32_t max);

#endif
