// The process table and the end of a process: exit, kill and fault all
// come here.  A process that ends becomes a zombie until its parent
// waits for it; its children go to init, as in xv6.
#include "proc.h"

struct proc procs[NPROC];
static int nextpid = INIT_PID;

struct proc *proc_by_task(uint32_t task)
{
    for (int i = 0; i < NPROC; i++)
        if (procs[i].slot == P_ALIVE && procs[i].task == task)
            return &procs[i];
    return 0;
}

struct proc *proc_by_pid(int pid)
{
    for (int i = 0; i < NPROC; i++)
        if (procs[i].slot != P_FREE && procs[i].pid == pid)
            return &procs[i];
    return 0;
}

struct proc *proc_alloc(void)
{
    for (int i = 0; i < NPROC; i++) {
        if (procs[i].slot != P_FREE)
            continue;
        memset(&procs[i], 0, sizeof(procs[i]));
        procs[i].slot = P_ALIVE;
        procs[i].pid = nextpid++;
        return &procs[i];
    }
    return 0;
}

// A zombie child of parent, or 0; *any says whether parent has children.
static struct proc *zombie_child(const struct proc *parent, bool *any)
{
    *any = false;
    for (int i = 0; i < NPROC; i++) {
        struct proc *c = &procs[i];
        if (c->slot == P_FREE || c->parent != parent->pid)
            continue;
        *any = true;
        if (c->slot == P_ZOMBIE)
            return c;
    }
    return 0;
}

// Reap a zombie child for a waiting parent; true if one was reported.
static bool reap(struct proc *parent, int32_t *pid, int32_t *status)
{
    bool any;
    struct proc *z = zombie_child(parent, &any);
    if (!z)
        return false;
    *pid = z->pid;
    *status = z->status;
    z->slot = P_FREE;
    return true;
}

// If p waits and has a zombie child, reap it and answer p's deferred wait.
static void answer_wait(struct proc *p)
{
    int32_t pid, status;
    if (p && p->slot == P_ALIVE && p->waiting && reap(p, &pid, &status)) {
        p->waiting = false;
        proc_reply_wait(p->task, 0, pid, status);
    }
}

// The task is gone: forget its files, hand its children to init, and
// let a waiting parent know.
void proc_end(struct proc *p, int status)
{
    uint32_t task = p->task;
    sys_task_destroy(task);
    server_needed(EP_FS);
    fs_call_exit(task);
    p->slot = P_ZOMBIE;
    p->status = status;
    p->waiting = p->sleeping = false;
    for (int i = 0; i < NPROC; i++)
        if (procs[i].slot != P_FREE && procs[i].parent == p->pid)
            procs[i].parent = INIT_PID;
    answer_wait(proc_by_pid(p->parent));
    // Orphaned zombies are init's to reap; wake init if it waits.
    answer_wait(proc_by_pid(INIT_PID));
}

int proc_do_exit(uint32_t client, int32_t status)
{
    struct proc *p = proc_by_task(client);
    if (!p)
        return E_PERM;
    proc_end(p, status);
    return IDL_DEFER;       // nobody is left to answer
}

int proc_do_wait(uint32_t client, uint32_t seq, int32_t *pid, int32_t *status)
{
    (void)seq;
    struct proc *p = proc_by_task(client);
    bool any;
    if (!p)
        return E_PERM;
    if (reap(p, pid, status))
        return 0;
    zombie_child(p, &any);
    if (!any)
        return E_CHILD;
    p->waiting = true;
    return IDL_DEFER;
}

int proc_do_kill(uint32_t client, int32_t pid)
{
    struct proc *p = proc_by_pid(pid);
    if (!p)
        return E_NOENT;
    if (!may_kill(client, p))
        return E_PERM;
    if (p->slot == P_ZOMBIE)
        return 0;
    proc_end(p, -1);
    return 0;
}

int proc_do_getpid(uint32_t client, int32_t *pid)
{
    struct proc *p = proc_by_task(client);
    if (!p)
        return E_PERM;
    *pid = p->pid;
    return 0;
}

// Every program gets the same limits: half of memory and PROC_TASKS
// tasks, so no one program can take all of either from the others.  The
// kernel counts and refuses (ukernel/quota.c).
void proc_limit(uint32_t task)
{
    const struct bootinfo *bi = (const struct bootinfo *)UBOOTINFO;
    sys_set_quota(task, bi->phys_pages / 2, PROC_TASKS);
}

// A child the caller built with exofork and copy-on-write mappings
// becomes a process: proc adopts it (its faults now come here and the
// parent no longer controls it), fs copies the parent's descriptors,
// and proc starts it.
int proc_do_fork_register(uint32_t client, uint32_t child, int32_t *pid)
{
    struct proc *parent = proc_by_task(client), *again = proc_by_task(child);
    struct task_info info;
    if (!parent)
        return E_PERM;
    if (again && again->parent == parent->pid) {
        *pid = again->pid;  // a retried request
        return 0;
    }
    if (sys_task_info(child, &info) < 0)
        return E_NOTASK;
    if (info.parent != client)
        return E_PERM;
    struct proc *c = proc_alloc();
    if (!c)
        return E_NOMEM;
    server_needed(EP_FS);
    int r = fs_call_fork(client, child);
    if (r < 0) {
        c->slot = P_FREE;
        return r;
    }
    c->task = child;
    c->parent = parent->pid;
    c->brk = parent->brk;
    c->brk_base = parent->brk_base;
    c->privileged = parent->privileged;
    memcpy(c->name, parent->name, sizeof(c->name));
    trace_name(child, c->pid, c->name);
    sys_set_parent(child, sys_getid());
    proc_limit(child);
    sys_set_priority(child, PRIO_PROGRAM);
    sys_set_state(child, TASK_RUNNABLE);
    *pid = c->pid;
    return 0;
}
