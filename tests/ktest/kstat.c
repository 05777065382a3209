// The kernel's event counters (SYS_kstat): each kind moves by exactly
// what this program makes the kernel do, on one CPU where nothing else
// runs.  Prints one line per check; tests/test_ipc.py reads them.
// The timer is the one thing the program does not drive: a stretch it
// interrupted may hold a preemption, a switch the program did not make.
// The stretches checked for "no switch" are measured again until one
// runs without an interrupt (a busy host slows the guest against its
// timer: 1 run in 40 of the wait stretch once held a switch).
#include "ktest.h"
#include "kstat.h"

#define CALLS 100
#define LABEL_K IPC_LABEL(0x10b, 1, 3)

// What happened to counter k from a to b.
static uint32_t moved(const uint32_t *a, const uint32_t *b, enum kstat k)
{
    return b[k] - a[k];
}

#define TRIES 20

static void getids(void)
{
    for (int i = 0; i < CALLS; i++)
        sys_getid();
}

static void polls(void)
{
    for (int i = 0; i < CALLS; i++)
        ipc_wait_notify(IPC_POLL);
}

// The counters around op, from a run the timer did not interrupt if
// one of TRIES is such a run.
static void uninterrupted(void (*op)(void), uint32_t *before, uint32_t *after)
{
    for (int t = 0; t < TRIES; t++) {
        sys_kstat(before);
        op();
        sys_kstat(after);
        if (moved(before, after, KSTAT_INTERRUPT) == 0)
            return;
    }
}

static void calls(uint32_t slen, uint32_t *before, uint32_t *after)
{
    sys_kstat(before);
    for (int i = 0; i < CALLS; i++) {
        struct ipc_msg m = msg(LABEL_K, i);
        m.sbuf = "counted";
        m.slen = slen;
        ipc_call(EP_TEST, &m);
    }
    sys_kstat(after);
}

int main(void)
{
    uint32_t a[KSTAT_N], b[KSTAT_N];
    uint32_t s = fork_child(empty_server, 0, CPU_ANY);
    sys_ep_bind(EP_TEST, s);
    struct ipc_msg first = msg(LABEL_K, 0);
    ipc_call(EP_TEST, &first);          // the server now waits in receive

    uninterrupted(getids, a, b);
    cprintf("kstat: getid syscall %u ipc_trap %u cr3 %u\n", moved(a, b, KSTAT_SYSCALL),
            moved(a, b, KSTAT_IPC_TRAP), moved(a, b, KSTAT_CR3));

    calls(0, a, b);
    cprintf("kstat: words ipc_trap %u ipc_fast %u ipc_slow %u copy_bytes %u switch %u cr3 %u\n",
            moved(a, b, KSTAT_IPC_TRAP), moved(a, b, KSTAT_IPC_FAST), moved(a, b, KSTAT_IPC_SLOW),
            moved(a, b, KSTAT_COPY_BYTES), moved(a, b, KSTAT_SWITCH), moved(a, b, KSTAT_CR3));

    calls(7, a, b);
    cprintf("kstat: bytes ipc_trap %u ipc_fast %u ipc_slow %u ipc_fast_bytes %u copy_bytes %u\n",
            moved(a, b, KSTAT_IPC_TRAP), moved(a, b, KSTAT_IPC_FAST), moved(a, b, KSTAT_IPC_SLOW),
            moved(a, b, KSTAT_IPC_FAST_BYTES), moved(a, b, KSTAT_COPY_BYTES));

    uninterrupted(polls, a, b);
    cprintf("kstat: waits ipc_trap %u ipc_slow %u ipc_wait %u switch %u\n", moved(a, b, KSTAT_IPC_TRAP),
            moved(a, b, KSTAT_IPC_SLOW), moved(a, b, KSTAT_IPC_WAIT), moved(a, b, KSTAT_SWITCH));

    cprintf("kstat: kernel address %d n %d\n", syscall5(SYS_kstat, KERNBASE, 0, 0, 0, 0), KSTAT_N);
    sys_halt(0);
    return 0;
}
