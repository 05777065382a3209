// proc, the root task.  It starts the servers from the boot modules,
// then init from the file system, and serves the proc interface: the
// process calls of the xv6 API (fork, exec, exit, wait, kill, sbrk,
// sleep, ...).  Its loop is the generated one, with a receive timeout on
// the earliest deadline so sleeping processes wake on time.
#include "proc.h"

// The generated serve loop (tools/idl/gen_server.py) with a receive
// timeout on the earliest deadline, the deadline check of time.c after
// every wait, and the kernel's messages to supervise.c.
static const struct idl_hooks hooks = {
    .other = on_kernel_message,
    .timeout = deadline_timeout,
    .woke = deadline_run,
};

int main(void)
{
    sys_set_name(0, "proc");
    cprintf("proc: starting the servers\n");
    servers_start();
    sys_ep_bind(EP_PROC, sys_getid());
    sys_notify_ends(NOTIFY_ENDED);
    start_init();
    proc_serve_with(&hooks);
    return 0;
}
