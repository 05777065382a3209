// Sleep, uptime, and proc's deadlines.  A sleeping process's call is
// answered when its time comes; so is a server restart waiting out its
// back-off (servers.c).  proc's loop receives with a timeout on the
// earliest deadline and does nothing about time until it comes, so a
// request that finds no deadline pending costs no clock reading and no
// scan of the tables.
#include "proc.h"

// The earliest tick at which something may be due; 0: nothing pending.
// It may be early (the sleeper was killed, the server started sooner):
// then the scan finds nothing due and looks for the next one.
static uint32_t earliest;

void deadline_at(uint32_t at)
{
    if (!earliest || at < earliest)
        earliest = at;
}

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
    deadline_at(p->wake_at);
    return IDL_DEFER;
}

static uint32_t next_wakeup(void)
{
    uint32_t at = 0;
    for (int i = 0; i < NPROC; i++)
        if (procs[i].slot == P_ALIVE && procs[i].sleeping && (!at || procs[i].wake_at < at))
            at = procs[i].wake_at;
    return at;
}

static void wake_sleepers(uint32_t now)
{
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if (p->slot == P_ALIVE && p->sleeping && p->wake_at <= now) {
            p->sleeping = false;
            proc_reply_sleep(p->task, 0);
        }
    }
}

// How long proc's receive may wait: until the earliest deadline.
uint32_t deadline_timeout(void)
{
    if (!earliest)
        return IPC_FOREVER;
    uint32_t now = sys_uptime();
    return earliest > now ? earliest - now : 1;
}

// Run what is due, after any receive (a stream of requests may keep the
// timeout from ever expiring), and find the next deadline.
void deadline_run(void)
{
    if (!earliest)
        return;
    uint32_t now = sys_uptime();
    if (now < earliest)
        return;
    earliest = 0;
    wake_sleepers(now);
    servers_due();
    uint32_t at = next_wakeup(), due = servers_next_due();
    if (at)
        deadline_at(at);
    if (due)
        deadline_at(due);
}
