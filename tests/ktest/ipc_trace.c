// The IPC trace: switched on by a privileged task, it records each
// delivered message (cycle stamp, CPU, sender, receiver, label, length).
#include "ktest.h"
#include "trace.h"

#define LABEL_T IPC_LABEL(0x105, 1, 3)

int main(void)
{
    static struct trace_record rec[64];
    uint32_t s = fork_child(empty_server, 0, CPU_ANY);
    sys_ep_bind(EP_TEST, s);
    for (int i = 0; i < 20; i++)
        sys_yield();
    sys_trace(TRACE_READ, rec, 64);     // drain anything old
    sys_trace(TRACE_ON, 0, 0);
    for (int i = 0; i < 3; i++) {
        struct ipc_msg m = msg(LABEL_T, i);
        m.sbuf = "traced";
        m.slen = 6;
        ipc_call(EP_TEST, &m);
    }
    sys_trace(TRACE_OFF, 0, 0);
    int n = sys_trace(TRACE_READ, rec, 64);
    cprintf("trace: %d records (root %x, server %x)\n", n, sys_getid(), s);
    for (int i = 0; i < n; i++)
        cprintf("trace: cpu %d %x -> %x label %x len %d tsc %x%08x\n", rec[i].cpu, rec[i].sender, rec[i].receiver,
                rec[i].label, rec[i].len, (uint32_t)(rec[i].tsc >> 32), (uint32_t)rec[i].tsc);
    sys_halt(0);
    return 0;
}
