// The IPC trap and its fast path, in the manner of L4's and seL4's: the
// two halves of every round trip -- a call that finds its server
// waiting, and a reply_recv that answers a client while nothing else
// waits for the server -- done in one straight run from the trap to the
// switch.  The fast path takes only the common case, and asks the
// general code's own questions (ipc.h) to find it:
//
//   * the endpoint is one (endpoint_valid) that the caller may send to
//     (admitted), as do_send asks;
//   * the message sent moves no page (sends_no_page), and its bytes, if
//     any, are copied with transfer_bytes, as transfer() copies them;
//     its copy checks both buffers before it moves a byte, so a send
//     buffer that check_send_side (do_send, do_reply) would refuse makes
//     it fail having changed nothing, and the general path reports it;
//   * the caller's descriptor is found with desc(), as the general code
//     finds it (a walk fills the cache even if the fast path then
//     declines; the general path would fill it the same way), the
//     partner's is the one it used last (desc_known), and the caller's
//     receive side needs no check (recv_side_known, which
//     check_recv_side asks first);
//   * the partner waits exactly as the operation needs
//     (waiting_to_receive, as do_send asks; waiting_for_reply, as
//     do_reply asks), and may run on this CPU;
//   * for a reply_recv, nothing waits for the server (nothing_pending:
//     take_pending would find nothing);
//   * the caller waits forever (no timeout to arm), and tracing is off.
//
// Anything else goes to ipc_operation (ipc.c), which does the same
// operation the general way.  The effects are the general code's too:
// deliver_head, task_unblock and task_block (sched.h).  The fast path
// changes how fast, never what happens.
#include "kernel.h"
#include "trap.h"
#include "task.h"
#include "sched.h"
#include "smp.h"
#include "ipc.h"
#include "count.h"
#include "ipcentry.h"

// The task in id's slot if it still has that id, else 0: task_lookup
// without its checks of the state, since what the fast path asks next
// (waiting_to_receive, waiting_for_reply) requires a blocked task, which
// a free or exited slot never is.  Slot 0 is never used.
static inline struct task *slot_task(uint32_t id)
{
    struct task *t = &tasks[TASK_SLOT(id)];
    return t->id == id ? t : 0;
}

// A task that blocks here keeps nothing on its kernel stack but its trap
// frame and what ipcentry pushed below it (ipcentry.h): the lowest word
// is the return address of the call to ipc_trap, ipc_return.  A context
// whose pc is that word resumes the task at ipc_return, which finishes
// the trap with the result IPC leaves in ipc_result (ipc_finish).  swtch
// pops four registers before the pc; whatever they get does not matter.
static inline void block_in_fast_path(struct task *t)
{
    uint32_t *ret_to_ipcentry = (uint32_t *)t->tf - IPCENTRY_WORDS;
    t->context = (struct context *)((char *)ret_to_ipcentry - __builtin_offsetof(struct context, eip));
}

void context_load(struct context *new) __attribute__((noreturn));    // swtch.S

// switch_to for a current task that has already set the context it
// resumes from (the IPC fast path's continuation): nothing on this stack
// is needed any more, so nothing is saved and the call never returns.
static void __attribute__((noreturn)) switch_away(struct task *next)
{
    struct cpu *c = mycpu();
    if (c->nlocks != 1)
        panic("switch_away: %d locks held", c->nlocks);
    take_over(c, c->task, next);
    context_load(next->context);
}

// The end of both halves, once everything is checked and the len bytes
// copied: the head of the message goes into the partner's descriptor rd
// and ends its wait with result 0; the task that sent it blocks on its
// descriptor at msg_va, waiting for `why` (from target, for a reply),
// and hands the CPU over.  Inlined by force: called with eight arguments
// it cost 26 instructions a round trip.
static inline __attribute__((always_inline, noreturn))
void pass_over(struct task *from, const struct ipc_msg *sd, uint32_t msg_va, enum ipc_wait why,
               uint32_t target, struct task *to, struct ipc_msg *rd, int len)
{
    if (len)
        kstat_inc(KSTAT_IPC_FAST_BYTES);
    deliver_head(rd, sd, from->id, len, 0, 0);
    task_unblock(to, 0);
    task_block(from, why, 0);
    from->ipc_msg = msg_va;
    from->ipc_target = target;
    from->ipc_fast++;
    kstat_inc(KSTAT_IPC_FAST);
    block_in_fast_path(from);
    switch_away(to);
}

// LAB fastpath: begin
// The second half of fast_call, once c's message sd is known to move no
// page, only bytes if any (`bytes`).  Inlined by force, each call with
// a constant `bytes`: the words-only copy then holds no call to
// transfer_bytes, whose clobbered registers would cost every words-only
// round trip about 40 instructions.
static inline __attribute__((always_inline))
void call_over(struct task *c, uint32_t ep, uint32_t msg_va, const struct ipc_msg *sd, bool bytes)
{
    if (!recv_side_known(c, sd) || !admitted(&endpoints[ep], c))
        return;
    struct task *s = slot_task(endpoints[ep].server);
    if (!waiting_to_receive(s) || !desc_known(s, s->ipc_msg) || !may_run_here(s, mycpu()))
        return;
    struct ipc_msg *rd = s->desc_kva;
    int len = bytes ? transfer_bytes(c, sd, s, rd) : 0;
    if (len < 0)
        return;
    pass_over(c, sd, msg_va, IW_REPLY, s->id, s, rd, len);
}
// LAB fastpath: end

// c calls endpoint ep, whose server waits in receive: deliver the
// request, block c for the reply, and hand the CPU to the server.
// Returns only if the fast path does not apply.
static void fast_call(struct task *c, uint32_t ep, uint32_t msg_va, uint32_t timeout)
{
    // LAB fastpath: begin
    // LAB fastpath: stub     // TODO(lab fastpath): when the common case holds, deliver the request
    // LAB fastpath: stub     // and switch to the server here (docs/labs/fastpath.md).
    // LAB fastpath: stub     (void)c, (void)ep, (void)msg_va, (void)timeout;
    struct ipc_msg *sd;
    if (timeout != IPC_FOREVER || !endpoint_valid(ep) || trace_on || desc(c, msg_va, true, &sd) < 0)
        return;
    if (sends_words_only(sd))
        call_over(c, ep, msg_va, sd, false);
    else if (sends_no_page(sd))
        call_over(c, ep, msg_va, sd, true);
    // LAB fastpath: end
}

// Whether a server has nothing waiting for it: no notification, no
// fault report, no caller queued on any endpoint it serves -- each a
// thing take_pending (ipc.c) would deliver first.
static inline bool nothing_pending(struct task *s)
{
    return !s->notify_bits && !s->faults.head && !senders_waiting(s);
}

// LAB fastpath: begin
// The second half of fast_reply_recv, as call_over is fast_call's.
static inline __attribute__((always_inline))
void reply_over(struct task *s, uint32_t client, uint32_t msg_va, const struct ipc_msg *sd, bool bytes)
{
    if (!recv_side_known(s, sd) || !nothing_pending(s))
        return;
    struct task *c = slot_task(client);
    if (!c || !waiting_for_reply(c, s) || !desc_known(c, c->ipc_msg) || !may_run_here(c, mycpu()))
        return;
    struct ipc_msg *rd = c->desc_kva;
    int len = bytes ? transfer_bytes(s, sd, c, rd) : 0;
    if (len < 0)
        return;
    pass_over(s, sd, msg_va, IW_RECV, 0, c, rd, len);
}
// LAB fastpath: end

// Server s answers client and waits for the next request, which has not
// come yet: deliver the reply and hand the CPU to the client.  Returns
// only if the fast path does not apply.
static void fast_reply_recv(struct task *s, uint32_t client, uint32_t msg_va, uint32_t timeout)
{
    // LAB fastpath: begin
    // LAB fastpath: stub     // TODO(lab fastpath): when the common case holds, deliver the reply
    // LAB fastpath: stub     // and switch to the client here (docs/labs/fastpath.md).
    // LAB fastpath: stub     (void)s, (void)client, (void)msg_va, (void)timeout;
    struct ipc_msg *sd;
    if (timeout != IPC_FOREVER || trace_on || desc(s, msg_va, true, &sd) < 0)
        return;
    if (sends_words_only(sd))
        reply_over(s, client, msg_va, sd, false);
    else if (sends_no_page(sd))
        reply_over(s, client, msg_va, sd, true);
    // LAB fastpath: end
}

// The T_IPC trap (trapasm.S, ipcentry): operation in eax, then (arg,
// msg, timeout) in edx, ecx, ebx.  The fast path does not come back
// here: the caller resumes later at ipc_return, like everybody else.
void ipc_trap(struct trapframe *tf)
{
    kstat_inc(KSTAT_IPC_TRAP);
    // Held until ipc_finish, reached through ipc_return (trapasm.S) by this
    // task or, after a switch, by whichever task this CPU resumes.
    acquire(&sched_lock);
    struct task *t = mytask();
    // The registers are read from tf where they are used: copied into
    // locals before acquire, they lived across its call and were spilled
    // and reloaded, 13 instructions a round trip.
    if (!t->killed) {
        if (tf->eax == IPC_OP_CALL)
            fast_call(t, tf->edx, tf->ecx, tf->ebx);
        else if (tf->eax == IPC_OP_REPLY_RECV)
            fast_reply_recv(t, tf->edx, tf->ecx, tf->ebx);
    }
    kstat_inc(KSTAT_IPC_SLOW);
    t->ipc_result = ipc_operation(t, tf->eax, tf->edx, tf->ecx, tf->ebx);
}

// Every IPC trap ends here, with the sched_lock some ipc_trap took (on
// this CPU, perhaps for another task): the result goes back in eax.
void ipc_finish(void)
{
    struct task *t = mytask();
    t->tf->eax = t->ipc_result;
    release(&sched_lock);
    // A task killed while it waited leaves on its way back out, as in trap().
    if (t->killed)
        task_exit();
}
