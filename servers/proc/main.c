// proc, the root task.  It starts the servers from the boot modules,
// then init from the file system, and serves the proc interface: the
// process calls of the xv6 API (fork, exec, exit, wait, kill, sbrk,
// sleep, ...).  Its loop is the generated dispatcher's, with a receive
// timeout so sleeping processes wake on time.
#include "proc.h"

static uint8_t req_buf[IPC_MAXBUF];
static uint32_t reply_buf[IPC_MAXBUF / 4];

static uint32_t receive_timeout(void)
{
    uint32_t at = next_wakeup(), now = sys_uptime();
    if (!at)
        return IPC_FOREVER;
    return at > now ? at - now : 1;
}

static void serve(void)
{
    struct ipc_msg m, reply;
    uint32_t client = 0;
    bool have_reply = false;
    for (;;) {
        int rc;
        if (have_reply) {
            m = reply;
            idl_recv_into(&m, req_buf);
            rc = ipc_reply_recv(client, &m, receive_timeout());
        } else {
            idl_recv_into(&m, req_buf);
            rc = ipc_recv(&m, receive_timeout());
        }
        have_reply = false;
        wake_sleepers();
        if (rc < 0)
            continue;
        if (IPC_LABEL_IFACE(m.label) == IDL_KERNEL_IFACE) {
            on_kernel_message(&m);
            continue;
        }
        client = m.sender;
        have_reply = proc_dispatch(&m, &reply, reply_buf) != IDL_DEFER;
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
