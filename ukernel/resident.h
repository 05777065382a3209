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
int resident_call(struct task *c, struct resident *rs, const struct ipc_msg *sd, uint32_t msg_va);
uint32_t resident_endpoints(void);
#else
static inline struct resident *resident_lookup(uint32_t ep)
{
    (void)ep;
    return 0;
}
static inline int resident_call(struct task *c, struct resident *rs, const struct ipc_msg *sd, uint32_t msg_va)
{
    (void)c, (void)rs, (void)sd, (void)msg_va;
    return E_NOSYS;
}
static inline uint32_t resident_endpoints(void)
{
    return 0;
}
#endif

// ipc.c: write a reply the kernel made (from kernel memory) into the
// caller's descriptor at msg_va and its receive buffer, as transfer()
// does for a reply from a server task.
int ipc_deliver_kernel_reply(struct task *to, uint32_t msg_va, const struct ipc_msg *sd);

#endif
