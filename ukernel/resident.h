// Resident endpoints: in mono mode (docs/mono.md) some servers are linked
// into the kernel, and a call to their endpoint runs the server's
// generated dispatcher in the caller's thread instead of switching to a
// server task.  In micro mode there are none, and these cost nothing.
#ifndef UK_RESIDENT_H
#define UK_RESIDENT_H

#include "types.h"
#include "task.h"

struct resident;

#ifdef MODE_MONO
struct resident *resident_lookup(uint32_t ep);
int resident_call(struct task *c, struct resident *rs, const struct ipc_msg *sd, uint32_t msg_va,
                  uint32_t timeout_at);
uint32_t resident_endpoints(void);
// For the in-kernel runtime (rt/kernel/krt.c): one server linked in
// calling another, and a server's deferred answer.
int resident_kernel_call(uint32_t ep, struct ipc_msg *m);
int resident_reply(uint32_t client, const struct ipc_msg *m);
#define RESIDENT_IRQ_TASK 1     // resident_irq_register: the line went to the calling task
int resident_irq_register(int irq, uint32_t bit);
int resident_irq_ack(int irq);
bool resident_interrupt(int irq);
void resident_task_gone(struct task *t);
bool resident_holder(const struct task *t);
void resident_fail(struct task *c);
#else
static inline struct resident *resident_lookup(uint32_t ep)
{
    (void)ep;
    return 0;
}
static inline int resident_call(struct task *c, struct resident *rs, const struct ipc_msg *sd, uint32_t msg_va,
                                uint32_t timeout_at)
{
    (void)c, (void)rs, (void)sd, (void)msg_va, (void)timeout_at;
    return E_NOSYS;
}
static inline uint32_t resident_endpoints(void)
{
    return 0;
}
static inline bool resident_interrupt(int irq)
{
    (void)irq;
    return false;
}
static inline void resident_task_gone(struct task *t)
{
    (void)t;
}
static inline bool resident_holder(const struct task *t)
{
    (void)t;
    return false;
}
static inline void resident_fail(struct task *c)
{
    (void)c;
}
#endif

// ipc.c: write a reply the kernel made (from kernel memory) into the
// caller's descriptor at msg_va and its receive buffer, as transfer()
// does for a reply from a server task.
int ipc_deliver_kernel_reply(struct task *to, uint32_t msg_va, const struct ipc_msg *sd);

#endif
