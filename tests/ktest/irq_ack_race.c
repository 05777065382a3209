// A driver killed in the middle of sys_irq_ack leaves its line masked.
// The driver, on CPU 1, acknowledges its line in a loop while the root,
// on CPU 0, destroys it.  task_end masks the line and clears its owner at
// once (irq_task_gone), while the driver may still be inside its call; an
// ack that read the owner before that and unmasked after it would leave
// the line open with no owner (irq.c's irq_lock prevents it).  Each round
// then makes COM1 raise IRQ 4 (transmitter empty) and counts the device
// interrupts: a masked line takes none.  Control rounds use a driver that
// never acknowledges, and one live line shows that the interrupt does
// arrive when the line is open.
#include "ktest.h"
#include "com1_irq.h"
#include "kstat.h"

#define IRQ_BIT 0x10
#define ROUNDS 150
#define CONTROLS 30

static volatile uint32_t *shared;       // [0] the driver has registered, [1] its result

// Registers for the line, then acknowledges it in a loop or never.
static void driver(uint32_t acks)
{
    shared[1] = sys_irq_register(COM1_IRQ, IRQ_BIT);
    shared[0] = 1;
    if (acks)
        for (;;)
            sys_irq_ack(COM1_IRQ);
    for (;;)
        ;
}

static uint32_t device_irqs(void)
{
    uint32_t k[KSTAT_N];
    sys_kstat(k);
    return k[KSTAT_DEVICE_IRQ];
}

// Fire the line once and report how many device interrupts came.
static uint32_t fire(void)
{
    uint32_t before = device_irqs();
    com1_raise_irq();
    for (volatile int i = 0; i < 2000000; i++)
        ;
    com1_quiet();
    return device_irqs() - before;
}

// A driver on CPU 1, granted the line and registered for it.
static int start_driver(uint32_t acks)
{
    shared[0] = 0;
    int d = cow_fork(0);
    if (d == 0) {
        driver(acks);
        task_exit();
    }
    sys_irq_grant(d, COM1_IRQ);
    sys_set_affinity(d, 1);
    sys_set_state(d, TASK_RUNNABLE);
    while (!shared[0])
        ;
    if (shared[1] != 0) {
        cprintf("irq_ack_race: register %d\n", shared[1]);
        sys_halt(3);
    }
    return d;
}

static void end_driver(int d)
{
    sys_task_destroy(d);
    wait_gone(d);
}

// Start a driver, kill it after `delay`, and fire the line.
static int race_round(uint32_t acks, uint32_t delay)
{
    int d = start_driver(acks);
    for (volatile uint32_t i = 0; i < delay; i++)
        ;
    end_driver(d);
    return fire();
}

int main(void)
{
    shared = shared_page(0x10000000);
    if (ncpus() < 2) {
        cprintf("irq_ack_race: needs 2 CPUs\n");
        sys_halt(0);
    }
    sys_set_affinity(0, 0);
    sys_ioport_grant(0, COM1, COM1_PORTS);
    // Positive control: a registered, live line does take the interrupt.
    int d = start_driver(0);
    uint32_t alive = fire();
    end_driver(d);
    uint32_t ctrl = 0, bad = 0;
    for (int i = 0; i < CONTROLS; i++)
        ctrl += race_round(0, (i * 7919) % 20000) != 0;
    for (int i = 0; i < ROUNDS; i++)
        bad += race_round(1, (i * 7919) % 20000) != 0;
    cprintf("irq_ack_race: live line took %u interrupt(s)\n", alive);
    cprintf("irq_ack_race: driver never acking: line open after its end in %u of %u rounds\n", ctrl, CONTROLS);
    cprintf("irq_ack_race: driver acking in a loop: line open after its end in %u of %u rounds\n", bad, ROUNDS);
    sys_halt(0);
    return 0;
}
