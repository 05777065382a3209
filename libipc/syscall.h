// User-side wrappers for every kernel system call (sysno.h).  Each
// returns what the kernel returned: >= 0 or an error code from ipc.h.
#ifndef LIBIPC_SYSCALL_H
#define LIBIPC_SYSCALL_H

#include <stdint.h>
#include "sysno.h"

int sys_cputs(const char *s, uint32_t len);
uint32_t sys_getid(void);
void sys_yield(void);
int sys_set_state(uint32_t task, uint32_t state);
int sys_page_alloc(uint32_t task, uint32_t va, uint32_t perm);
int sys_page_map(uint32_t srctask, uint32_t srcva, uint32_t dsttask, uint32_t dstva, uint32_t perm);
int sys_page_unmap(uint32_t task, uint32_t va);
int sys_set_pgfault_upcall(uint32_t task, void (*entry)(void));
int sys_set_trapframe(uint32_t task, const struct task_regs *regs);
int sys_task_destroy(uint32_t task);
int sys_set_priority(uint32_t task, uint32_t prio);
int sys_set_name(uint32_t task, const char *name);
int sys_task_info(uint32_t task, struct task_info *info);
int sys_counter_add(uint32_t n);
int sys_lock_contend(uint32_t rounds);
int sys_set_tickets(uint32_t task, uint32_t tickets);
int sys_switch_probe(uint32_t rounds);
uint32_t sys_uptime(void);
int sys_cpu(void);
int sys_halt(uint32_t code);
int sys_grant(uint32_t task, uint32_t rights);
int sys_ep_bind(uint32_t ep, uint32_t task);
int sys_ioport_grant(uint32_t task, uint32_t first, uint32_t count);
int sys_devmem_map(uint32_t task, uint32_t va, uint32_t pa);
int sys_irq_grant(uint32_t task, uint32_t irq);
int sys_irq_register(uint32_t irq, uint32_t bit);
int sys_irq_ack(uint32_t irq);
int sys_trace(uint32_t op, void *buf, uint32_t max);
int sys_set_affinity(uint32_t task, uint32_t cpu);
int sys_yield_to(uint32_t task);
int sys_vm_clear(uint32_t task);
int sys_set_parent(uint32_t task, uint32_t parent);
int sys_set_quota(uint32_t task, uint32_t pages, uint32_t ntasks);
int sys_notify_ends(uint32_t bits);
int sys_ep_admit(uint32_t ep, uint32_t admits);
int sys_kstat(uint32_t *counts);

// The raw trap, for callers that want to pass arbitrary (even bad) words.
int syscall5(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5);

// Inline, not a call: the child resumes from this very trap with the
// parent's registers and eax = 0, but with the stack as it is when the
// parent later copies it.  A called wrapper's frame would be gone by
// then; the caller's own frame is still there.
static inline int sys_exofork(void)
{
    int ret;
    asm volatile("int %1" : "=a"(ret) : "i"(T_SYSCALL), "a"(SYS_exofork) : "cc", "memory");
    return ret;
}

// Inline, so a round trip pays for no wrapper frame: the IPC trap.
static inline int sys_ipc(uint32_t op, uint32_t arg, void *msg, uint32_t timeout)
{
    int ret;
    asm volatile("int %1"
                 : "=a"(ret)
                 : "i"(T_IPC), "a"(op), "d"(arg), "c"(msg), "b"(timeout)
                 : "cc", "memory");
    return ret;
}

#endif
