// Starting the other CPUs.  Each AP runs entryother.S from START_ADDR,
// then mpenter() on a kernel stack the BSP allocated for it, loads its
// own segments, IDT and LAPIC, and enters its scheduler loop.
#include "kernel.h"
#include "smp.h"
#include "trap.h"
#include "vm.h"
#include "kalloc.h"
#include "sched.h"
#include "mmu.h"
#include "x86.h"
#include "fpu.h"

#define START_ADDR 0x7000

extern uint8_t _binary_entryother_start[], _binary_entryother_size[];
extern pde_t entrypgdir[];

// APs wait here until the BSP has finished booting, so no task runs
// before the kernel has said every CPU is up.
static volatile int boot_done;

void smp_release_aps(void)
{
    boot_done = 1;
}

static void mpenter(void)
{
    kvm_load();
    int id = lapic_id();
    struct cpu *c = 0;
    for (int i = 1; i < ncpu; i++)
        if (cpus[i].apicid == id)
            c = &cpus[i];
    if (!c)
        for (;;)
            ;               // an AP we did not start: nothing safe to report from here
    cpu_init_segments_for(c);
    idt_load();
    fpu_init();
    lapic_init();
    c->started = 1;
    while (!boot_done)
        pause();
    scheduler();
}

void smp_boot_aps(void)
{
    uint8_t *code = P2V(START_ADDR);
    memmove(code, _binary_entryother_start, (uint32_t)_binary_entryother_size);
    for (int i = 1; i < ncpu; i++) {
        struct cpu *c = &cpus[i];
        char *stack = page_alloc();
        if (!stack)
            panic("smp_boot_aps: no memory for a stack");
        *(uint32_t *)(code - 4) = (uint32_t)stack + KSTACKSIZE;
        *(void (**)(void))(code - 8) = mpenter;
        *(uint32_t *)(code - 12) = V2P(entrypgdir);
        lapic_startap(c->apicid, START_ADDR);
        while (!c->started)
            pause();
    }
}
