// Each CPU's segments: flat kernel and user code and data, the
// task-state segment that gives the kernel stack and the I/O bitmap,
// and a small segment whose base is the CPU's struct cpu, so that
// mycpu() is one load through %gs.
#include "kernel.h"
#include "smp.h"
#include "x86.h"

static struct segdesc seg(uint32_t type, uint32_t base, uint32_t limit, int dpl, bool system, bool pages)
{
    return (struct segdesc){
        .lim_15_0 = limit & 0xffff, .lim_19_16 = (limit >> 16) & 0xf,
        .base_15_0 = base & 0xffff, .base_23_16 = (base >> 16) & 0xff, .base_31_24 = base >> 24,
        .type = type, .s = !system, .dpl = dpl, .p = 1, .db = 1, .g = pages,
    };
}

// Run on each CPU with c = its slot in cpus[].
void cpu_init_segments_for(struct cpu *c)
{
    c->self = c;
    c->gdt[SEG_KCODE] = seg(STA_X | STA_R, 0, 0xfffff, 0, false, true);
    c->gdt[SEG_KDATA] = seg(STA_W, 0, 0xfffff, 0, false, true);
    c->gdt[SEG_UCODE] = seg(STA_X | STA_R, 0, 0xfffff, DPL_USER, false, true);
    c->gdt[SEG_UDATA] = seg(STA_W, 0, 0xfffff, DPL_USER, false, true);
    c->gdt[SEG_KCPU] = seg(STA_W, (uint32_t)&c->self, sizeof(struct cpu) - 1, 0, false, false);
    c->gdt[SEG_TSS] = seg(STS_T32A, (uint32_t)&c->ts, sizeof(c->ts) - 1, 0, true, false);
    c->gdt[SEG_TSS].db = 0;
    c->ts.ss0 = SEG_KDATA << 3;
    c->ts.iomb = 0xffff;
    c->ts.iomap[IOMAP_BYTES] = 0xff;
    lgdt(c->gdt, sizeof(c->gdt));
    asm volatile("movw %0, %%gs" : : "r"((uint16_t)(SEG_KCPU << 3)));
    asm volatile("movw %0, %%ds; movw %0, %%es; movw %0, %%ss" : : "r"((uint16_t)(SEG_KDATA << 3)));
    asm volatile("movw %0, %%fs" : : "r"((uint16_t)0));
    asm volatile("ljmp %0, $1f\n1:" : : "i"(SEG_KCODE << 3));
    ltr(SEG_TSS << 3);
}
