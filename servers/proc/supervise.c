// Messages from the kernel: fault reports of the tasks proc supervises.
// A server that faults is restarted; a process that faults is ended, as
// if killed, with one line saying why.  Only a message the kernel
// stamped as its own is one: a task can copy the label, never the sender.
#include "proc.h"

void on_kernel_message(const struct ipc_msg *m)
{
    if (m->sender != IPC_SENDER_KERNEL || m->label != IPC_LABEL_FAULT)
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
