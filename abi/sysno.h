// System call numbers and the trap vectors that enter the kernel.
// Arguments go in edx, ecx, ebx, edi, esi; the number in eax; the
// result comes back in eax (>= 0 or an error from ipc.h).
// IPC has a vector of its own, so the kernel's fast path starts right
// at the trap: the operation in eax, then (arg, msg, timeout) in edx,
// ecx, ebx.
#ifndef LIBIPC_SYSNO_H
#define LIBIPC_SYSNO_H

#define T_SYSCALL 64
#define T_IPC     65

// The rest is C; the vectors above are also what trapasm.S includes.
#ifndef __ASSEMBLER__

enum sysno {
    SYS_cputs = 1,          // (str, len): kernel log line
    SYS_getid,              // () -> own task id
    SYS_yield,
    SYS_exofork,            // () -> child id in parent, 0 in child
    SYS_set_state,          // (task, TASK_RUNNABLE | TASK_STOPPED)
    SYS_page_alloc,         // (task, va, perm)
    SYS_page_map,           // (srctask, srcva, dsttask, dstva, perm)
    SYS_page_unmap,         // (task, va)
    SYS_set_pgfault_upcall, // (task, entry)
    SYS_set_trapframe,      // (task, struct task_regs *)
    SYS_task_destroy,       // (task)
    SYS_set_priority,       // (task, prio)
    SYS_set_name,           // (task, name)
    SYS_task_info,          // (task, struct task_info *)
    SYS_counter_add,        // (n) -> new value: a shared counter for the spinlock test
    SYS_uptime,             // () -> timer ticks since boot
    SYS_cpu,                // () -> the CPU running the caller
    SYS_halt,               // (code): power off through isa-debug-exit (privileged)
    SYS_grant,              // (task, right flags) (privileged)
    SYS_ep_bind,            // (endpoint, task; task 0 closes it: callers get E_DEAD) (privileged)
    SYS_ioport_grant,       // (task, first port, count) (privileged)
    SYS_devmem_map,         // (task, va, physical address) (privileged)
    SYS_irq_grant,          // (task, irq) (privileged)
    SYS_irq_register,       // (irq, notification bit): needs the irq granted
    SYS_irq_ack,            // (irq)
    SYS_trace,              // (op, buf, len) (privileged)
    SYS_set_affinity,       // (task, cpu or CPU_ANY): where the task may run
    SYS_yield_to,           // (task): give this CPU to a runnable task directly
    SYS_vm_clear,           // (task): unmap all its user memory (not the caller itself)
    SYS_set_parent,         // (task, supervisor) (privileged): who controls it and hears its faults
    SYS_set_quota,          // (task, pages, tasks) (privileged): its program's limits, 0 for none
    SYS_notify_ends,        // (bits): notify the caller with bits when a task it supervises ends
    SYS_ep_admit,           // (endpoint, EP_ADMIT bits or 0 for all) (privileged): who may send to it
    SYS_kstat,              // (buf) -> KSTAT_N: the kernel's event counters (abi/kstat.h), summed over CPUs
    SYS_lock_contend,       // (rounds) -> most acquisitions by others during one wait (lab spinlock)
    SYS_set_tickets,        // (task, tickets): its share of the CPU among tasks of its priority (lab sched)
    SYS_switch_probe,       // (rounds): switch address space away and back rounds times (bench ipc_floor_direct)
    NSYSCALL
};

// IPC operations (the T_IPC trap).
#define IPC_OP_CALL       1     // (endpoint, msg, timeout)
#define IPC_OP_SEND       2     // (endpoint, msg, timeout)
#define IPC_OP_SEND_NB    3     // (endpoint, msg): E_WOULDBLOCK unless the server waits
#define IPC_OP_RECV       4     // (0, msg, timeout)
#define IPC_OP_REPLY      5     // (client, msg)
#define IPC_OP_REPLY_RECV 6     // (client, msg, timeout)
#define IPC_OP_NOTIFY     7     // (task, bits)
#define IPC_OP_WAIT_NOTIFY 8    // (0, 0, timeout) -> the pending bits, leaving messages queued

// SYS_trace operations.
#define TRACE_ON    1
#define TRACE_OFF   2
#define TRACE_READ  3           // (buf, max records) -> records copied
#define TRACE_LOST  4           // -> records dropped by full rings since last asked

// Task states as seen by SYS_set_state and SYS_task_info.
#define TASK_STOPPED  0
#define TASK_RUNNABLE 1

// The root task (proc): the kernel creates it first, with this id.
#define TASK_ROOT 1

// Rights a privileged task may grant (SYS_grant).
#define RIGHT_CONTROL_ALL 0x1   // may control every task, not only its children
#define RIGHT_PRIV        0x2   // may bind endpoints, grant devices, halt, trace

// The registers SYS_set_trapframe sets; segments and flags stay the kernel's.
struct task_regs {
    uint32_t eip, esp, eax, ebx, ecx, edx, esi, edi, ebp;
};

// What SYS_task_info tells about a task.
struct task_info {
    uint32_t id;
    uint32_t parent;
    uint32_t state;         // TASK_INFO_* below
    uint32_t priority;
    uint32_t rights;
    char name[16];
    uint32_t ipc_fast;      // IPC traps it made that the kernel's fast path finished
};
_Static_assert(sizeof(struct task_info) == 40, "task_info: the kernel copies it out as is");
#define TASK_INFO_SLOT     0x80000000u   // id = this | slot: look up by slot
#define TASK_INFO_STOPPED  0
#define TASK_INFO_RUNNABLE 1
#define TASK_INFO_RUNNING  2
#define TASK_INFO_BLOCKED  3
#define TASK_INFO_FAULTED  4

#define CPU_ANY 0xffffffffu

#define PRIO_MIN 0
#define PRIO_DEFAULT 2
#define PRIO_SERVER (PRIO_MAX - 2)  // servers run before programs
#define PRIO_MAX 7

#endif  // __ASSEMBLER__

#endif
