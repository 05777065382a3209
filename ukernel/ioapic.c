// The IOAPIC routes the ISA interrupt lines to CPUs.  Every line starts
// masked; a line is unmasked when a driver registers for it and masked
// again while the driver handles an interrupt (82093AA IOAPIC data
// sheet, section 3.2).
#include "kernel.h"
#include "smp.h"
#include "trap.h"
#include "spinlock.h"
#include "mmu.h"

#define IOREGSEL     0x00
#define IOWIN        0x10
#define REG_ID       0x00
#define REG_VER      0x01
#define REG_TABLE    0x10       // redirection entry i: 0x10 + 2i (low), +1 (high)
#define INT_MASKED   0x00010000
#define IOAPIC_DEFAULT_PA 0xFEC00000    // MP spec 3.6.2.2

uint8_t ioapicid;
uint32_t ioapic_pa = IOAPIC_DEFAULT_PA;   // unless the MP table says otherwise
static struct spinlock ioapic_lock = { .name = "ioapic" };

static uint32_t ioapic_read(int reg)
{
    volatile uint32_t *io = (volatile uint32_t *)ioapic_pa;
    io[IOREGSEL / 4] = reg;
    return io[IOWIN / 4];
}

static void ioapic_write(int reg, uint32_t v)
{
    volatile uint32_t *io = (volatile uint32_t *)ioapic_pa;
    io[IOREGSEL / 4] = reg;
    io[IOWIN / 4] = v;
}

// The IOAPIC's registers are reached through the kernel's identity
// mapping of the APIC window (vm.c), so ioapic_pa must lie in it.
void ioapic_init(void)
{
    if (ioapic_pa < APIC_WINDOW_START || ioapic_pa >= APIC_WINDOW_END)
        panic("ioapic_init: IOAPIC at %x is outside the mapped APIC window", ioapic_pa);
    int maxintr = (ioapic_read(REG_VER) >> 16) & 0xff;
    if (((ioapic_read(REG_ID) >> 24) & 0xf) != ioapicid)
        kprintf("ioapic: id differs from the MP table's; continuing\n");
    for (int i = 0; i <= maxintr; i++) {
        ioapic_write(REG_TABLE + 2 * i, INT_MASKED | (T_IRQ0 + i));
        ioapic_write(REG_TABLE + 2 * i + 1, 0);
    }
}

// Route irq, edge-triggered and active high as ISA lines are, to the CPU
// with the given APIC id, still masked.
void ioapic_enable(int irq, int cpu_apicid)
{
    acquire(&ioapic_lock);
    ioapic_write(REG_TABLE + 2 * irq, INT_MASKED | (T_IRQ0 + irq));
    ioapic_write(REG_TABLE + 2 * irq + 1, cpu_apicid << 24);
    release(&ioapic_lock);
}

void ioapic_mask(int irq)
{
    acquire(&ioapic_lock);
    ioapic_write(REG_TABLE + 2 * irq, ioapic_read(REG_TABLE + 2 * irq) | INT_MASKED);
    release(&ioapic_lock);
}

void ioapic_unmask(int irq)
{
    acquire(&ioapic_lock);
    ioapic_write(REG_TABLE + 2 * irq, ioapic_read(REG_TABLE + 2 * irq) & ~INT_MASKED);
    release(&ioapic_lock);
}
