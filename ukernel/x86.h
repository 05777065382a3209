// Inline wrappers for the x86 instructions C cannot express.
#ifndef UK_X86_H
#define UK_X86_H

#include "types.h"

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    asm volatile("inb %1, %0" : "=a"(v) : "d"(port));
    return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
    asm volatile("outb %0, %1" : : "a"(v), "d"(port));
}

// What lgdt and lidt read: a table's limit, then its base (SDM vol. 3, 3.5.1).
struct pseudodesc {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

static inline void lgdt(void *gdt, int size)
{
    struct pseudodesc pd = { size - 1, (uint32_t)gdt };
    asm volatile("lgdt %0" : : "m"(pd));
}

static inline void lidt(void *idt, int size)
{
    struct pseudodesc pd = { size - 1, (uint32_t)idt };
    asm volatile("lidt %0" : : "m"(pd));
}

static inline void ltr(uint16_t sel)
{
    asm volatile("ltr %0" : : "r"(sel));
}

static inline uint32_t read_eflags(void)
{
    uint32_t eflags;
    asm volatile("pushfl; popl %0" : "=r"(eflags));
    return eflags;
}

static inline void cli(void) { asm volatile("cli"); }
static inline void hlt(void) { asm volatile("hlt"); }

static inline uint32_t xchg(volatile uint32_t *addr, uint32_t newval)
{
    uint32_t result;
    // The lock prefix is implied by xchg with memory; "memory" stops the
    // compiler moving loads and stores across the acquire.
    asm volatile("lock; xchgl %0, %1" : "+m"(*addr), "=a"(result) : "1"(newval) : "cc", "memory");
    return result;
}

static inline uint32_t rcr2(void)
{
    uint32_t v;
    asm volatile("movl %%cr2, %0" : "=r"(v));
    return v;
}

static inline void lcr3(uint32_t pa)
{
    asm volatile("movl %0, %%cr3" : : "r"(pa) : "memory");
}

static inline uint32_t rcr3(void)
{
    uint32_t v;
    asm volatile("movl %%cr3, %0" : "=r"(v));
    return v;
}

static inline uint32_t rcr0(void)
{
    uint32_t v;
    asm volatile("movl %%cr0, %0" : "=r"(v));
    return v;
}

static inline void lcr0(uint32_t v)
{
    asm volatile("movl %0, %%cr0" : : "r"(v));
}

static inline uint32_t rcr4(void)
{
    uint32_t v;
    asm volatile("movl %%cr4, %0" : "=r"(v));
    return v;
}

static inline void lcr4(uint32_t v)
{
    asm volatile("movl %0, %%cr4" : : "r"(v));
}

static inline void clts(void) { asm volatile("clts"); }

// The x87/MMX/SSE registers to and from a 512-byte, 16-byte aligned area.
static inline void fxsave(void *area)
{
    asm volatile("fxsave (%0)" : : "r"(area) : "memory");
}

static inline void fxrstor(const void *area)
{
    asm volatile("fxrstor (%0)" : : "r"(area) : "memory");
}

static inline uint32_t cpuid_edx(uint32_t leaf)
{
    uint32_t a, b, c, d;
    asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf));
    return d;
}

static inline void invlpg(uint32_t va)
{
    asm volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline uint64_t rdtsc(void)
{
    uint64_t v;
    asm volatile("rdtsc" : "=A"(v));
    return v;
}

static inline void pause(void) { asm volatile("pause"); }

#endif
