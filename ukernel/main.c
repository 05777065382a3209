// Boot: bring up the boot CPU's segments, the console, physical memory,
// the kernel's page tables, the interrupt controllers and the trap
// table; create the root task from the first boot module; start the
// other CPUs; and become this CPU's scheduler.
#include "kernel.h"
#include "multiboot.h"
#include "kalloc.h"
#include "vm.h"
#include "smp.h"
#include "trap.h"
#include "task.h"
#include "sched.h"
#include "x86.h"
#include "fpu.h"

extern char end[];

// The two 8259A PICs stay masked: the IOAPIC delivers every interrupt
// (8259A data sheet: OCW1 at the odd port masks lines).
#define PIC1_DATA 0x21
#define PIC2_DATA 0xA1

static uint32_t max_u32(uint32_t a, uint32_t b)
{
    return a > b ? a : b;
}

// Everything the loader left that we still read (the info, the module
// list, their command lines, the modules) must stay out of the allocator.
static uint32_t first_free_page(struct multiboot_info *mbi, uint32_t mbi_pa)
{
    uint32_t top = max_u32(V2P(end), mbi_pa + sizeof(*mbi));
    struct multiboot_module *mods = P2V(mbi->mods_addr);
    top = max_u32(top, mbi->mods_addr + mbi->mods_count * sizeof(*mods));
    if (mbi->flags & MB_INFO_MMAP)
        top = max_u32(top, mbi->mmap_addr + mbi->mmap_length);
    for (uint32_t i = 0; i < mbi->mods_count; i++) {
        top = max_u32(top, mods[i].end);
        if (mods[i].cmdline)
            top = max_u32(top, mods[i].cmdline + strlen(P2V(mods[i].cmdline)) + 1);
    }
    return PGROUNDUP(top);
}

int main(uint32_t magic, uint32_t mbi_pa)
{
    cpu_init_segments_for(&cpus[0]);
    console_init();
    kprintf("\nukernel: booting\n");
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
        panic("not loaded by a Multiboot loader (magic %x)", magic);
    struct multiboot_info *mbi = P2V(mbi_pa);
    if (!(mbi->flags & MB_INFO_MODS) || mbi->mods_count == 0)
        panic("no boot modules: the first module must be the root task");
    if (mbi->flags & MB_INFO_CMDLINE)
        kprintf("ukernel: command line '%s'\n", (char *)P2V(mbi->cmdline));
    kalloc_init(mbi, first_free_page(mbi, mbi_pa));
    kvm_init();
    mp_init();
    lapic_init();
    lapic_calibrate();
    outb(PIC1_DATA, 0xff);
    outb(PIC2_DATA, 0xff);
    ioapic_init();
    idt_init();
    idt_load();
    fpu_init();
    struct multiboot_module *mods = P2V(mbi->mods_addr);
    task_create_root(P2V(mods[0].start), mods[0].end - mods[0].start, mbi);
    smp_boot_aps();
    kprintf("ukernel: %d cpus up, %d MiB free\n", ncpu, pages_free() / 256);
    smp_release_aps();
    scheduler();
}
