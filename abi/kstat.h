// The kernel's event counters, as SYS_kstat copies them out: one word
// per kind, summed over the CPUs.  They count what a crossing costs in
// events (traps, address-space and task switches, bytes copied), so a
// benchmark can explain a difference in time between the two modes.
// Counters wrap at 2^32; take differences, not absolute values.
#ifndef LIBIPC_KSTAT_H
#define LIBIPC_KSTAT_H

enum kstat {
    KSTAT_SYSCALL,          // T_SYSCALL traps
    KSTAT_IPC_TRAP,         // T_IPC traps
    KSTAT_INTERRUPT,        // hardware interrupts (timer, devices, IPIs)
    KSTAT_EXCEPTION,        // faults and other exceptions, from user or kernel
    KSTAT_CR3,              // address-space loads (mov to CR3)
    KSTAT_SWITCH,           // a task starts running on a CPU in place of another or the scheduler
    KSTAT_IPC_FAST,         // IPC traps finished by the fast path
    KSTAT_IPC_SLOW,         // IPC traps that went the general way
    KSTAT_RESIDENT,         // calls served by a server linked into the kernel (mono mode)
    KSTAT_COPY_BYTES,       // bytes the kernel copied between address spaces for IPC
    KSTAT_IDLE_TSC,         // time-stamp counter ticks CPUs spent halted with nothing to run
    KSTAT_RESIDENT_TSC,     // TSC ticks of resident calls' own path and the in-kernel runtime's waits
                            // and acknowledgements: the server's work and sleep excluded
    KSTAT_DEVICE_IRQ,       // interrupts of device lines drivers registered (the disk's: a sector, a flush)
    KSTAT_IPC_WAIT,         // slow IPC traps that wait for a notification (a driver's wait for its interrupt)
    KSTAT_RESIDENT_KERNEL,  // of the resident calls, those one server linked in makes to another (fs to ide)
    KSTAT_RESIDENT_BYTES,   // of copy_bytes, those a resident call copied in its own path (in resident_tsc)
    KSTAT_SLOW_REPLY_RECV,  // slow IPC traps that answer and wait for the next request (reply_recv)
    KSTAT_IPC_FAST_BYTES,   // of the fast IPC traps, those whose message carried bytes
    KSTAT_SERVED_TSC,       // TSC ticks of a server's dispatch in resident calls that came by a trap,
                            // what it called (another server, the runtime, its waits) included
    KSTAT_N
};

// The names tools/bench prints, in the order of the enum.
#define KSTAT_NAMES "syscall", "ipc_trap", "interrupt", "exception", "cr3", "switch", \
                    "ipc_fast", "ipc_slow", "resident", "copy_bytes", "idle_tsc", \
                    "resident_tsc", "device_irq", "ipc_wait", \
                    "resident_kernel", "resident_bytes", \
                    "slow_reply_recv", "ipc_fast_bytes", "served_tsc"

#endif
