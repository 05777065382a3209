// Who may ask proc for what.  The calls a process makes on itself (fork,
// exec, exit, wait, sbrk, sleep, getpid) and the ones that only read
// (ps, uptime) are anybody's.  Three reach beyond the caller:
//
//   operation   a privileged process       an ordinary process
//   halt        yes                        no
//   crash       yes                        no
//   kill pid    any process but init       ordinary processes only
//
// init is privileged, and a child inherits what its parent has when it
// is forked; drop_privilege makes a process ordinary for good.  A task
// that is not a process at all (a server, or a task a program made
// itself and never registered with fork) gets none of the three: the
// kernel-stamped sender is all proc goes by.  docs/processes.md explains
// why, and docs/isolation.md lists the tests.
#include "proc.h"

bool may_halt_or_crash(uint32_t client)
{
    struct proc *p = proc_by_task(client);
    return p && p->privileged;
}

bool may_kill(uint32_t client, const struct proc *target)
{
    struct proc *p = proc_by_task(client);
    if (!p || target->pid == INIT_PID)
        return false;       // without init, nobody would reap orphans
    return p->privileged || !target->privileged;
}

int proc_do_drop_privilege(uint32_t client)
{
    struct proc *p = proc_by_task(client);
    if (!p)
        return E_PERM;
    p->privileged = false;
    return 0;
}
