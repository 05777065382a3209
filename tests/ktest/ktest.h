// Helpers for the kernel test programs.  Each program in this directory
// boots as the root task, prints what it observes on the kernel console
// and powers the machine off; tests/ read the lines and decide.
#ifndef KTEST_H
#define KTEST_H

#include "rt.h"
#include "bootinfo.h"

// A page every forked child shares with its parent (PTE_SHARE survives fork).
static inline void *shared_page(uint32_t va)
{
    int r = sys_page_alloc(0, va, PTE_P | PTE_U | PTE_W | PTE_SHARE);
    if (r < 0) {
        cprintf("ktest: shared page: %s\n", ipc_strerror(r));
        sys_halt(3);
    }
    return (void *)va;
}

// Wait, yielding, until task id has ended.
static inline void wait_gone(uint32_t id)
{
    struct task_info info;
    while (sys_task_info(id, &info) == 0)
        sys_yield();
}

// Wait until task id is stopped by a fault (or gone).
static inline void wait_faulted(uint32_t id)
{
    struct task_info info;
    while (sys_task_info(id, &info) == 0 && info.state != TASK_INFO_FAULTED)
        sys_yield();
}

// Start fn(arg) in a copy-on-write child, pinned to cpu unless CPU_ANY.
static inline uint32_t fork_child(void (*fn)(uint32_t), uint32_t arg, uint32_t cpu)
{
    int id = cow_fork(0);
    if (id == 0) {
        fn(arg);
        task_exit();
    }
    if (id < 0) {
        cprintf("ktest: fork: %s\n", ipc_strerror(id));
        sys_halt(3);
    }
    sys_set_affinity(id, cpu);
    sys_set_state(id, TASK_RUNNABLE);
    return id;
}

// A message with no buffer and no page.
static inline struct ipc_msg msg(uint32_t label, uint32_t w0)
{
    struct ipc_msg m;
    memset(&m, 0, sizeof(m));
    m.label = label;
    m.w[0] = w0;
    return m;
}

// A server that answers every call at once with an empty reply (fork it
// with fork_child and bind it to an endpoint).
static inline void empty_server(uint32_t unused)
{
    (void)unused;
    static char in[32];
    struct ipc_msg m = msg(0, 0);
    m.rbuf = in;
    m.rlen = sizeof(in);
    ipc_recv(&m, IPC_FOREVER);
    for (;;) {
        m.label = 0;
        m.slen = 0;
        m.rbuf = in;
        m.rlen = sizeof(in);
        ipc_reply_recv(m.sender, &m, IPC_FOREVER);
    }
}

static inline uint32_t ncpus(void)
{
    return ((const struct bootinfo *)UBOOTINFO)->ncpu;
}

// Report one check: the harness looks for "check NAME: ok".
__attribute__((unused)) static int check(const char *name, int got, int want)
{
    if (got == want) {
        cprintf("check %s: ok\n", name);
        return 1;
    }
    cprintf("check %s: FAILED: got %d (%s), want %d (%s)\n", name, got, ipc_strerror(got), want, ipc_strerror(want));
    return 0;
}

#endif
