// Per-CPU state and the multiprocessor hardware: discovering the CPUs
// (MP tables), their local APICs (timer, IPIs, interrupt end), the
// IOAPIC that routes device interrupts, and starting the other CPUs.
#ifndef UK_SMP_H
#define UK_SMP_H

#include "types.h"
#include "param.h"
#include "mmu.h"
#include "kstat.h"

struct context;
struct task;

struct cpu {
    struct cpu *self;           // %gs:0 points here (see mycpu)
    struct task *task;          // the task running on this CPU, or 0
    struct context *scheduler;  // swtch() here to enter the scheduler loop
    int nlocks;                 // spinlocks this CPU holds
    uint8_t apicid;
    int index;                  // position in cpus[]
    volatile int started;
    uint32_t iomap_owner;       // task id whose port bitmap the TSS holds
    uint32_t ticks;             // timer interrupts taken on this CPU
    volatile int idle;          // halted in the scheduler loop
    uint32_t kstat[KSTAT_N];    // event counters (kstat.h), summed by SYS_kstat
    int fpu_loaded;             // the current task's FPU registers are loaded (CR0.TS clear): fpu.h
    volatile uint32_t tlb_asked;    // TLB flushes asked of this CPU (tlb.c)
    volatile uint32_t tlb_done;     // the last of them it has made
    struct taskstate ts;
    struct segdesc gdt[NSEGS];
};

extern struct cpu cpus[NCPU];
extern int ncpu;
extern volatile uint32_t lapic_base_pa;
extern uint8_t ioapicid;
extern uint32_t ioapic_pa;

static inline struct cpu *mycpu(void)
{
    struct cpu *c;
    asm("movl %%gs:0, %0" : "=r"(c));
    return c;
}

// mp.c
void mp_init(void);

// lapic.c
void lapic_init(void);
int lapic_id(void);
void lapic_eoi(void);
void lapic_startap(uint8_t apicid, uint32_t addr);
void lapic_calibrate(void);
void lapic_ipi(uint8_t apicid, int vector);

// ioapic.c
void ioapic_init(void);
void ioapic_enable(int irq, int cpu_apicid);
void ioapic_mask(int irq);
void ioapic_unmask(int irq);

// smp.c
void smp_boot_aps(void);
void smp_release_aps(void);

// seg.c
void cpu_init_segments_for(struct cpu *c);

#endif
