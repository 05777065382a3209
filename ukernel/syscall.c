// The system-call entry: the number in eax selects a handler from the
// table, the arguments come from edx, ecx, ebx, edi, esi, the result goes
// back in eax.  Handlers check every argument; none trusts a user
// pointer (see vm.c).  The small calls live here; the task and memory
// calls in systask.c, the privileged device calls in sysdev.c.
#include "kernel.h"
#include "syscall.h"
#include "trap.h"
#include "task.h"
#include "sched.h"
#include "smp.h"
#include "vm.h"
#include "ipc.h"
#include "message.h"
#include "sysno.h"

#define CPUTS_MAX 1024

static int do_cputs(uint32_t str, uint32_t len)
{
    char buf[CPUTS_MAX];
    if (len > CPUTS_MAX)
        return E_TOOBIG;
    acquire(&sched_lock);
    int r = copy_from_user(mytask()->pgdir, buf, str, len);
    release(&sched_lock);
    if (r < 0)
        return r;
    console_write_locked(buf, len);
    return 0;
}

static int do_getid(void)
{
    return mytask()->id;
}

static int do_yield(void)
{
    yield();
    return 0;
}

// A directed yield: the caller goes to the back of its queue and the
// named task, if it is runnable and may run here, gets this CPU at once.
// Two of these make the cheapest possible round trip between two tasks
// (two kernel entries and exits, two address-space switches), the floor
// the IPC benchmark compares against.
// PLAIN in the table, to keep that floor as low as it can be.
static int do_yield_to(uint32_t id)
{
    acquire(&sched_lock);
    struct task *t = task_by_id(id);
    if (t && t->state == TS_RUNNABLE && may_run_here(t, mycpu())) {
        runqueue_remove(t);
        make_runnable(mytask());
        switch_to(t);
    } else if (t) {
        make_runnable(mytask());
        sched();
    }
    release(&sched_lock);
    return t ? 0 : E_NOTASK;
}

// A counter shared by every CPU, for the spinlock stress test: the total
// is exact only if the lock really excludes.
static struct spinlock counter_lock = { .name = "counter" };
static volatile uint32_t counter;

static int do_counter_add(uint32_t n)
{
    acquire(&counter_lock);
    // Read, pause, write: a window a broken lock would let another CPU into.
    uint32_t v = counter;
    for (int i = 0; i < 10; i++)
        pause();
    counter = v + n;
    release(&counter_lock);
    return v + n;
}

// Lab spinlock's fairness probe (docs/labs/spinlock.md): take and drop
// a ticket lock `rounds` times, holding it a while each time, and return
// the most acquisitions other CPUs made while this CPU waited for one.
// A fair lock keeps that near the number of other CPUs; with a
// test-and-set lock the CPU that just released takes it again at once.
#define LOCK_CONTEND_MAX 200        // bounds the time spent with interrupts off
#define LOCK_CONTEND_HOLD 5000      // pauses inside the critical section

static struct ticketlock probe_lock = { .name = "probe" };
static volatile uint32_t probe_count;

static int do_lock_contend(uint32_t rounds)
{
    if (rounds > LOCK_CONTEND_MAX)
        return E_INVAL;
    uint32_t worst = 0;
    for (uint32_t i = 0; i < rounds; i++) {
        uint32_t before = probe_count;
        ticket_acquire(&probe_lock);
        if (probe_count - before > worst)
            worst = probe_count - before;
        for (int k = 0; k < LOCK_CONTEND_HOLD; k++)
            pause();
        probe_count++;
        ticket_release(&probe_lock);
    }
    return worst;
}

// The IPC floor's other half (make bench, ipc_floor_direct): what two
// address-space switches cost, away to the kernel's own page directory
// and back with all of load_task, as a round trip's switches do.
#define SWITCH_PROBE_MAX 256        // bounds the time spent with interrupts off

static int do_switch_probe(uint32_t rounds)
{
    if (rounds > SWITCH_PROBE_MAX)
        return E_INVAL;
    // sched_lock, held, keeps us on this CPU, whose TSS load_task writes.
    for (uint32_t i = 0; i < rounds; i++) {
        kvm_load();
        load_task(mycpu(), mytask());
    }
    return 0;
}

static int do_uptime(void)
{
    return ticks;
}

// Copy out the event counters (abi/kstat.h), summed over the CPUs.
// Another CPU may be counting meanwhile: each word is read whole, and a
// benchmark reads the counters while nothing else runs.
static int do_kstat(uint32_t buf)
{
    uint32_t sum[KSTAT_N] = { 0 };
    for (int i = 0; i < ncpu; i++)
        for (int k = 0; k < KSTAT_N; k++)
            sum[k] += ((volatile uint32_t *)cpus[i].kstat)[k];
    if (copy_to_user(mytask()->pgdir, buf, sum, sizeof(sum)) < 0)
        return E_FAULT;
    return KSTAT_N;
}

static int do_cpu(void)
{
    return mycpu()->index;
}

typedef int (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);

// What the dispatcher does before a handler runs.  Every kind but PLAIN
// holds sched_lock around the handler, so a handler need not take it.
enum {
    PLAIN = 1,      // nothing: the handler takes whatever locks it needs
    LOCKED = 2,     // just the lock
    TASK = 4,       // the first argument names a task the caller controls (any task
                    // for a PRIV call); the handler gets its struct task *
    PRIV = 8,       // only a task holding RIGHT_PRIV may call it
};

struct syscall {
    syscall_fn fn;
    uint32_t needs;
};

// Handlers take only the arguments they use, and a TASK handler takes a
// struct task * first.  Under the i386 C calling convention every
// argument is one word and the caller pops them, so calling a handler
// with five words when it reads two is well defined on this target.
#define ENTRY(name, needs) [SYS_##name] = { (syscall_fn)(void (*)(void))do_##name, needs }

static const struct syscall syscalls[NSYSCALL] = {
    ENTRY(cputs, PLAIN), ENTRY(getid, PLAIN), ENTRY(yield, PLAIN), ENTRY(exofork, LOCKED),
    ENTRY(set_state, TASK), ENTRY(page_alloc, TASK), ENTRY(page_map, TASK),
    ENTRY(page_unmap, TASK), ENTRY(set_pgfault_upcall, TASK), ENTRY(set_trapframe, TASK),
    ENTRY(task_destroy, TASK), ENTRY(set_priority, TASK), ENTRY(set_name, TASK),
    ENTRY(task_info, LOCKED), ENTRY(counter_add, PLAIN), ENTRY(uptime, PLAIN), ENTRY(cpu, PLAIN),
    ENTRY(halt, PRIV), ENTRY(grant, PRIV | TASK), ENTRY(ep_bind, PRIV),
    ENTRY(ioport_grant, PRIV | TASK), ENTRY(devmem_map, PRIV | TASK),
    ENTRY(irq_grant, PRIV | TASK), ENTRY(irq_register, LOCKED), ENTRY(irq_ack, PLAIN),
    ENTRY(trace, PRIV), ENTRY(set_affinity, TASK), ENTRY(yield_to, PLAIN),
    ENTRY(vm_clear, TASK), ENTRY(set_parent, PRIV), ENTRY(set_quota, PRIV),
    ENTRY(notify_ends, LOCKED), ENTRY(ep_admit, PRIV), ENTRY(kstat, PLAIN),
    ENTRY(lock_contend, PLAIN), ENTRY(set_tickets, TASK), ENTRY(switch_probe, LOCKED),
};

// The checks a call's needs ask for, then the call.  Permission comes
// before anything else: a handler sees only callers that may call it.
static int call_checked(const struct syscall *s, struct trapframe *tf)
{
    uint32_t first = tf->edx;
    if ((s->needs & PRIV) && !(mytask()->rights & RIGHT_PRIV))
        return E_PERM;
    if (s->needs & TASK) {
        struct task *t = task_lookup(first);
        if (!t)
            return E_NOTASK;
        if (!(s->needs & PRIV) && !task_controls(mytask(), t))
            return E_PERM;
        first = (uint32_t)t;
    }
    return s->fn(first, tf->ecx, tf->ebx, tf->edi, tf->esi);
}

// Every call but a PLAIN one.  Not inlined, so that the PLAIN calls in
// syscall() pay nothing for it.
static __attribute__((noinline)) void syscall_locked(uint32_t num, struct trapframe *tf)
{
    if (num >= NSYSCALL || !syscalls[num].fn) {
        tf->eax = E_NOSYS;
        return;
    }
    acquire(&sched_lock);
    tf->eax = call_checked(&syscalls[num], tf);
    release(&sched_lock);
}

void syscall(struct trapframe *tf)
{
    uint32_t num = tf->eax;
    // The PLAIN test stands where a test for a missing handler would:
    // a null system call costs no more for the table's needs.
    if (num < NSYSCALL && syscalls[num].needs == PLAIN)
        tf->eax = syscalls[num].fn(tf->edx, tf->ecx, tf->ebx, tf->edi, tf->esi);
    else
        syscall_locked(num, tf);
}
