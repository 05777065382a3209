// Scheduling: per-priority run queues shared by all CPUs, a scheduler
// loop per CPU, and the switch primitives IPC uses to hand the CPU
// straight from one task to another.
#ifndef UK_SCHED_H
#define UK_SCHED_H

#include "spinlock.h"
#include "task.h"
#include "smp.h"
#include "kernel.h"
#include "x86.h"
#include "mmu.h"
#include "count.h"

// Guards the task table, the run queues and all IPC state.
extern struct spinlock sched_lock;
extern volatile uint32_t ticks;

// The ways a CPU changes task, from the bottom up:
//   swtch(old, new)       swtch.S: save this kernel stack's registers, load new's
//   context_load(new)     swtch.S: load new's registers, saving nothing
//                         (the IPC fast path, whose task resumes by its saved trap frame)
//   load_task(c, t)       t's address space, kernel stack and port rights on CPU c
//   take_over(c, t, next) next becomes c's task in t's place: FPU, state, slice, load_task
//   sched()               the current task, already given its new state, gives
//                         the CPU back to this CPU's scheduler loop
//   switch_to(next)       the current task gives the CPU straight to next
//   hand_over(next)       switch_to if next may run here, else next is queued and sched()
//   switch_away(next)     fastpath.c: take_over and context_load, never returning
//   pass_over(from, .., to) fastpath.c: deliver from's message to to, block from, switch_away(to)
// All of them run with sched_lock held; the task switched to releases it.

void scheduler(void) __attribute__((noreturn));
void sched(void);
void yield(void);
void make_runnable(struct task *t);
void runqueue_remove(struct task *t);
void taskq_append(struct taskq *q, struct task *t);
void taskq_remove(struct taskq *q, struct task *t);
struct task *taskq_pop(struct taskq *q);
void switch_to(struct task *next);
void hand_over(struct task *next);
void timer_tick(void);
bool slice_expired(void);

// Blocking and waking: the one way a task's wait begins and ends.  A
// blocked task waits for one thing (why, in enum ipc_wait) until a
// deadline in ticks (0: none); whoever ends the wait gives it the result
// its blocking call returns.  A new kind of wait is one more IW_ value.
static inline void task_block(struct task *t, enum ipc_wait why, uint32_t deadline)
{
    t->state = TS_BLOCKED;
    t->ipc_wait = why;
    t->timeout_at = deadline;
}

// End t's wait with result; the caller decides where t runs next.
static inline void task_unblock(struct task *t, int result)
{
    t->ipc_wait = IW_NONE;
    t->timeout_at = 0;
    t->ipc_result = result;
}

// End t's wait with result and put it on its run queue.
static inline void task_wake(struct task *t, int result)
{
    task_unblock(t, result);
    make_runnable(t);
}

// A task pinned to another CPU may not run on c (it is skipped, not removed).
static inline bool may_run_here(struct task *t, struct cpu *c)
{
    return t->cpu_pin < 0 || t->cpu_pin == c->index;
}

// The two steps of every switch, inline because the IPC fast path
// (fastpath.c) switches with them too.

// Load t's address space, kernel stack and port rights on CPU c.
static inline void load_task(struct cpu *c, struct task *t)
{
    c->ts.esp0 = (uint32_t)t->kstack + KSTACKSIZE;
    if (t->has_ports) {
        if (c->iomap_owner != t->id) {
            memcpy(c->ts.iomap, t->iomap, IOMAP_BYTES);
            c->iomap_owner = t->id;
        }
        c->ts.iomb = __builtin_offsetof(struct taskstate, iomap);
    } else {
        c->ts.iomb = 0xffff;    // beyond the TSS limit: every port faults
    }
    lcr3(V2P(t->pgdir));
    kstat_inc(KSTAT_CR3);
}

// Make next the task on CPU c in place of t, which has already been
// given its new state.
static inline void take_over(struct cpu *c, struct task *t, struct task *next)
{
    fpu_switch_out(c, &t->fpu);
    c->task = next;
    next->state = TS_RUNNING;
    kstat_inc(KSTAT_SWITCH);
    // The rest of the time slice passes on with the CPU, so tasks that
    // keep calling each other cannot starve the others.
    next->slice_end = t->slice_end;
    load_task(c, next);
}

#endif
