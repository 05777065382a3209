// Counting kernel events (abi/kstat.h lists them) in per-CPU words.
// One instruction each, through %gs, which points at this CPU's struct
// cpu: no lock, and nothing a preemption could split.
#ifndef UK_COUNT_H
#define UK_COUNT_H

#include "smp.h"
#include "kstat.h"

#define KSTAT_OFFSET(k) (__builtin_offsetof(struct cpu, kstat) + 4 * (k))

static inline __attribute__((always_inline)) void kstat_add(enum kstat k, uint32_t n)
{
    asm volatile("addl %1, %%gs:%c0" : : "i"(KSTAT_OFFSET(k)), "ri"(n) : "memory", "cc");
}

static inline __attribute__((always_inline)) void kstat_inc(enum kstat k)
{
    asm volatile("incl %%gs:%c0" : : "i"(KSTAT_OFFSET(k)) : "memory", "cc");
}

#endif
