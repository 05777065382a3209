// The IPC operations as C functions and the retry rule for restarted
// servers.  The names of the error codes are in strerror.c.
#include "libipc.h"
#include "syscall.h"
#include "vmlayout.h"

// The kernel writes received bytes only into pages the receiver may
// write.  A copy-on-write page (after fork) is read-only until the task
// itself writes to it, so write each such page of the buffer once first;
// the page-fault handler then makes the task's own copy.  Other pages
// are left alone: a truly read-only buffer is the kernel's to refuse.
void make_cow_writable(void *buf, uint32_t len)
{
    const volatile uint32_t *uvpt = (const volatile uint32_t *)UVPT;
    const volatile uint32_t *uvpd = (const volatile uint32_t *)UVPD;
    uint32_t start = (uint32_t)buf, end;
    if (!buf || len == 0 || start >= UTOP)
        return;
    end = start + len;
    if (end > UTOP || end < start)
        end = UTOP;
    for (uint32_t va = start & ~(PGSIZE - 1); va < end; va += PGSIZE) {
        if (!(uvpd[va >> 22] & PTE_P) || !(uvpt[va >> 12] & PTE_COW))
            continue;
        volatile char *p = (volatile char *)(va < start ? start : va);
        *p = *p;
    }
}

// A task receives into the same buffer call after call: once it has been
// made writable it stays so, until this task forks again (fork makes our
// pages copy-on-write and calls ipc_forget_writable).  Only this task's
// own fork does that; were another task to remap our pages, the kernel
// would still refuse the receive with E_FAULT, never write where it may not.
static uint32_t writable_buf, writable_len;

// Out of line, so that the common case, the buffer of the last receive,
// costs the calls below two compares, one saved register fewer and no
// stack adjustment for a call (8 instructions a round trip, docs/ipc.md).
static void __attribute__((noinline)) make_receivable(void *buf, uint32_t len)
{
    make_cow_writable(buf, len);
    writable_buf = (uint32_t)buf;
    writable_len = len;
}

static inline void prepare_receive(void *buf, uint32_t len)
{
    if ((uint32_t)buf != writable_buf || len > writable_len)
        make_receivable(buf, len);
}

void ipc_forget_writable(void)
{
    writable_buf = writable_len = 0;
}

int ipc_call(uint32_t ep, struct ipc_msg *m)
{
    prepare_receive(m->rbuf, m->rlen);
    return sys_ipc(IPC_OP_CALL, ep, m, IPC_FOREVER);
}

// E_RESTART means the server died holding our request.  Calls are
// designed to be safe to repeat (idempotent, or carrying a sequence
// number the server checks), so we send the same message again; it
// waits on the endpoint until the new server is bound.  Never inlined:
// ipc_call_retry_words hands its retries on here.
__attribute__((noinline)) int ipc_call_retry(uint32_t ep, struct ipc_msg *m)
{
    int r;
    while ((r = ipc_call(ep, m)) == E_RESTART)
        ;
    return r;
}

// ipc_call_retry for a call that receives no bytes (m->rlen is 0): there
// is no buffer to prepare, so it is the trap alone.  The generated stubs
// of every operation whose reply is words only use it.  A restart, rare,
// goes on in ipc_call_retry as a tail call, so the common case keeps
// nothing in a register for a loop.  (There, preparing a buffer of 0
// touches no page; it only forgets the buffer last made writable, which
// the next receive into it makes writable again.)
int ipc_call_retry_words(uint32_t ep, struct ipc_msg *m)
{
    int r = sys_ipc(IPC_OP_CALL, ep, m, IPC_FOREVER);
    return r == E_RESTART ? ipc_call_retry(ep, m) : r;
}

int ipc_send(uint32_t ep, struct ipc_msg *m, int nonblock)
{
    return sys_ipc(nonblock ? IPC_OP_SEND_NB : IPC_OP_SEND, ep, m, IPC_FOREVER);
}

int ipc_recv(struct ipc_msg *m, uint32_t timeout)
{
    prepare_receive(m->rbuf, m->rlen);
    return sys_ipc(IPC_OP_RECV, 0, m, timeout);
}

int ipc_reply_recv(uint32_t client, struct ipc_msg *m, uint32_t timeout)
{
    prepare_receive(m->rbuf, m->rlen);
    return sys_ipc(IPC_OP_REPLY_RECV, client, m, timeout);
}

int ipc_reply(uint32_t client, struct ipc_msg *m)
{
    return sys_ipc(IPC_OP_REPLY, client, m, 0);
}

int ipc_notify(uint32_t task, uint32_t bits)
{
    return sys_ipc(IPC_OP_NOTIFY, task, (void *)bits, 0);
}

int ipc_wait_notify(uint32_t timeout)
{
    return sys_ipc(IPC_OP_WAIT_NOTIFY, 0, 0, timeout);
}
