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
#include "kstat.h"

// Guards the task table, the run queues and all IPC state.
extern struct spinlock sched_lock;
extern volatile uint32_t ticks;

void sched_init(void);
void scheduler(void) __attribute__((noreturn));
void sched(void);
void yield(void);
void make_runnable(struct task *t);
void runqueue_remove(struct task *t);
void switch_to(struct task *next);
void hand_over(struct task *next);
void switch_uvm(struct task *t);
void timer_tick(void);
bool slice_expired(void);

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
