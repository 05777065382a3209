// The user-side IPC library: system-call wrappers for the IPC operations
// and the retry helper the generated stubs use.  Servers and programs
// include this (never kernel headers).
#ifndef LIBIPC_LIBIPC_H
#define LIBIPC_LIBIPC_H

#include "ipc.h"

// Send m to endpoint ep and wait for the reply, which overwrites
// m->label (the operation's result), m->w, m->rlen (bytes received
// into m->rbuf) and m->rpage/rperm.  Returns 0 or a transport error
// (E_RESTART, E_TIMEOUT, E_FAULT, E_TOOBIG, E_INVAL, E_DEAD).
int ipc_call(uint32_t ep, struct ipc_msg *m);

// ipc_call, repeated while the transport answers E_RESTART (the server
// was restarted after taking the request).  Every generated stub uses it
// or, when the reply brings no bytes, ipc_call_retry_words.
int ipc_call_retry(uint32_t ep, struct ipc_msg *m);

// ipc_call_retry for a call whose reply brings no bytes: m->rlen must be
// 0 (rbuf is then not read), so no receive buffer needs making writable
// first.
int ipc_call_retry_words(uint32_t ep, struct ipc_msg *m);

// One-way send to endpoint ep.  With nonblock set it fails with
// E_WOULDBLOCK instead of waiting when no receiver is ready.
int ipc_send(uint32_t ep, struct ipc_msg *m, int nonblock);

// Wait for the next message to this task (from any endpoint bound to it,
// a direct send, a notification or a fault report).  On success m->sender
// names the sender; returns 0 or E_TIMEOUT.
int ipc_recv(struct ipc_msg *m, uint32_t timeout);

// Answer client (which must be waiting in ipc_call on this task) with
// m's label, words, sbuf and spage, then wait for the next message into m,
// all in one kernel entry.
int ipc_reply_recv(uint32_t client, struct ipc_msg *m, uint32_t timeout);

// Answer client without waiting for the next message.
int ipc_reply(uint32_t client, struct ipc_msg *m);

// Set bits (0-30) in the notification word of task `task`; never blocks.
int ipc_notify(uint32_t task, uint32_t bits);

// Wait until notification bits arrive (a driver waiting for its IRQ),
// leaving any requests queued.  Returns the bits, E_TIMEOUT or
// E_WOULDBLOCK (timeout IPC_POLL and none pending).
int ipc_wait_notify(uint32_t timeout);

// Write once to every copy-on-write page in [buf, buf+len) so that the
// kernel may write there (used by every wrapper whose call writes into
// user memory).
void make_cow_writable(void *buf, uint32_t len);

// Forget which receive buffer was made writable: fork calls it, since
// it turns this task's pages copy-on-write again.
void ipc_forget_writable(void);

// A name and a string for every error code.
const char *ipc_strerror(int err);

#endif
