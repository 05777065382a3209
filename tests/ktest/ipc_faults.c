// Fault reports: a supervisor reads the reports of its stopped children
// in the order of the faults; a stopped child keeps its supervisor; and a
// supervisor that dies takes with it every child still stopped for its
// decision, whether it had read the report or not.
#include "ktest.h"

#define TRAP_INVALID_OPCODE 6       // SDM vol. 3, table 6-1
#define NCHILDREN 3
#define SUPERVISOR_READS 1
#define SUPERVISOR_IGNORES 0
#define WAIT_TICKS 500              // 5 s at 100 ticks a second

// What a supervisor child tells the root.
struct shared {
    uint32_t child;                 // the child that faulted
    uint32_t read_report;           // 1 if it received that child's report
};
static volatile struct shared *sh;
static int passed, total;

static void expect(const char *name, int got, int want)
{
    total++;
    passed += check(name, got, want);
}

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
        sh->read_report = ipc_recv(&m, WAIT_TICKS) == 0 && m.label == IPC_LABEL_FAULT && m.w[0] == child;
    }
    sh->child = child;
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
        int r = ipc_recv(&m, WAIT_TICKS);
        int right = r == 0 && m.label == IPC_LABEL_FAULT && m.w[0] == ids[i] && m.sender == IPC_SENDER_KERNEL &&
                     m.w[1] == TRAP_INVALID_OPCODE;
        cprintf("faults: report %d from task %x (fault %d was task %x), trap %d\n", i, m.w[0], i, ids[i], m.w[1]);
        in_order += right;
        sys_task_destroy(ids[i]);
    }
    return in_order;
}

// A stopped child's report waits on its supervisor's queue, so it may not
// change supervisor until it is resumed or gone.
static int reparent_stopped_child(void)
{
    uint32_t child = fork_child(fault_now, 0, CPU_ANY);
    wait_faulted(child);
    int r = sys_set_parent(child, sys_getid());
    struct ipc_msg m = msg(0, 0);
    ipc_recv(&m, WAIT_TICKS);
    sys_task_destroy(child);
    return r;
}

// 0 when the dead supervisor's stopped child is gone, as it must be.
static int child_left_behind(uint32_t reads)
{
    sh->child = sh->read_report = 0;
    uint32_t s = fork_child(supervisor, reads, CPU_ANY);
    wait_gone(s);
    struct task_info info;
    int r = sys_task_info(sh->child, &info);
    return r == 0 ? (int)info.state : r;
}

int main(void)
{
    sh = shared_page(0x10000000);
    expect("reports read in the order of the faults", reports_in_fault_order(), NCHILDREN);
    expect("a stopped child cannot change supervisor", reparent_stopped_child(), E_BUSY);
    expect("stopped child of a supervisor that died without reading",
           child_left_behind(SUPERVISOR_IGNORES), E_NOTASK);
    expect("stopped child of a supervisor that died after reading",
           child_left_behind(SUPERVISOR_READS), E_NOTASK);
    expect("that supervisor had read the report", sh->read_report, 1);
    cprintf("faults: %d of %d checks passed\n", passed, total);
    sys_halt(0);
    return 0;
}
