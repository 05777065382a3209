// This system's addition for benchmarks (user/sysbench.c, docs/mono.md):
// the kernel's event counters, summed over the CPUs, in the order of
// abi/kstat.h: system calls, IPC traps, interrupts, exceptions,
// address-space loads, task switches, fast and slow IPC, resident
// calls, bytes copied, idle TSC ticks, resident calls' own TSC ticks,
// device interrupts, IPC waits for a notification, resident calls
// between servers, bytes resident calls copied,
// slow answer-and-wait IPC traps, fast IPC traps that carried bytes,
// the TSC ticks of servers' dispatch in resident calls.
// They wrap: take differences.

#ifndef COUNTERS_H
#define COUNTERS_H

#define NCOUNTERS 19
#define COUNTER_SYSCALL 0

// Copy the NCOUNTERS counters to counts.  Returns 0, or -1 on error.
int kstat(uint *counts);

#endif
