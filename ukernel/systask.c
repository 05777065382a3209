// System calls on tasks and their memory, in the style of JOS: a task
// builds a child from nothing (exofork), fills its address space page by
// page, gives it registers and lets it run.  A task may act on itself,
// on the tasks it created, and on every task if it holds
// RIGHT_CONTROL_ALL.
#include "kernel.h"
#include "syscall.h"
#include "task.h"
#include "sched.h"
#include "trap.h"
#include "vm.h"
#include "kalloc.h"
#include "quota.h"
#include "resident.h"
#include "ipc.h"
#include "smp.h"
#include "message.h"
#include "sysno.h"

int do_exofork(void)
{
    struct task *parent = mytask();
    struct task *child = task_alloc(parent);
    if (!child)
        return E_NOMEM;
    *child->tf = *parent->tf;
    child->tf->eax = 0;     // the child sees 0 from exofork
    fpu_copy(child, parent);
    return child->id;
}

int do_set_state(struct task *t, uint32_t state)
{
    if (state != TASK_RUNNABLE && state != TASK_STOPPED)
        return E_INVAL;
    if (t == mytask()) {
        if (state == TASK_STOPPED) {
            t->state = TS_STOPPED;
            sched();
        }
        return 0;
    }
    // In mono mode a task running a server's code, or handed it, holds
    // that server (resident.c): stopped there, it would hold it from
    // everyone, and a kill waits for it to leave.  So it is busy, as a
    // running task is.
    if (resident_holder(t) && state == TASK_STOPPED)
        return E_BUSY;
    if (t->state == TS_BLOCKED && t->ipc_wait == IW_FAULT) {
        ipc_resume_faulted(t);
        t->state = TS_STOPPED;
    }
    // A task waiting for our reply may be restarted with new registers
    // instead of an answer: how exec replaces a process's image.
    if (waiting_for_reply(t, mytask())) {
        task_unblock(t, 0);
        t->state = TS_STOPPED;
    }
    if (t->state == TS_STOPPED && state == TASK_RUNNABLE)
        make_runnable(t);
    else if (t->state == TS_RUNNABLE && state == TASK_STOPPED) {
        runqueue_remove(t);
        t->state = TS_STOPPED;
    } else if (t->state == TS_RUNNING || t->state == TS_BLOCKED)
        return E_BUSY;
    return 0;
}

int do_page_alloc(struct task *t, uint32_t va, uint32_t perm)
{
    if (!user_page_va(va) || !user_perm_ok(perm))
        return E_INVAL;
    void *page = page_alloc();
    if (!page)
        return E_NOMEM;
    int r = task_map(t, va, V2P(page), perm);
    page_decref(V2P(page));
    return r;
}

int do_page_map(struct task *src, uint32_t srcva, uint32_t dstid, uint32_t dstva, uint32_t perm)
{
    struct task *dst = task_lookup(dstid);
    if (!dst)
        return E_NOTASK;
    if (!task_controls(mytask(), dst))
        return E_PERM;
    if (!user_page_va(srcva) || !user_page_va(dstva) || !user_perm_ok(perm))
        return E_INVAL;
    // A writable mapping only of a page the source may write.
    physaddr_t pa = vm_lookup(src->pgdir, srcva, PTE_P | PTE_U | (perm & PTE_W));
    return pa ? task_map(dst, dstva, PTE_ADDR(pa), perm) : E_FAULT;
}

int do_page_unmap(struct task *t, uint32_t va)
{
    if (!user_page_va(va))
        return E_INVAL;
    task_unmap(t, va);
    return 0;
}

int do_set_pgfault_upcall(struct task *t, uint32_t entry)
{
    if (entry >= UTOP)
        return E_INVAL;
    t->pgfault_upcall = entry;
    return 0;
}

int do_set_trapframe(struct task *t, uint32_t regs_va)
{
    struct task_regs regs;
    int r = copy_from_user(mytask()->pgdir, &regs, regs_va, sizeof(regs));
    if (r < 0)
        return r;
    if (regs.eip >= UTOP || regs.esp > UTOP)
        return E_INVAL;
    if (t == mytask())
        return E_INVAL;        // our own frame is about to be overwritten by the return value
    struct trapframe *tf = t->tf;
    trapframe_user(tf);
    tf->eip = regs.eip;
    tf->esp = regs.esp;
    tf->eax = regs.eax;
    tf->ebx = regs.ebx;
    tf->ecx = regs.ecx;
    tf->edx = regs.edx;
    tf->esi = regs.esi;
    tf->edi = regs.edi;
    tf->ebp = regs.ebp;
    fpu_state_reset(&t->fpu);  // a new program starts with fresh FPU registers too
    return 0;
}

// Whether the task in slot t is still task id, running on some CPU.
// Read without sched_lock: the fields are read afresh each time.
static bool still_running(struct task *t, uint32_t id)
{
    return *(volatile uint32_t *)&t->id == id && *(volatile enum task_state *)&t->state == TS_RUNNING;
}

// Kill t and come back only when it runs nowhere, so that its pages and
// whatever it shared (a server's state segment) are out of its reach:
// no CPU runs it, and the CPU it left has loaded another CR3, which
// empties its TLB of t's mappings.  A task on another CPU needs
// sched_lock to leave, so we wait without it, serving TLB shootdowns
// meanwhile.  If it left without ending (it blocked, stopped or yielded
// in the kernel) we tear it down ourselves.  Killed while we wait, we
// stop waiting: two tasks destroying each other must not wait for each
// other forever.  Caller holds sched_lock.
static void destroy_and_wait(struct task *t)
{
    uint32_t id = t->id;
    struct task *me = mytask();
    task_kill(t);
    while (still_running(t, id) && !me->killed) {
        release(&sched_lock);
        while (still_running(t, id) && !*(volatile bool *)&me->killed) {
            tlb_serve();
            pause();
        }
        acquire(&sched_lock);
        if (t->id == id && t->state != TS_FREE && t->state != TS_ZOMBIE)
            task_kill(t);
    }
}

int do_task_destroy(struct task *t)
{
    if (t == mytask()) {
        release(&sched_lock);   // the dispatcher's (syscall.c): task_exit takes it again
        task_exit();
    }
    destroy_and_wait(t);
    return 0;
}

// A task's tickets: its share of the CPU among runnable tasks of its
// priority (sched.c).  Like a priority, nobody gives a task more than
// it has itself without the right.
int do_set_tickets(struct task *t, uint32_t tickets)
{
    if (tickets < 1 || tickets > TICKETS_MAX)
        return E_INVAL;
    if (tickets > mytask()->tickets && !(mytask()->rights & RIGHT_PRIV))
        return E_PERM;
    t->tickets = tickets;
    return 0;
}

int do_set_priority(struct task *t, uint32_t prio)
{
    struct task *me = mytask();
    if (prio > PRIO_MAX)
        return E_INVAL;
    if ((int)prio > me->priority && !(me->rights & RIGHT_PRIV))
        return E_PERM;     // nobody lifts a task above itself without the right
    bool queued = t->state == TS_RUNNABLE;
    if (queued)
        runqueue_remove(t);
    t->priority = prio;
    if (queued)
        make_runnable(t);
    return 0;
}

int do_vm_clear(struct task *t)
{
    if (t == mytask())
        return E_INVAL;        // we would pull the floor from under ourselves
    task_clear_user(t);
    return 0;
}

// Hand a task to another supervisor: proc adopts every process a user
// program forks, so their faults reach proc and their creator no longer
// controls them.
int do_set_parent(uint32_t id, uint32_t parent)
{
    struct task *t = task_by_id(id), *p = task_lookup(parent);
    if (!t || !p)
        return E_NOTASK;
    // A stopped task's report waits on its supervisor's queue: moving it
    // to another supervisor now would leave the report with the old one.
    if (t->state == TS_BLOCKED && t->ipc_wait == IW_FAULT)
        return E_BUSY;
    t->parent = p->id;
    return 0;
}

// Limit the pages and tasks of a program (privileged: proc gives each
// process its limits when it adopts it).  0 means no limit.
int do_set_quota(uint32_t id, uint32_t pages, uint32_t ntasks)
{
    struct task *t = task_by_id(id);
    if (!t)
        return E_NOTASK;
    quota_set(t, pages, ntasks);
    return 0;
}

// Ask to be notified with bits whenever a task the caller supervises
// ends (task_free); 0 stops it.
int do_notify_ends(uint32_t bits)
{
    if (bits & ~NOTIFY_BITS_MASK)
        return E_INVAL;
    mytask()->end_bits = bits;
    return 0;
}

int do_set_affinity(struct task *t, uint32_t cpu)
{
    if (cpu != CPU_ANY && cpu >= (uint32_t)ncpu)
        return E_INVAL;
    t->cpu_pin = cpu == CPU_ANY ? -1 : (int)cpu;
    // Move now if this CPU is no longer allowed.
    if (t == mytask() && !may_run_here(t, mycpu())) {
        make_runnable(t);
        sched();
    }
    return 0;
}

int do_set_name(struct task *t, uint32_t name_va)
{
    char name[sizeof(t->name)];
    int r = copy_string_from_user(mytask()->pgdir, name, name_va, sizeof(name));
    if (r == 0)
        memcpy(t->name, name, sizeof(name));
    return r;
}

static uint32_t info_state(struct task *t)
{
    switch (t->state) {
    case TS_RUNNABLE:
        return TASK_INFO_RUNNABLE;
    case TS_RUNNING:
        return TASK_INFO_RUNNING;
    case TS_BLOCKED:
        return t->ipc_wait == IW_FAULT ? TASK_INFO_FAULTED : TASK_INFO_BLOCKED;
    default:
        return TASK_INFO_STOPPED;
    }
}

// Anyone may ask about any task: ps needs it, and it reveals nothing
// that lets a task act on another.  TASK_INFO_SLOT | n asks for whatever
// task occupies slot n, so ps can walk the table without knowing ids.
// What ps sees of task id.  Caller holds sched_lock.
int task_info_get(uint32_t id, struct task_info *info)
{
    uint32_t slot = id & ~TASK_INFO_SLOT;
    struct task *t = task_lookup(id);
    if (id & TASK_INFO_SLOT)
        t = slot < NTASK ? task_by_id(tasks[slot].id) : 0;
    if (!t)
        return E_NOTASK;
    memset(info, 0, sizeof(*info));
    info->id = t->id;
    info->parent = t->parent;
    info->state = info_state(t);
    info->priority = t->priority;
    info->rights = t->rights;
    memcpy(info->name, t->name, sizeof(info->name));
    info->ipc_fast = t->ipc_fast;
    return 0;
}

int do_task_info(uint32_t id, uint32_t info_va)
{
    struct task_info info;
    int r = task_info_get(id, &info);
    return r < 0 ? r : copy_to_user(mytask()->pgdir, info_va, &info, sizeof(info));
}
