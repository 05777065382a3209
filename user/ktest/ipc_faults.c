// Fault reports: a supervisor reads the reports of its stopped children
// in the order of the faults, and a supervisor that dies takes with it
// every child still stopped for its decision, whether it had read the
// report or not.
#include "ktest.h"

#define TRAP_INVALID_OPCODE 6       // SDM vol. 3, table 6-1
#define NCHILDREN 3
#define SUPERVISOR_READS 1
#define SUPERVISOR_IGNORES 0

static volatile uint32_t *shared;

static void fault_now(uint32_t unused)
{
    (void)unused;
    asm volatile("ud2");
}

// A supervisor of one child that faults: it reads the report or not, as
// told, passes the child's id on, and ends.
static void supervisor(uint32_t reads)
{
    uint32_t child = fork_child(fault_now, 0, CPU_ANY);
    wait_faulted(child);
    if (reads) {
        struct ipc_msg m = msg(0, 0);
        shared[1] = ipc_recv(&m, 500) == 0 && m.label == IPC_LABEL_FAULT && m.w[0] == child;
    }
    shared[0] = child;
}

static int reports_in_fault_order(void)
{
    uint32_t ids[NCHILDREN];
    for (int i = 0; i < NCHILDREN; i++) {
        ids[i] = fork_child(fault_now, 0, CPU_ANY);
        wait_faulted(ids[i]);
    }
    int in_order = 0;
    for (int i = 0; i < NCHILDREN; i++) {
        struct ipc_msg m = msg(0, 0);
        int r = ipc_recv(&m, 500);
        int right = r == 0 && m.label == IPC_LABEL_FAULT && m.w[0] == ids[i] && m.sender == ids[i] &&
                     m.w[1] == TRAP_INVALID_OPCODE;
        cprintf("faults: report %d from task %x (fault %d was task %x), trap %d\n", i, m.w[0], i, ids[i], m.w[1]);
        in_order += right;
        sys_task_destroy(ids[i]);
    }
    return in_order;
}

// 0 when the dead supervisor's stopped child is gone, as it must be.
static int child_left_behind(uint32_t reads)
{
    shared[0] = shared[1] = 0;
    uint32_t s = fork_child(supervisor, reads, CPU_ANY);
    wait_gone(s);
    struct task_info info;
    int r = sys_task_info(shared[0], &info);
    return r == 0 ? (int)info.state : r;
}

int main(void)
{
    shared = shared_page(0x10000000);
    int passed = 0;
    passed += check("reports read in the order of the faults", reports_in_fault_order(), NCHILDREN);
    passed += check("stopped child of a supervisor that died without reading",
                    child_left_behind(SUPERVISOR_IGNORES), E_NOTASK);
    passed += check("stopped child of a supervisor that died after reading",
                    child_left_behind(SUPERVISOR_READS), E_NOTASK);
    passed += check("that supervisor had read the report", shared[1], 1);
    cprintf("faults: %d of 4 checks passed\n", passed);
    sys_halt(0);
    return 0;
}
