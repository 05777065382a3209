// The message: the layout of an IPC descriptor, labels, the messages
// the kernel itself sends, timeouts and the error codes the kernel
// returns.  This is the wire contract between the kernel and every
// task; the kernel compiles it, so it names no service.  It must
// compile freestanding (i386) and on the host: fixed-width types only.
#ifndef ABI_MESSAGE_H
#define ABI_MESSAGE_H

#include <stdint.h>

// Data words carried with every message besides the label and sender.
#define IPC_NWORDS 6

// Largest byte buffer the kernel copies in one message.
#define IPC_MAXBUF 4096

// A message descriptor lives in the caller's memory.  The first part
// (label, sender, w) is what travels; the second part describes the
// optional byte buffer and page on each side and is only read by the
// kernel from the task that owns the descriptor.  It is 64 bytes and
// 64-byte aligned, so it never straddles a page: the kernel reaches it
// with one page-table lookup (a misaligned descriptor is E_INVAL).
struct __attribute__((aligned(64))) ipc_msg {
    uint32_t label;             // what the message is (see IPC_LABEL)
    uint32_t sender;            // stamped by the kernel on receive; ignored on send
    uint32_t w[IPC_NWORDS];     // payload words

    const void *sbuf;           // bytes to send (read only if slen is not 0)
    uint32_t slen;              // how many, at most IPC_MAXBUF (0: none)
    void *rbuf;                 // where received bytes go (read only if rlen is not 0)
    uint32_t rlen;              // in: capacity of rbuf (0: accept none); out: bytes received

    uint32_t spage;             // page-aligned address of a page to grant (0: none)
    uint32_t sperm;             // permissions the receiver gets (PTE_U|PTE_P[|PTE_W])
    uint32_t rpage;             // in: page-aligned address to map a granted page at
                                // (0: refuse pages); out: 0 if no page came
    uint32_t rperm;             // out: permissions of the page received
};

// The travelling head: label + sender + words.
#define IPC_HEAD_BYTES (4 * (2 + IPC_NWORDS))

_Static_assert(sizeof(uint32_t) == 4, "ipc: 32-bit words");
_Static_assert(sizeof(void *) != 4 || sizeof(struct ipc_msg) == 64, "ipc: a descriptor is 64 bytes on i386");
_Static_assert(IPC_HEAD_BYTES == 32, "ipc: message head is 32 bytes");

// A label names an interface (12 bits), its version (4 bits) and an
// operation (16 bits).  Replies reuse the label word for the
// operation's result: 0 or a negative error code.
#define IPC_LABEL(iface, version, op) \
    ((((uint32_t)(iface) & 0xfff) << 20) | (((uint32_t)(version) & 0xf) << 16) | ((uint32_t)(op) & 0xffff))
#define IPC_LABEL_IFACE(l)   (((l) >> 20) & 0xfff)
#define IPC_LABEL_VERSION(l) (((l) >> 16) & 0xf)
#define IPC_LABEL_OP(l)      ((l) & 0xffff)

// Messages the kernel itself composes (notifications, fault reports)
// arrive with this sender, which no task has (slot 0 is never used).
// The sender, not the label, tells them apart: a task may put any label
// in a message, but the kernel stamps every sender.
#define IPC_SENDER_KERNEL 0

// Labels the kernel itself sends.  Interface id 0xfff is reserved for them.
#define IPC_LABEL_NOTIFY IPC_LABEL(0xfff, 0, 1)   // w[0] = notification bits
#define IPC_LABEL_FAULT  IPC_LABEL(0xfff, 0, 2)   // w[0]=task w[1]=trap w[2]=eip w[3]=fault address w[4]=error code

// Endpoints are small numbers below NENDPOINT; 0 names none.  Which
// service has which number is user space's business (libipc/ipc.h).
#define EP_NONE 0
#define NENDPOINT 16

// Who may send to an endpoint (SYS_ep_admit): 0 admits every task; else
// bit n admits the task serving endpoint n, whichever copy that is.
#define EP_ADMIT(ep) (1u << (ep))

// What a receive (recv, reply_recv) returns when it has taken a caller's
// message while another caller still waits on one of the receiver's
// endpoints; otherwise it returns 0.  A server that can batch requests
// (fs's group commit) then asks for the next one without blocking, and
// spares the trap when nothing waits.
#define IPC_MORE 1

// Timeouts for receive and call, in timer ticks (100 per second).
#define IPC_FOREVER 0xffffffffu
#define IPC_POLL 0u

// Error codes: every system call and every operation returns 0 (or a
// non-negative value) on success and a negative code on failure.  The
// kernel's own codes are here; the ones only servers give continue the
// same number space in libipc/ipc.h, so a stub can return either.
// Transport errors say the message could not be delivered or answered.
enum kernel_error {
    E_OK = 0,
    E_INVAL = -1,       // bad argument
    E_FAULT = -2,       // a pointer or buffer is not mapped, not writable, or kernel memory
    E_PERM = -3,        // not allowed for this task
    E_NOMEM = -4,       // out of memory
    E_NOTASK = -5,      // no such task
    E_TOOBIG = -8,      // a buffer or value is larger than allowed
    E_TIMEOUT = -9,     // transport: a receive or call timed out
    E_WOULDBLOCK = -10, // transport: non-blocking send found no receiver waiting
    E_RESTART = -11,    // transport: the server died after taking the request; retry
    E_NOSYS = -12,      // no such operation
    E_BUSY = -16,       // resource in use
    E_DEAD = -26,       // the target task or endpoint is gone
};

#endif
