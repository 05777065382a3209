// The runtime's in-kernel implementation, for servers linked into the
// kernel in mono mode (docs/mono.md).  A server calls the runtime by the
// names in rt/include; when the Makefile links it into the kernel it
// renames those references (rt/kernel/names.map) to the krt_ functions
// here, so no server call can land in a kernel function of the same name
// by accident.  Each runs in the calling task's thread, without
// sched_lock, as resident.c runs the server.
#include "kernel.h"
#include "task.h"
#include "sched.h"
#include "ipc.h"
#include "format.h"

// The interrupt lines the resident drivers registered for.
static struct {
    int irq;
    uint32_t bit;
} lines[NIRQ];
static int nlines;

void krt_cprintf(const char *fmt, ...)
{
    char buf[256];
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    vsnprintf_rt(buf, sizeof(buf), fmt, ap);
    __builtin_va_end(ap);
    kprintf("%s", buf);
}

int krt_irq_register(int irq, uint32_t bit)
{
    if (nlines == NIRQ)
        return E_BUSY;
    acquire(&sched_lock);
    int r = irq_register(mytask(), irq, bit);
    release(&sched_lock);
    if (r == 0)
        lines[nlines++] = (typeof(lines[0])){ irq, bit };
    return r;
}

// The lines' notifications go to the task now running the driver.
static void follow_me(struct task *t)
{
    for (int i = 0; i < nlines; i++)
        irq_follow(lines[i].irq, t);
}

int krt_irq_ack(int irq)
{
    acquire(&sched_lock);
    follow_me(mytask());
    int r = irq_ack(mytask(), irq);
    release(&sched_lock);
    return r;
}

// Sleep in the kernel until the interrupt or the timeout, as the driver
// task would in micro mode: the same wait (IW_NOTIFY), so the same
// wake-up by irq_deliver and the same timeout.
int krt_wait_notify(uint32_t timeout)
{
    acquire(&sched_lock);
    struct task *t = mytask();
    follow_me(t);
    int r = ipc_operation(t, IPC_OP_WAIT_NOTIFY, 0, 0, timeout);
    release(&sched_lock);
    return r;
}

// A resident server has no receive loop: resident.c calls its
// dispatcher.  Reaching its loop means the kernel called the wrong entry.
int krt_recv(struct ipc_msg *m, uint32_t timeout)
{
    (void)m, (void)timeout;
    panic("resident server entered its receive loop");
}

int krt_reply_recv(uint32_t client, struct ipc_msg *m, uint32_t timeout)
{
    (void)client, (void)m, (void)timeout;
    panic("resident server entered its receive loop");
}

int krt_reply(uint32_t client, const struct ipc_msg *m)
{
    (void)client, (void)m;
    panic("resident server sent a deferred reply: not supported for the servers linked in");
}
