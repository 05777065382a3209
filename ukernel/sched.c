// The scheduler.  Runnable tasks wait on one queue per priority level;
// a CPU always takes a task of the highest non-empty level.  Within a
// level it is stride scheduling (Waldspurger and Weihl, 1995): each task
// has tickets and a pass, its virtual time; the CPU takes the task of
// least pass and advances that pass by STRIDE1 / tickets, so over time
// each task gets quanta in proportion to its tickets.  Among equal
// passes the queue's order decides, so tasks of equal tickets take turns
// (round robin).  Each CPU runs scheduler() on its own stack and halts
// there when nothing is runnable.  The timer preempts a task once it has
// run for QUANTUM of its CPU's ticks.
//
// sched_lock is held across every switch: the task switched to releases
// it (as in xv6), whether it resumes in sched() or in forkret().
#include "kernel.h"
#include "sched.h"
#include "smp.h"
#include "trap.h"
#include "vm.h"
#include "ipc.h"
#include "x86.h"
#include "sysno.h"
#include "resident.h"

struct spinlock sched_lock = { .name = "sched" };
volatile uint32_t ticks;

static struct taskq runq[PRIO_MAX + 1];

// LAB sched: begin
static uint32_t level_pass[PRIO_MAX + 1];  // the pass of each level's latest pick: its virtual time now

// A pick advances a task's pass by STRIDE1 / tickets: large enough that
// TICKETS_MAX tickets still move it, small enough that passes, compared
// by their signed difference, never seem to wrap.
#define STRIDE1 (1u << 20)
// LAB sched: end

void swtch(struct context **old, struct context *new);

void taskq_append(struct taskq *q, struct task *t)
{
    if (t->queue)
        panic("taskq_append: task already queued");
    t->qnext = 0;
    t->queue = q;
    if (q->tail)
        q->tail->qnext = t;
    else
        q->head = t;
    q->tail = t;
}

// Take t off q if it is there (a fault report already read is not).
void taskq_remove(struct taskq *q, struct task *t)
{
    if (t->queue != q)
        return;
    struct task *prev = 0;
    for (struct task **pp = &q->head; *pp != t; prev = *pp, pp = &(*pp)->qnext)
        ;
    if (q->tail == t)
        q->tail = prev;
    *(prev ? &prev->qnext : &q->head) = t->qnext;
    t->qnext = 0;
    t->queue = 0;
}

struct task *taskq_pop(struct taskq *q)
{
    struct task *t = q->head;
    if (t)
        taskq_remove(q, t);
    return t;
}

// Wake a halted CPU that could run t, so it does not wait for its next
// timer tick.
static void wake_idle_cpu(struct task *t)
{
    struct cpu *me = mycpu();
    for (int i = 0; i < ncpu; i++) {
        struct cpu *c = &cpus[i];
        if (c != me && c->idle && may_run_here(t, c)) {
            c->idle = 0;
            lapic_ipi(c->apicid, T_IRQ0 + IRQ_WAKEUP);
            return;
        }
    }
}

// The level t is queued at.  In mono mode a task inside a server (or
// handed one) runs at least at the servers' level, as the server's task
// would in micro mode: a program that lowered its child's priority while
// the child was inside fs, and kept the CPUs busy, would otherwise keep
// it from ever leaving, and fs held from everyone.
static int run_level(const struct task *t)
{
    return t->priority < PRIO_SERVER && resident_holder(t) ? PRIO_SERVER : t->priority;
}

void make_runnable(struct task *t)
{
    int level = run_level(t);
    // LAB sched: begin
    // A task that slept or waited banks no credit: it rejoins no
    // earlier than the level's virtual time.
    if ((int32_t)(t->pass - level_pass[level]) < 0)
        t->pass = level_pass[level];
    // LAB sched: end
    t->state = TS_RUNNABLE;
    taskq_append(&runq[level], t);
    wake_idle_cpu(t);
}

void runqueue_remove(struct task *t)
{
    taskq_remove(t->queue, t);
}

static struct task *pick_next(struct cpu *c)
{
    for (int p = PRIO_MAX; p >= PRIO_MIN; p--) {
        // LAB sched: begin
        // LAB sched: stub         // TODO(lab sched): take the task with the least pass, not the
        // LAB sched: stub         // first, and advance its pass (docs/labs/sched.md).
        // LAB sched: stub         for (struct task *t = runq[p].head; t; t = t->qnext) {
        // LAB sched: stub             if (may_run_here(t, c)) {
        // LAB sched: stub                 runqueue_remove(t);
        // LAB sched: stub                 return t;
        // LAB sched: stub             }
        // LAB sched: stub         }
        struct task *best = 0;
        for (struct task *t = runq[p].head; t; t = t->qnext)
            if (may_run_here(t, c) && (!best || (int32_t)(t->pass - best->pass) < 0))
                best = t;
        if (best) {
            runqueue_remove(best);
            level_pass[p] = best->pass;
            best->pass += STRIDE1 / best->tickets;
            return best;
        }
        // LAB sched: end
    }
    return 0;
}

void scheduler(void)
{
    struct cpu *c = mycpu();
    c->task = 0;
    for (;;) {
        // Interrupts stay off while we look, and come on only in the
        // `sti; hlt` pair, which halts before any pending interrupt is
        // taken: a wake-up sent after we found nothing cannot be lost.
        cli();
        acquire(&sched_lock);
        struct task *t = pick_next(c);
        if (!t) {
            c->idle = 1;
            release(&sched_lock);
            uint64_t halted = rdtsc();
            asm volatile("sti; hlt");
            kstat_add(KSTAT_IDLE_TSC, rdtsc() - halted);
            c->idle = 0;
            continue;
        }
        c->task = t;
        kstat_inc(KSTAT_SWITCH);
        load_task(c, t);
        t->state = TS_RUNNING;
        t->slice_end = c->ticks + QUANTUM;
        swtch(&c->scheduler, t->context);
        kvm_load();
        kstat_inc(KSTAT_CR3);
        // Not necessarily t: IPC may have passed the CPU on since.
        struct task *prev = c->task;
        if (prev->state == TS_ZOMBIE)
            task_free(prev);
        c->task = 0;
        release(&sched_lock);
    }
}

// Give the CPU back to the scheduler loop.  The caller holds sched_lock
// and has already changed the task's state.
void sched(void)
{
    struct cpu *c = mycpu();
    struct task *t = c->task;
    if (!holding(&sched_lock))
        panic("sched: sched_lock not held");
    if (c->nlocks != 1)
        panic("sched: %d locks held", c->nlocks);
    if (t->state == TS_RUNNING)
        panic("sched: task %x still running", t->id);
    fpu_switch_out(c, &t->fpu);
    swtch(&t->context, c->scheduler);
}

// Hand this CPU straight to next, which must be runnable but on no run
// queue; the current task has already been given its new state.  This is
// how IPC passes control without a trip through the scheduler loop.
void switch_to(struct task *next)
{
    struct cpu *c = mycpu();
    struct task *t = c->task;
    if (c->nlocks != 1)
        panic("switch_to: %d locks held", c->nlocks);
    take_over(c, t, next);
    swtch(&t->context, next->context);
}

// Pass the CPU to next if it may run here, else queue it for its own
// CPU and give this one up.  The caller has set its own state.
void hand_over(struct task *next)
{
    if (may_run_here(next, mycpu())) {
        switch_to(next);
    } else {
        make_runnable(next);
        sched();
    }
}

void yield(void)
{
    acquire(&sched_lock);
    make_runnable(mytask());
    sched();
    release(&sched_lock);
}


// Whether the task on this CPU has used up its time slice.
bool slice_expired(void)
{
    struct cpu *c = mycpu();
    return c->task && (int32_t)(c->ticks - c->task->slice_end) >= 0;
}

// Called on CPU 0 at every tick: advance time, expire IPC timeouts.
void timer_tick(void)
{
    acquire(&sched_lock);
    ticks++;
    ipc_timeouts(ticks);
    release(&sched_lock);
}
