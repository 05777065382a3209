// The local APIC of each CPU: its periodic timer (the preemption tick),
// end-of-interrupt, and the inter-processor interrupts that start the
// other CPUs.  Register offsets from the Intel SDM vol. 3, table 10-1.
#include "kernel.h"
#include "smp.h"
#include "trap.h"
#include "x86.h"

#define LAPIC_ID     0x020
#define LAPIC_VER    0x030
#define LAPIC_TPR    0x080      // task priority
#define LAPIC_EOI    0x0B0
#define LAPIC_SVR    0x0F0      // spurious interrupt vector
#define LAPIC_ESR    0x280      // error status
#define LAPIC_ICRLO  0x300      // interrupt command
#define LAPIC_ICRHI  0x310
#define LAPIC_TIMER  0x320      // local vector table: timer
#define LAPIC_PCINT  0x340      // performance counter
#define LAPIC_LINT0  0x350
#define LAPIC_LINT1  0x360
#define LAPIC_ERROR  0x370
#define LAPIC_TICR   0x380      // timer initial count
#define LAPIC_TCCR   0x390      // timer current count
#define LAPIC_TDCR   0x3E0      // timer divide configuration

#define SVR_ENABLE   0x100
#define LVT_MASKED   0x10000
#define TIMER_PERIODIC 0x20000
#define TDCR_DIV16   0x3
#define ICR_INIT     0x500
#define ICR_STARTUP  0x600
#define ICR_DELIVS   0x1000     // delivery pending
#define ICR_ASSERT   0x4000
#define ICR_LEVEL    0x8000

// The 8254 PIT measures the LAPIC timer's speed: channel 2, gated through
// port 0x61, counting at 1193182 Hz (8254 data sheet; IBM PC AT reference).
#define PIT_HZ       1193182
#define PIT_CH2      0x42
#define PIT_CMD      0x43
#define PIT_GATE     0x61
#define PIT_GATE_ON  0x01
#define PIT_SPEAKER  0x02
#define PIT_OUT2     0x20
#define PIT_CH2_MODE0 0xB0      // channel 2, lobyte/hibyte, interrupt on terminal count

volatile uint32_t lapic_base_pa;
static volatile uint32_t *lapic;
static uint32_t timer_count = 10000000;   // per tick; calibrated on the BSP

static void lapic_write(int reg, uint32_t v)
{
    lapic[reg / 4] = v;
    (void)lapic[LAPIC_ID / 4];      // wait for the write to land
}

static uint32_t lapic_read(int reg)
{
    return lapic[reg / 4];
}

void lapic_init(void)
{
    lapic = (volatile uint32_t *)lapic_base_pa;
    lapic_write(LAPIC_SVR, SVR_ENABLE | (T_IRQ0 + IRQ_SPURIOUS));
    lapic_write(LAPIC_TDCR, TDCR_DIV16);
    lapic_write(LAPIC_TIMER, TIMER_PERIODIC | (T_IRQ0 + IRQ_TIMER));
    lapic_write(LAPIC_TICR, timer_count);
    lapic_write(LAPIC_LINT0, LVT_MASKED);
    lapic_write(LAPIC_LINT1, LVT_MASKED);
    if (((lapic_read(LAPIC_VER) >> 16) & 0xff) >= 4)
        lapic_write(LAPIC_PCINT, LVT_MASKED);
    lapic_write(LAPIC_ERROR, LVT_MASKED);
    lapic_write(LAPIC_ESR, 0);
    lapic_write(LAPIC_ESR, 0);
    lapic_write(LAPIC_EOI, 0);
    lapic_write(LAPIC_TPR, 0);
}

// Count LAPIC timer decrements over 10 ms of the PIT so that the tick is
// 1/HZ of a second whatever the bus speed.
void lapic_calibrate(void)
{
    uint32_t pit_count = PIT_HZ / HZ;
    lapic_write(LAPIC_TIMER, LVT_MASKED);
    outb(PIT_GATE, (inb(PIT_GATE) & ~PIT_SPEAKER) | PIT_GATE_ON);
    outb(PIT_CMD, PIT_CH2_MODE0);
    outb(PIT_CH2, pit_count & 0xff);
    outb(PIT_CH2, pit_count >> 8);
    lapic_write(LAPIC_TICR, 0xffffffff);
    while (!(inb(PIT_GATE) & PIT_OUT2))
        pause();
    uint32_t elapsed = 0xffffffff - lapic_read(LAPIC_TCCR);
    if (elapsed > 1000)
        timer_count = elapsed;
    lapic_write(LAPIC_TIMER, TIMER_PERIODIC | (T_IRQ0 + IRQ_TIMER));
    lapic_write(LAPIC_TICR, timer_count);
}

int lapic_id(void)
{
    return lapic ? lapic_read(LAPIC_ID) >> 24 : 0;
}

void lapic_eoi(void)
{
    lapic_write(LAPIC_EOI, 0);
}

// A fixed-delivery interrupt to one other CPU (SDM vol. 3, 10.6.1).
void lapic_ipi(uint8_t apicid, int vector)
{
    lapic_write(LAPIC_ICRHI, apicid << 24);
    lapic_write(LAPIC_ICRLO, vector);
    while (lapic_read(LAPIC_ICRLO) & ICR_DELIVS)
        pause();
}

// Roughly a microsecond per read of the unused diagnostic port 0x80,
// the classic ISA delay.
static void microdelay(int us)
{
    for (int i = 0; i < us; i++)
        inb(0x80);
}

// The INIT / STARTUP / STARTUP sequence of the Intel MP specification,
// appendix B.4: the AP starts in real mode at physical addr.
void lapic_startap(uint8_t apicid, uint32_t addr)
{
    lapic_write(LAPIC_ICRHI, apicid << 24);
    lapic_write(LAPIC_ICRLO, ICR_INIT | ICR_LEVEL | ICR_ASSERT);
    microdelay(200);
    lapic_write(LAPIC_ICRLO, ICR_INIT | ICR_LEVEL);
    microdelay(10000);
    for (int i = 0; i < 2; i++) {
        lapic_write(LAPIC_ICRHI, apicid << 24);
        lapic_write(LAPIC_ICRLO, ICR_STARTUP | (addr >> 12));
        microdelay(200);
    }
}
