// Privileged system calls: binding well-known endpoints and saying who
// may call them, granting a driver its I/O ports, device memory and
// interrupts, tracing, and power off.  Only a task holding RIGHT_PRIV
// (the root task, proc) may grant; what it grants lets a driver touch
// its own device and nothing else.
#include "kernel.h"
#include "syscall.h"
#include "task.h"
#include "sched.h"
#include "smp.h"
#include "vm.h"
#include "kalloc.h"
#include "quota.h"
#include "ipc.h"
#include "mmu.h"
#include "message.h"
#include "sysno.h"

// Physical ranges a driver may be given: the legacy video and ROM hole
// below 1 MiB, and memory-mapped devices above RAM other than the
// interrupt controllers the kernel owns (PC memory map; Intel MP spec 3.6).
#define LEGACY_HOLE_START 0xA0000
#define LEGACY_HOLE_END   0x100000
#define APIC_SPACE_START  0xFEC00000
#define APIC_SPACE_END    0xFF000000

static bool privileged(void)
{
    return mytask()->rights & RIGHT_PRIV;
}

int do_halt(uint32_t code)
{
    if (!privileged())
        return E_PERM;
    acquire(&sched_lock);
    kprintf("halt: deepest kernel stack use %u of %u bytes\n", kstack_deepest(), KSTACKSIZE);
    release(&sched_lock);
    kprintf("halt: power off with code %d\n", code);
    poweroff(code);
}

int do_grant(uint32_t id, uint32_t rights)
{
    acquire(&sched_lock);
    struct task *t = task_lookup(id);
    struct task *me = mytask();
    int r = !t ? E_NOTASK : (!privileged() || (rights & ~me->rights)) ? E_PERM : 0;
    if (r == 0)
        t->rights = rights;
    release(&sched_lock);
    return r;
}

// Task 0 closes the endpoint: see ipc_close.
int do_ep_bind(uint32_t ep, uint32_t id)
{
    acquire(&sched_lock);
    struct task *t = id ? task_lookup(id) : 0;
    int r = !privileged() ? E_PERM : id == 0 ? ipc_close(ep) : !t ? E_NOTASK : ipc_bind(ep, t);
    release(&sched_lock);
    return r;
}

int do_ep_admit(uint32_t ep, uint32_t admits)
{
    acquire(&sched_lock);
    int r = !privileged() ? E_PERM : ipc_admit(ep, admits);
    release(&sched_lock);
    return r;
}

int do_ioport_grant(uint32_t id, uint32_t first, uint32_t count)
{
    if (count == 0 || first >= IOPORT_LIMIT || count > IOPORT_LIMIT - first)
        return E_INVAL;
    acquire(&sched_lock);
    struct task *t = task_lookup(id);
    int r = !privileged() ? E_PERM : !t ? E_NOTASK : 0;
    if (r == 0) {
        for (uint32_t p = first; p < first + count; p++)
            t->iomap[p / 8] &= ~(1 << (p % 8));
        t->has_ports = true;
        // Every CPU reloads its TSS copy of the bitmap at the next switch.
        for (int i = 0; i < ncpu; i++)
            cpus[i].iomap_owner = 0;
        if (t == mytask())
            load_task(mycpu(), t);
    }
    release(&sched_lock);
    return r;
}

static bool device_address(uint32_t pa)
{
    if (pa >= LEGACY_HOLE_START && pa < LEGACY_HOLE_END)
        return true;
    return pa >= phys_top() && !(pa >= APIC_SPACE_START && pa < APIC_SPACE_END);
}

int do_devmem_map(uint32_t id, uint32_t va, uint32_t pa)
{
    if (va >= UTOP || va % PGSIZE || pa % PGSIZE || !device_address(pa))
        return E_INVAL;
    acquire(&sched_lock);
    struct task *t = task_lookup(id);
    int r = !privileged() ? E_PERM : !t ? E_NOTASK : 0;
    if (r == 0)
        r = task_map(t, va, pa, PTE_P | PTE_U | PTE_W | PTE_PCD | PTE_PWT);
    release(&sched_lock);
    return r;
}

int do_irq_grant(uint32_t id, uint32_t irq)
{
    if (irq >= NIRQ)
        return E_INVAL;
    acquire(&sched_lock);
    struct task *t = task_lookup(id);
    int r = !privileged() ? E_PERM : !t ? E_NOTASK : 0;
    if (r == 0)
        t->irqs_allowed |= 1u << irq;
    release(&sched_lock);
    return r;
}

int do_irq_register(uint32_t irq, uint32_t bit)
{
    acquire(&sched_lock);
    struct task *t = mytask();
    int r = irq >= NIRQ ? E_INVAL : !(t->irqs_allowed & (1u << irq)) ? E_PERM : irq_register(t, irq, bit);
    release(&sched_lock);
    return r;
}

int do_irq_ack(uint32_t irq)
{
    acquire(&sched_lock);
    int r = irq_ack(mytask(), irq);
    release(&sched_lock);
    return r;
}

int do_trace(uint32_t op, uint32_t buf, uint32_t max)
{
    if (!privileged())
        return E_PERM;
    acquire(&sched_lock);
    int r = 0;
    if (op == TRACE_ON)
        trace_on = true;
    else if (op == TRACE_OFF)
        trace_on = false;
    else if (op == TRACE_READ)
        r = trace_read(mytask(), buf, max);
    else if (op == TRACE_LOST)
        r = trace_lost();
    else
        r = E_INVAL;
    release(&sched_lock);
    return r;
}
