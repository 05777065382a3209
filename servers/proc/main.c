// proc, the root task.  It starts the servers from the boot modules,
// then init from the file system, and serves the proc interface: the
// process calls of the xv6 API (fork, exec, exit, wait, kill, sbrk,
// sleep, ...).  Its loop is the generated dispatcher's, with a receive
// timeout on the earliest deadline so sleeping processes wake on time.
#include "proc.h"

static uint8_t req_buf[IPC_MAXBUF];
static uint32_t reply_buf[IPC_MAXBUF / 4];

// The generated serve loop's shape (tools/idl/gen_server.py), with the
// receive timeout and the deadline check of time.c, and the kernel's
// messages to supervise.c.  The reply is composed in the request's
// descriptor.
static void serve(void)
{
    struct ipc_msg m;
    uint32_t client = 0;
    bool answer = false;
    idl_msg_start(&m);
    for (;;) {
        idl_recv_into(&m, req_buf);
        int rc = answer ? ipc_reply_recv(client, &m, deadline_timeout())
                        : ipc_recv(&m, deadline_timeout());
        answer = false;
        deadline_run();
        if (rc < 0)
            continue;
        // Only the kernel sends as IPC_SENDER_KERNEL; whatever label a
        // task puts on its message, it is a request and gets an answer.
        if (m.sender == IPC_SENDER_KERNEL) {
            on_kernel_message(&m);
            continue;
        }
        client = m.sender;
        answer = proc_dispatch(&m, &m, reply_buf) != IDL_DEFER;
    }
}

int main(void)
{
    sys_set_name(0, "proc");
    cprintf("proc: starting the servers\n");
    servers_start();
    sys_ep_bind(EP_PROC, sys_getid());
    sys_notify_ends(NOTIFY_ENDED);
    start_init();
    serve();
    return 0;
}
