// The x86 trap vectors by xv6's names, with this system's values: the
// processor's exceptions (Intel SDM vol. 3, 6.3.1 "Exceptions and
// interrupts"), the vector of the microkernel's system calls, and where
// the hardware interrupts arrive.  Kept equal to ukernel/trap.h and
// abi/sysno.h (tests/test_user_build.py checks).

#ifndef XV6_TRAPS_H
#define XV6_TRAPS_H

#define T_DIVIDE     0      // divide error
#define T_DEBUG      1      // debug exception
#define T_NMI        2      // non-maskable interrupt
#define T_BRKPT      3      // breakpoint
#define T_OFLOW      4      // overflow
#define T_BOUND      5      // bounds check
#define T_ILLOP      6      // illegal opcode
#define T_DEVICE     7      // device not available
#define T_DBLFLT     8      // double fault
#define T_TSS       10      // invalid task switch segment
#define T_SEGNP     11      // segment not present
#define T_STACK     12      // stack exception
#define T_GPFLT     13      // general protection fault
#define T_PGFLT     14      // page fault
#define T_FPERR     16      // floating point error
#define T_ALIGN     17      // alignment check
#define T_MCHK      18      // machine check
#define T_SIMDERR   19      // SIMD floating point error

// The microkernel's system calls (not xv6's: see syscall.h).  This
// system adds T_IPC, the vector of IPC, which the xv6 calls go through.
#define T_SYSCALL   64
#define T_IPC       65

#define T_IRQ0      32      // IRQ n arrives as vector T_IRQ0 + n

#define IRQ_TIMER    0
#define IRQ_KBD      1
#define IRQ_COM1     4
#define IRQ_IDE     14
#define IRQ_SPURIOUS 31

#endif
