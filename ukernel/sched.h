// Scheduling: per-priority run queues shared by all CPUs, a scheduler
// loop per CPU, and the switch primitives IPC uses to hand the CPU
// straight from one task to another.
#ifndef UK_SCHED_H
#define UK_SCHED_H

#include "spinlock.h"
#include "task.h"

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
struct cpu;
bool may_run_here(struct task *t, struct cpu *c);

#endif
