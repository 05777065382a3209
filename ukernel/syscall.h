// System call dispatch and the handlers, grouped by what they act on:
// systask.c (tasks and memory), sysdev.c (privileged device rights),
// ipc.c (binding endpoints).
// The dispatcher (syscall.c) runs a handler holding sched_lock, and
// hands a handler whose first parameter is a struct task * a task the
// caller may act on.
#ifndef UK_SYSCALL_H
#define UK_SYSCALL_H

#include "types.h"

struct trapframe;
struct task;

void syscall(struct trapframe *tf);

int do_exofork(void);
int do_set_state(struct task *t, uint32_t state);
int do_page_alloc(struct task *t, uint32_t va, uint32_t perm);
int do_page_map(struct task *src, uint32_t srcva, uint32_t dstid, uint32_t dstva, uint32_t perm);
int do_page_unmap(struct task *t, uint32_t va);
int do_set_pgfault_upcall(struct task *t, uint32_t entry);
int do_set_trapframe(struct task *t, uint32_t regs_va);
int do_task_destroy(struct task *t);
int do_set_priority(struct task *t, uint32_t prio);
int do_set_tickets(struct task *t, uint32_t tickets);
int do_set_name(struct task *t, uint32_t name_va);
int do_task_info(uint32_t id, uint32_t info_va);
struct task_info;
int task_info_get(uint32_t id, struct task_info *info);   // caller holds sched_lock
int do_set_affinity(struct task *t, uint32_t cpu);
int do_vm_clear(struct task *t);
int do_set_parent(uint32_t id, uint32_t parent);
int do_set_quota(uint32_t id, uint32_t pages, uint32_t ntasks);
int do_notify_ends(uint32_t bits);

int do_halt(uint32_t code);
int do_grant(struct task *t, uint32_t rights);
int do_ep_bind(uint32_t ep, uint32_t id);
int do_ep_admit(uint32_t ep, uint32_t admits);
int do_ioport_grant(struct task *t, uint32_t first, uint32_t count);
int do_devmem_map(struct task *t, uint32_t va, uint32_t pa);
int do_irq_grant(struct task *t, uint32_t irq);
int do_irq_register(uint32_t irq, uint32_t bit);
int do_irq_ack(uint32_t irq);
int do_trace(uint32_t op, uint32_t buf, uint32_t max);

#endif
