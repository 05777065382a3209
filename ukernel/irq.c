// Device interrupts for user-mode drivers.  A driver granted an IRQ
// registers for it with a notification bit; when the line fires the
// kernel masks it and notifies the driver, which unmasks it with
// irq_ack once it has served the device.  The kernel never touches the
// device itself.
#include "kernel.h"
#include "ipc.h"
#include "task.h"
#include "sched.h"
#include "smp.h"
#include "resident.h"
#include "message.h"
#include "spinlock.h"

// Guards each line's owner together with its mask: a change of owner
// and the unmask an acknowledgment makes are then never interleaved.
// Taken inside sched_lock where both are held.
static struct spinlock irq_lock = { .name = "irq" };

static struct {
    uint32_t owner;     // task id registered for the line, 0 if none
    uint32_t bit;       // notification bits to set
} irqs[NIRQ];

// Caller holds sched_lock; the grant was checked by the system call.
int irq_register(struct task *t, int irq, uint32_t bit)
{
    // Line 0 (the PIT) would arrive on the LAPIC timer's vector; bit 31
    // is not a notification bit (ipc_wait_notify returns them as an int).
    if (irq <= 0 || irq >= NIRQ || bit == 0 || (bit & 0x80000000u))
        return E_INVAL;
    if (irqs[irq].owner != t->id && task_by_id(irqs[irq].owner))
        return E_BUSY;
    acquire(&irq_lock);
    irqs[irq].owner = t->id;
    irqs[irq].bit = bit;
    ioapic_enable(irq, cpus[0].apicid);
    ioapic_unmask(irq);
    release(&irq_lock);
    return 0;
}

// Needs irq_lock, not sched_lock, which a driver would otherwise take
// once per interrupt.  The owner can change while t is in this call:
// killed on another CPU, t loses its lines at once (irq_task_gone), and
// the line must then stay masked, not be unmasked by t's late ack.
int irq_ack(struct task *t, int irq)
{
    if (irq < 0 || irq >= NIRQ)
        return E_INVAL;
    acquire(&irq_lock);
    bool mine = irqs[irq].owner == t->id;
    if (mine)
        ioapic_unmask(irq);
    release(&irq_lock);
    return mine ? 0 : E_PERM;
}

// A driver linked into the kernel (mono mode) runs in whichever task
// called it: its line's notifications follow the task as it goes in
// (resident.c, lines_follow).
// A line whose last such task was killed was masked (irq_task_gone); the
// driver polls away any stale notification before its next command.
// Caller holds sched_lock.
void irq_follow(int irq, struct task *t)
{
    if (irq <= 0 || irq >= NIRQ || irqs[irq].owner == t->id)
        return;
    acquire(&irq_lock);
    if (!irqs[irq].owner)
        ioapic_unmask(irq);
    irqs[irq].owner = t->id;
    release(&irq_lock);
}

// From trap(): the line stays masked until the driver acknowledges.
void irq_deliver(int irq)
{
    if (irq < 0 || irq >= NIRQ)
        return;
    kstat_inc(KSTAT_DEVICE_IRQ);
    ioapic_mask(irq);
    if (resident_interrupt(irq))
        return;
    acquire(&sched_lock);
    struct task *t = task_by_id(irqs[irq].owner);
    if (t)
        ipc_notify_task(t, irqs[irq].bit);
    release(&sched_lock);
}

void irq_task_gone(struct task *t)
{
    acquire(&irq_lock);
    for (int i = 0; i < NIRQ; i++) {
        if (irqs[i].owner != t->id)
            continue;
        ioapic_mask(i);
        irqs[i].owner = 0;
    }
    release(&irq_lock);
}
