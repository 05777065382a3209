// The trap frame alltraps builds on the kernel stack, the trap numbers,
// and the entry points of trap handling.
#ifndef UK_TRAP_H
#define UK_TRAP_H

#include "types.h"
#include "sysno.h"     // T_SYSCALL, T_IPC: the vectors user code traps through

// The processor exceptions the kernel treats apart from the others
// (SDM vol. 3, table 6-1; trap_name names them all).
#define T_NMI       2
#define T_BRKPT     3
#define T_DEVICE    7
#define T_DBLFLT    8
#define T_PGFLT     14
#define T_MCHK      18

#define T_IRQ0      32          // IRQ n arrives as vector T_IRQ0 + n
#define IRQ_TIMER   0
#define IRQ_KICK    28          // IPI that brings a CPU into the kernel, so a task killed there ends
#define IRQ_SHOOTDOWN 29        // IPI that asks a CPU to flush its TLB (tlb.c)
#define IRQ_WAKEUP  30          // IPI that wakes a halted CPU to run a task
#define IRQ_SPURIOUS 31         // the LAPIC's spurious vector is T_IRQ0 + 31

struct trapframe {
    uint32_t edi, esi, ebp, oesp, ebx, edx, ecx, eax;  // pushal
    uint16_t gs, pad1;
    uint16_t fs, pad2;
    uint16_t es, pad3;
    uint16_t ds, pad4;
    uint32_t trapno;
    uint32_t err;
    uint32_t eip;       // pushed by the CPU
    uint16_t cs, pad5;
    uint32_t eflags;
    uint32_t esp;       // only when crossing from user mode
    uint16_t ss, pad6;
};
_Static_assert(sizeof(struct trapframe) == 76, "trapframe layout matches trapasm.S");

void idt_init(void);
void idt_load(void);
void trap(struct trapframe *tf);
void ipc_trap(struct trapframe *tf);    // fastpath.c
void ipc_finish(void);
void trapret(void);
void trapframe_user(struct trapframe *tf);

#endif
