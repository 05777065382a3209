// The kernel side of IPC (ipc.c): endpoints, the rendezvous operations,
// notifications, interrupts delivered as notifications, fault reports to
// supervisors, and clean-up when a task dies.
#ifndef UK_IPC_H
#define UK_IPC_H

#include "types.h"

struct task;

int sys_ipc(uint32_t op, uint32_t arg, uint32_t msg_va, uint32_t timeout);
int ipc_bind(uint32_t ep, struct task *server);
void ipc_report_fault(struct task *t, uint32_t trapno, uint32_t eip, uint32_t addr, uint32_t err);
void ipc_task_gone(struct task *t);
void ipc_timeouts(uint32_t now);
void ipc_resume_faulted(struct task *t);

// Interrupts (irq.c).
int irq_register(struct task *t, int irq, uint32_t bit);
int irq_ack(struct task *t, int irq);
void irq_deliver(int irq);
void irq_task_gone(struct task *t);
int ipc_notify_task(struct task *target, uint32_t bits);

// Tracing (trace.c).
extern volatile bool trace_on;
void trace_record(uint32_t sender, uint32_t receiver, uint32_t label, uint32_t len);
int trace_read(struct task *t, uint32_t buf, uint32_t max);

#endif
