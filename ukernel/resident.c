// Resident endpoints (mono mode only; docs/mono.md).  A server linked
// into the kernel serves its endpoint in the caller's thread: the call
// traps once, its message is copied in and checked by the very
// dispatcher the server task runs in micro mode, and the reply is copied
// out as an IPC reply is.  There is no server task and no address-space
// switch.
//
// A server's code was written for one thread: its handlers run one at a
// time.  So one task at a time is inside it (`holder`); the others wait
// for their turn (IW_RESIDENT).  The server code runs without sched_lock,
// so it may block the calling task (a driver waiting for its interrupt,
// rt/kernel/krt.c); a task inside a server is not freed when it is
// killed, but leaves first (task_kill).
#include "kernel.h"
#include "task.h"
#include "sched.h"
#include "vm.h"
#include "ipc.h"
#include "resident.h"
#include "idl.h"
#include "kstat.h"
#include "../libipc/trace.h"

// The entry points of the servers the Makefile links in (MONO_SERVERS):
// what `objcopy --keep-global-symbol` left global in each.
int ide_start(void);
int blk_dispatch(const struct ipc_msg *req, struct ipc_msg *reply, void *reply_buf);

struct resident {
    uint32_t ep;
    const char *name;
    int (*start)(void);     // the server's start-up, run by its first caller
    int (*dispatch)(const struct ipc_msg *req, struct ipc_msg *reply, void *reply_buf);
    bool started;
    int start_result;
    uint32_t holder;        // the task inside the server, 0 if none
    uint8_t request[IPC_MAXBUF];
    uint8_t reply[IPC_MAXBUF];
};

static struct resident residents[] = {
    { .ep = EP_BLK, .name = "ide", .start = ide_start, .dispatch = blk_dispatch },
};

struct resident *resident_lookup(uint32_t ep)
{
    for (uint32_t i = 0; i < NELEM(residents); i++)
        if (residents[i].ep == ep)
            return &residents[i];
    return 0;
}

// For the root task (bootinfo): which endpoints need no server task.
uint32_t resident_endpoints(void)
{
    uint32_t eps = 0;
    for (uint32_t i = 0; i < NELEM(residents); i++)
        eps |= 1u << residents[i].ep;
    return eps;
}

// Caller holds sched_lock.  Wait until nobody is inside rs, then go in.
static int enter(struct task *c, struct resident *rs)
{
    while (rs->holder) {
        if (c->killed)
            return E_DEAD;
        c->state = TS_BLOCKED;
        c->ipc_wait = IW_RESIDENT;
        c->timeout_at = 0;
        sched();
    }
    rs->holder = c->id;
    c->in_server = true;
    return 0;
}

// Caller holds sched_lock.  Leave rs; whoever waited for it tries again.
static void leave(struct task *c, struct resident *rs)
{
    rs->holder = 0;
    c->in_server = false;
    for (int i = 0; i < NTASK; i++) {
        struct task *w = &tasks[i];
        if (w->state == TS_BLOCKED && w->ipc_wait == IW_RESIDENT) {
            w->ipc_wait = IW_NONE;
            make_runnable(w);
        }
    }
}

// Run the server on the request in kernel memory; the answer goes to
// *reply and rs->reply.  Runs without sched_lock.
static void serve(struct resident *rs, const struct ipc_msg *req, struct ipc_msg *reply)
{
    if (!rs->started) {
        rs->start_result = rs->start();
        rs->started = true;
    }
    if (rs->start_result < 0) {
        idl_reply_error(reply, E_IO);
        return;
    }
    // The servers linked in answer every request at once; deferring
    // (fs's pipes, the console's reads) needs fs and console resident.
    if (rs->dispatch(req, reply, rs->reply) == IDL_DEFER)
        idl_reply_error(reply, E_NOSYS);
}

// A call from c to rs's endpoint: the send and receive sides of sd were
// checked as for IPC (do_send).  Caller holds sched_lock, as on return.
int resident_call(struct task *c, struct resident *rs, const struct ipc_msg *sd, uint32_t msg_va)
{
    int r = enter(c, rs);
    if (r < 0)
        return r;
    kstat_inc(KSTAT_RESIDENT);
    // Read the descriptor once: the server must see what was checked.
    struct ipc_msg req = *sd, reply;
    if (req.slen && copy_from_user(c->pgdir, rs->request, (uint32_t)req.sbuf, req.slen) < 0)
        r = E_FAULT;
    else
        kstat_add(KSTAT_COPY_BYTES, req.slen);
    req.sender = c->id;
    req.rbuf = rs->request;
    req.rlen = req.slen;
    req.rpage = 0;
    if (r == 0) {
        if (trace_on)
            trace_record(c->id, TRACE_RESIDENT_ID(rs->ep), req.label, req.slen, req.w);
        release(&sched_lock);
        serve(rs, &req, &reply);
        acquire(&sched_lock);
        r = ipc_deliver_kernel_reply(c, msg_va, &reply);
        if (trace_on)
            trace_record(TRACE_RESIDENT_ID(rs->ep), c->id, reply.label, reply.slen, reply.w);
    }
    leave(c, rs);
    return r;
}
