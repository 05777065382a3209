// The IPC trace for tools/trace: proc switches the kernel's rings on and
// off for a privileged process and prints, on the serial line, the names
// behind task ids and then the records, one parseable line each:
//   trace: name TASK PID NAME        (a task's name; pid 0 is a server)
//   trace: rec CPU TSC SENDER RECEIVER LABEL LEN W0 W1 W2 W3
//   trace: lost N                    (records the full rings dropped)
//   trace: end
// Names are printed as tasks appear, so a process that ends, or a
// server that is restarted under a new id, is still named.
#include "proc.h"
#include "trace.h"

static bool tracing;

void trace_name(uint32_t task, int pid, const char *name)
{
    if (tracing)
        cprintf("trace: name %x %d %s\n", task, pid, name);
}

static void name_everyone(void)
{
    struct proc_psinfo info;
    for (uint32_t i = 0; proc_do_ps(0, i, &info) == 0; i++)
        cprintf("trace: name %x %d %s\n", info.task, info.pid, info.name);
}

static void print_records(void)
{
    static struct trace_record rec[64];
    int n;
    while ((n = sys_trace(TRACE_READ, rec, 64)) > 0) {
        for (int i = 0; i < n; i++) {
            struct trace_record *t = &rec[i];
            cprintf("trace: rec %d %x%08x %x %x %x %d %x %x %x %x\n", t->cpu, (uint32_t)(t->tsc >> 32),
                    (uint32_t)t->tsc, t->sender, t->receiver, t->label, t->len, t->w[0], t->w[1], t->w[2], t->w[3]);
        }
    }
}

int proc_do_trace(uint32_t client, uint32_t on)
{
    if (!may_halt_or_crash(client))
        return E_PERM;
    if (on) {
        static struct trace_record old[64];
        while (sys_trace(TRACE_READ, old, 64) > 0)
            ;
        sys_trace(TRACE_LOST, 0, 0);
        tracing = true;
        name_everyone();
        return sys_trace(TRACE_ON, 0, 0);
    }
    sys_trace(TRACE_OFF, 0, 0);
    tracing = false;
    print_records();
    cprintf("trace: lost %d\n", sys_trace(TRACE_LOST, 0, 0));
    cprintf("trace: end\n");
    return 0;
}
