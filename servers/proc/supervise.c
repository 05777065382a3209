// Messages from the kernel: fault reports of the tasks proc supervises,
// and the notification that one of them has ended.  A server that
// faults or ends is restarted; a process that faults or ends without
// calling exit is ended, as if killed, with one line saying why.
#include "proc.h"

static bool task_gone(uint32_t task)
{
    struct task_info info;
    return sys_task_info(task, &info) == E_NOTASK;
}

// Some task of ours has ended (the kernel says which only by the fact):
// a process that ended itself through the kernel -- copy-on-write found
// no memory, its page-fault handler had no stack, it destroyed itself --
// must still reach its parent's wait.  Anyone may notify proc, so this
// only looks; it trusts what the kernel says of each task.
static void on_ended(void)
{
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if (p->slot == P_ALIVE && task_gone(p->task)) {
            cprintf("proc: pid %d (%s) ended without exit\n", p->pid, p->name);
            proc_end(p, -1);
        }
    }
    for (int i = 0; i < server_count(); i++) {
        struct server *s = server_at(i);
        if (s->task && task_gone(s->task))
            server_restart(s, "ended");
    }
}

void on_kernel_message(const struct ipc_msg *m)
{
    if (m->label == IPC_LABEL_NOTIFY && (m->w[0] & NOTIFY_ENDED))
        on_ended();
    if (m->label != IPC_LABEL_FAULT)
        return;
    uint32_t task = m->w[0], trap = m->w[1], eip = m->w[2], addr = m->w[3];
    struct server *s = server_by_task(task);
    if (s) {
        char why[80];
        snprintf_rt(why, sizeof(why), "faulted (trap %d, eip %x, address %x)", trap, eip, addr);
        server_restart(s, why);
        return;
    }
    struct proc *p = proc_by_task(task);
    if (p) {
        cprintf("proc: pid %d (%s) killed: trap %d eip %x address %x\n", p->pid, p->name, trap, eip, addr);
        proc_end(p, -1);
        return;
    }
    sys_task_destroy(task);
}
