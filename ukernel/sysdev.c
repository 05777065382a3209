// Privileged system calls: granting rights, granting a driver its I/O
// ports, device memory and interrupts, tracing, and power off (binding
// endpoints and saying who may call them is in ipc.c, with the
// endpoints).  Only a task holding RIGHT_PRIV
// (the root task, proc) may grant, which the dispatcher checks (PRIV,
// syscall.c); what it grants lets a driver touch its own device and
// nothing else.
#include "kernel.h"
#include "syscall.h"
#include "task.h"
#include "sched.h"
#include "smp.h"
#include "kalloc.h"
#include "quota.h"
#include "ipc.h"
#include "mmu.h"
#include "message.h"
#include "sysno.h"

// Physical ranges a driver may be given: the legacy video and ROM hole
// below 1 MiB, and memory-mapped devices above RAM other than the
// interrupt controllers the kernel owns (PC memory map; APIC_WINDOW_START
// in mmu.h).
#define LEGACY_HOLE_START 0xA0000
#define LEGACY_HOLE_END   0x100000

int do_halt(uint32_t code)
{
    kprintf("halt: deepest kernel stack use %u of %u bytes\n", kstack_deepest(), KSTACKSIZE);
    kprintf("halt: power off with code %d\n", code);
    poweroff(code);
}

int do_grant(struct task *t, uint32_t rights)
{
    if (rights & ~mytask()->rights)
        return E_PERM;
    t->rights = rights;
    return 0;
}

int do_ioport_grant(struct task *t, uint32_t first, uint32_t count)
{
    if (count == 0 || first >= IOPORT_LIMIT || count > IOPORT_LIMIT - first)
        return E_INVAL;
    for (uint32_t p = first; p < first + count; p++)
        t->iomap[p / 8] &= ~(1 << (p % 8));
    t->has_ports = true;
    // Every CPU reloads its TSS copy of the bitmap at the next switch.
    for (int i = 0; i < ncpu; i++)
        cpus[i].iomap_owner = 0;
    if (t == mytask())
        load_task(mycpu(), t);
    return 0;
}

static bool device_address(uint32_t pa)
{
    if (pa >= LEGACY_HOLE_START && pa < LEGACY_HOLE_END)
        return true;
    return pa >= phys_top() && !(pa >= APIC_WINDOW_START && pa < APIC_WINDOW_END);
}

int do_devmem_map(struct task *t, uint32_t va, uint32_t pa)
{
    if (!user_page_va(va) || pa % PGSIZE || !device_address(pa))
        return E_INVAL;
    return task_map(t, va, pa, PTE_P | PTE_U | PTE_W | PTE_PCD | PTE_PWT);
}

int do_irq_grant(struct task *t, uint32_t irq)
{
    if (irq >= NIRQ)
        return E_INVAL;
    t->irqs_allowed |= 1u << irq;
    return 0;
}

// Whether the caller holds the grant for line irq (do_irq_grant): 0 or
// why not.
static int check_irq_granted(uint32_t irq)
{
    if (irq >= NIRQ)
        return E_INVAL;
    return (mytask()->irqs_allowed & (1u << irq)) ? 0 : E_PERM;
}

int do_irq_register(uint32_t irq, uint32_t bit)
{
    int r = check_irq_granted(irq);
    return r < 0 ? r : irq_register(mytask(), irq, bit);
}

// The grant is checked as for registering: in mono mode a line's
// notifications follow whichever task runs the in-kernel driver
// (irq_follow), which makes that task the owner without a grant.
int do_irq_ack(uint32_t irq)
{
    int r = check_irq_granted(irq);
    return r < 0 ? r : irq_ack(mytask(), irq);
}

int do_trace(uint32_t op, uint32_t buf, uint32_t max)
{
    if (op == TRACE_READ)
        return trace_read(mytask(), buf, max);
    if (op == TRACE_LOST)
        return trace_lost();
    if (op != TRACE_ON && op != TRACE_OFF)
        return E_INVAL;
    trace_on = op == TRACE_ON;
    return 0;
}
