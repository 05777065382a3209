// Sizes of the kernel's fixed tables.
#ifndef UK_PARAM_H
#define UK_PARAM_H

#define NCPU        8       // most CPUs the kernel will start
#define NTASK       256     // task slots
#define KSTACKSIZE  4096    // one kernel stack per task
#define NIRQ        16      // ISA IRQ lines routed through the IOAPIC
#define HZ          100     // timer interrupts per second on each CPU
#define QUANTUM     2       // ticks a task runs before it is preempted
#define TICKETS     100     // a task's share of the CPU among its priority level, unless set
#define TICKETS_MAX 10000
#define MAXPHYS     (768 << 20)     // physical memory the kernel maps and uses
#define NMODULES    16      // boot modules handed to the root task

#endif
