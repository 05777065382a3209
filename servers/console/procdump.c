// ^P: print the list of tasks, as xv6's procdump prints its processes.
//
// The list comes from the kernel (sys_task_info for every task slot):
// the console asks no server for it.  proc's ps operation (idl/proc.idl)
// would add pids and program names, but a console blocked in a call to
// proc while proc waits for the console would hang both, and the task
// list is there even when proc is the one in trouble.
#include "console.h"

#define NSLOT 256               // the kernel's task slots (ukernel/param.h NTASK)

// Padded to one width: the runtime's printf has no left-justified fields.
static const char *const state_names[] = {
    [TASK_INFO_STOPPED] = "stopped ",
    [TASK_INFO_RUNNABLE] = "runnable",
    [TASK_INFO_RUNNING] = "running ",
    [TASK_INFO_BLOCKED] = "blocked ",
    [TASK_INFO_FAULTED] = "faulted ",
};

static const char *state_name(uint32_t s)
{
    return s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : "?       ";
}

void procdump(void)
{
    struct task_info info;
    char line[80];
    cons_puts("\ntask     parent   state    prio name\n");
    for (uint32_t slot = 0; slot < NSLOT; slot++) {
        if (sys_task_info(TASK_INFO_SLOT | slot, &info) < 0)
            continue;
        info.name[sizeof(info.name) - 1] = 0;
        int n = snprintf_rt(line, sizeof(line), "%8x %8x %s %4u %s\n", info.id, info.parent,
                            state_name(info.state), info.priority, info.name);
        cons_write(line, n < (int)sizeof(line) ? n : (int)sizeof(line) - 1);
    }
}
