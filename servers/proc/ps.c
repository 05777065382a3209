// ps: the processes, then the servers (proc itself among them), one
// entry per call.
#include "proc.h"

static enum proc_pstate task_state(uint32_t task)
{
    struct task_info info;
    if (sys_task_info(task, &info) < 0)
        return PROC_PSTATE_ZOMBIE;
    switch (info.state) {
    case TASK_INFO_RUNNING:
        return PROC_PSTATE_RUNNING;
    case TASK_INFO_RUNNABLE:
        return PROC_PSTATE_RUNNABLE;
    default:
        return PROC_PSTATE_BLOCKED;
    }
}

static void fill(struct proc_psinfo *info, int pid, uint32_t task, bool server, uint32_t restarts, const char *name)
{
    memset(info, 0, sizeof(*info));
    info->pid = pid;
    info->task = task;
    info->state = task_state(task);
    info->is_server = server;
    info->restarts = restarts;
    for (int i = 0; i < PROC_NAMELEN - 1 && name[i]; i++)
        info->name[i] = name[i];
}

int proc_do_ps(uint32_t client, uint32_t index, struct proc_psinfo *info)
{
    (void)client;
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if (p->slot == P_FREE || index-- != 0)
            continue;
        fill(info, p->pid, p->task, false, 0, p->name);
        if (p->slot == P_ZOMBIE)
            info->state = PROC_PSTATE_ZOMBIE;
        return 0;
    }
    if (index == 0) {
        fill(info, 0, sys_getid(), true, 0, "proc");
        return 0;
    }
    index--;
    for (int i = 0; i < server_count(); i++) {
        struct server *s = server_at(i);
        if (!s->task || index-- != 0)
            continue;
        fill(info, 0, s->task, true, s->restarts, s->name);
        return 0;
    }
    return E_NOENT;
}

int proc_do_halt(uint32_t client, int32_t code)
{
    if (!may_halt_or_crash(client))
        return E_PERM;
    struct proc *p = proc_by_task(client);
    cprintf("proc: halt requested by pid %d (%s)\n", p->pid, p->name);
    sys_halt(code);
    return E_PERM;      // the kernel refused: proc lacks the right
}

int proc_do_crash(uint32_t client, uint32_t seq, const char *name, enum proc_crashkind kind)
{
    (void)seq;
    if (!may_halt_or_crash(client))
        return E_PERM;
    if (server_resident(name)) {
        cprintf("proc: %s runs in the kernel (mono mode): restarting it needs micro mode\n", name);
        return E_NOSYS;
    }
    struct server *s = server_by_name(name);
    if (!s)
        return E_NOENT;
    if (s->given_up)
        return E_DEAD;
    server_crash(s, kind);
    return 0;
}
