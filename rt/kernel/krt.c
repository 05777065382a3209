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
#include "syscall.h"
#include "resident.h"
#include "vm.h"
#include "libipc.h"
#include "count.h"

// The notification bits of the lines the resident drivers without an
// interrupt hook registered (resident.c hands the lines themselves to
// the task inside the driver).
static uint32_t line_bits;

void krt_cprintf(const char *fmt, ...)
{
    char buf[256];
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    vsnprintf_rt(buf, sizeof(buf), fmt, ap);
    __builtin_va_end(ap);
    kprintf("%s", buf);
}

// A driver with an interrupt hook (the console) takes its lines in the
// kernel (resident.c); the others' interrupts wake the task running them.
int krt_irq_register(int irq, uint32_t bit)
{
    int r = resident_irq_register(irq, bit);
    if (r != RESIDENT_IRQ_TASK)
        return r;
    line_bits |= bit;
    return 0;
}

// What the in-kernel side costs a server beyond its own code counts
// with the resident calls' own path (KSTAT_RESIDENT_TSC): the bench's
// model of micro - mono sets it against the system calls and IPC traps
// the same runtime calls are in micro mode.  The ticks since t0, less
// those spent asleep.
static void count_own_ticks(uint64_t t0, uint64_t asleep)
{
    kstat_add(KSTAT_RESIDENT_TSC, (uint32_t)(rdtsc() - t0 - asleep));
}

int krt_irq_ack(int irq)
{
    uint64_t t0 = rdtsc();
    int r = 0;
    if (!resident_irq_ack(irq))
        r = irq_ack(mytask(), irq);
    count_own_ticks(t0, 0);
    return r;
}

// Sleep in the kernel until the interrupt or the timeout, as the driver
// task would in micro mode: the same wait (IW_NOTIFY), so the same
// wake-up by irq_deliver and the same timeout.  The task running the
// driver is some client, which may get notifications of its own (proc
// hears of its children's ends): those are left for it, not taken for
// the interrupt.  A killed task waits too: the request must finish.
int krt_wait_notify(uint32_t timeout)
{
    uint64_t t0 = rdtsc(), asleep = 0;
    acquire(&sched_lock);
    struct task *t = mytask();
    uint32_t mine = line_bits, theirs = t->notify_bits & ~mine;
    int r;
    t->notify_bits &= mine;
    do {
        uint64_t before = rdtsc();
        r = ipc_await_notify(t, timeout);
        asleep += rdtsc() - before;
        if (r > 0)
            theirs |= (uint32_t)r & ~mine;
    } while (r >= 0 && !((uint32_t)r & mine) && timeout != IPC_POLL);
    t->notify_bits |= theirs;
    if (r > 0)
        r &= mine;
    release(&sched_lock);
    count_own_ticks(t0, asleep);
    return r;
}

// A resident server has no receive loop: resident.c calls its
// dispatcher, and callers wait in the kernel, never at the server.  So a
// poll (the runtime's way to ask whether a request waits, which fs's
// group commit asks only when one does) finds none; any other receive
// means the kernel called the wrong entry.
int krt_recv(struct ipc_msg *m, uint32_t timeout)
{
    (void)m;
    if (timeout == IPC_POLL)
        return E_WOULDBLOCK;
    panic("resident server entered its receive loop");
}

int krt_reply_recv(uint32_t client, struct ipc_msg *m, uint32_t timeout)
{
    (void)client, (void)m, (void)timeout;
    panic("resident server entered its receive loop");
}

// A deferred answer (fs's pipes): the client waits in the kernel.
int krt_reply(uint32_t client, const struct ipc_msg *m)
{
    return resident_reply(client, m);
}

// One server calling another (fs calling blk): the callee is linked in
// too, so the call runs it here, in this thread.  Nothing restarts in
// mono mode, so there is no E_RESTART to retry on.
int krt_call_retry(uint32_t ep, struct ipc_msg *m)
{
    return resident_kernel_call(ep, m);
}

// The same for a call whose reply is words only (no receive buffer).
int krt_call_retry_words(uint32_t ep, struct ipc_msg *m)
{
    return resident_kernel_call(ep, m);
}

int krt_task_info(uint32_t task, struct task_info *info)
{
    acquire(&sched_lock);
    int r = task_info_get(task, info);
    release(&sched_lock);
    return r;
}

// The servers' state segments, from one pool: in the kernel nothing
// restarts, so a segment is never kept, only made (zeroed, being bss).
// The pool holds fs's (its tables and its clients' slots).
#define STATE_POOL (48 * PGSIZE)
static uint8_t state_pool[STATE_POOL] __attribute__((aligned(PGSIZE)));
static uint32_t state_used;

int krt_state_segment(uint32_t bytes, void **segment, bool *kept)
{
    bytes = PGROUNDUP(bytes);
    if (bytes > STATE_POOL - state_used)
        return E_NOMEM;
    *segment = state_pool + state_used;
    state_used += bytes;
    *kept = false;
    return 0;
}

// A server that cannot go on would end its task.  In the kernel there is
// none of its own to end: it stops, as on a fault, and the request it was
// serving is answered E_IO.
void krt_task_exit(void)
{
    resident_fail(mytask());
    panic("a server linked into the kernel gave up outside a request");
}
