// A host stand-in for the kernel's IPC, for testing generated code in one
// process.  ipc_call() hands the request to the dispatcher bound to the
// endpoint, copying buffers the way the kernel does: the server sees only
// the bytes sent, in a buffer of exactly that size, and a reply larger
// than the capacity of the caller's rbuf is refused with E_TOOBIG.
#ifndef MOCK_IPC_H
#define MOCK_IPC_H

#include "libipc.h"

typedef int (*mock_dispatch_fn)(const struct ipc_msg *req, struct ipc_msg *reply, void *reply_buf);

// Serve endpoint ep with dispatch, in the caller's process.
void mock_bind(uint32_t ep, mock_dispatch_fn dispatch);

// The task id the next calls come from (the kernel stamps it as sender).
extern uint32_t mock_client;

// Called when a handler deferred its reply, while the caller "blocks":
// it plays the other tasks that run meanwhile and should reply.
extern void (*mock_meanwhile)(void);

// The next n calls are "taken by a server that then died": the
// dispatcher runs, its reply is dropped, and the call fails with E_RESTART.
extern int mock_restarts;

// Calls made and requests delivered to dispatchers so far.
extern int mock_calls, mock_deliveries;

// Scripted receive for serve loops: ipc_recv/ipc_reply_recv hand out
// these messages in order, then longjmp to mock_script_end.
#include <setjmp.h>
struct mock_in {
    uint32_t label, sender;
    uint32_t w[IPC_NWORDS];
    const void *bytes;
    uint32_t len;
};
void mock_script(const struct mock_in *msgs, int n);
extern jmp_buf mock_script_end;

// Replies the serve loop sent, in order.
struct mock_out {
    uint32_t client;
    uint32_t label;
    uint32_t w[IPC_NWORDS];
    uint8_t bytes[IPC_MAXBUF];
    uint32_t len;
};
#define MOCK_MAXOUT 16
extern struct mock_out mock_sent[MOCK_MAXOUT];
extern int mock_nsent;

// The last request ipc_call delivered and the reply it got, as they
// travelled (for testing the printer).
extern struct mock_out mock_last_req, mock_last_reply;

#endif
