// sleep and uptime.  A sleeping process's call is answered when its time
// comes; proc's receive timeout is the nearest deadline.
#include "proc.h"

int proc_do_uptime(uint32_t client, uint32_t *ticks)
{
    (void)client;
    *ticks = sys_uptime();
    return 0;
}

int proc_do_sleep(uint32_t client, uint32_t seq, uint32_t ticks)
{
    struct proc *p = proc_by_task(client);
    if (!p)
        return E_PERM;
    if (!(p->sleeping && p->sleep_seq == seq)) {
        p->wake_at = sys_uptime() + ticks;
        p->sleep_seq = seq;
    }
    if (ticks == 0)
        return 0;
    p->sleeping = true;
    return IDL_DEFER;
}

uint32_t next_wakeup(void)
{
    uint32_t at = 0;
    for (int i = 0; i < NPROC; i++)
        if (procs[i].slot == P_ALIVE && procs[i].sleeping && (!at || procs[i].wake_at < at))
            at = procs[i].wake_at;
    return at;
}

void wake_sleepers(void)
{
    uint32_t now = sys_uptime();
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if (p->slot == P_ALIVE && p->sleeping && p->wake_at <= now) {
            p->sleeping = false;
            proc_reply_sleep(p->task, 0);
        }
    }
}
