// System call dispatch and the handlers, grouped by what they act on:
// systask.c (tasks and memory), sysdev.c (privileged device rights).
#ifndef UK_SYSCALL_H
#define UK_SYSCALL_H

#include "types.h"

struct trapframe;
struct task;

void syscall(struct trapframe *tf);

int sys_exofork(void);
int sys_set_state(uint32_t id, uint32_t state);
int sys_page_alloc(uint32_t id, uint32_t va, uint32_t perm);
int sys_page_map(uint32_t srcid, uint32_t srcva, uint32_t dstid, uint32_t dstva, uint32_t perm);
int sys_page_unmap(uint32_t id, uint32_t va);
int sys_set_pgfault_upcall(uint32_t id, uint32_t entry);
int sys_set_trapframe(uint32_t id, uint32_t regs_va);
int sys_task_destroy(uint32_t id);
int sys_set_priority(uint32_t id, uint32_t prio);
int sys_set_tickets(uint32_t id, uint32_t tickets);
int sys_set_name(uint32_t id, uint32_t name_va);
int sys_task_info(uint32_t id, uint32_t info_va);
struct task_info;
int task_info_get(uint32_t id, struct task_info *info);   // caller holds sched_lock
int sys_set_affinity(uint32_t id, uint32_t cpu);
int sys_vm_clear(uint32_t id);
int sys_set_parent(uint32_t id, uint32_t parent);
int sys_set_quota(uint32_t id, uint32_t pages, uint32_t ntasks);
int sys_notify_ends(uint32_t bits);
int sys_ep_admit(uint32_t ep, uint32_t admits);

int sys_halt(uint32_t code);
int sys_grant(uint32_t id, uint32_t rights);
int sys_ep_bind(uint32_t ep, uint32_t id);
int sys_ioport_grant(uint32_t id, uint32_t first, uint32_t count);
int sys_devmem_map(uint32_t id, uint32_t va, uint32_t pa);
int sys_irq_grant(uint32_t id, uint32_t irq);
int sys_irq_register(uint32_t irq, uint32_t bit);
int sys_irq_ack(uint32_t irq);
int sys_trace(uint32_t op, uint32_t buf, uint32_t max);

// Looks up a task the caller may control: E_NOTASK or E_PERM otherwise.
int controlled_task(uint32_t id, struct task **out);

#endif
