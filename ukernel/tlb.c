// TLB shootdown (Intel SDM vol. 3, 4.10.5).  A CPU caches translations
// of the address space in its CR3 until CR3 is loaded again or an entry
// is invalidated, and it does so for its own TLB only.  So when a
// mapping is taken away or changed, every other CPU that has that page
// directory loaded must flush too, and the page may be freed or reused
// only once all of them have.
//
// Loading CR3 flushes every non-global entry, and kernel mappings are
// global and never change, so a CPU can hold stale entries of a page
// directory only while that directory is loaded.  Which CPUs have it
// loaded is known without keeping a mask: CR3 is loaded only under
// sched_lock, always with the page directory of the CPU's current task
// (cpu->task) or with the kernel's when it has none, and every change
// to user mappings is made under sched_lock too.  So while the caller
// holds the lock, the CPUs whose task has this directory are exactly
// the ones to ask.  (A task has one thread: that is one CPU at most.)
//
// A request is a number: the asker bumps the target's tlb_asked and
// sends IPI vector IRQ_SHOOTDOWN; the target reads tlb_asked, flushes,
// and then stores what it read in tlb_done.  The asker waits until
// tlb_done has reached its number.  A flush that began before the asker
// changed the page tables cannot satisfy it: the target read a smaller
// number before it flushed.
//
// The kernel runs with interrupts off, so a target busy in the kernel
// takes the IPI only when it next returns to user mode or halts.  A CPU
// that waits in the kernel -- for a lock (acquire), for acknowledgements
// (below), for a task to leave another CPU (do_task_destroy) -- serves
// its own requests as it waits, so two CPUs never wait on each other.
#include "kernel.h"
#include "smp.h"
#include "task.h"
#include "trap.h"
#include "vm.h"
#include "x86.h"

// Serve any flush asked of this CPU.  Cheap when nothing was asked.
void tlb_serve(void)
{
    struct cpu *c = mycpu();
    uint32_t asked = c->tlb_asked;
    if (asked == c->tlb_done)
        return;
    lcr3(rcr3());
    c->tlb_done = asked;
}

// Forget pgdir's cached mapping of va (TLB_ALL: all of its mappings) on
// every CPU.  Here at once; elsewhere with an IPI, waiting for each CPU
// to acknowledge.  Other CPUs flush their whole TLB: simpler than
// passing addresses, and they rarely have this directory loaded at all
// (a task has one thread, so only when another task changes its
// mappings while it runs).
void tlb_shootdown(pde_t *pgdir, uint32_t va)
{
    struct cpu *me = mycpu();
    uint32_t want[NCPU], waiting = 0;
    if (rcr3() == V2P(pgdir)) {
        if (va == TLB_ALL)
            lcr3(rcr3());
        else
            invlpg(va);
    }
    for (int i = 0; i < ncpu; i++) {
        struct cpu *c = &cpus[i];
        if (c == me || !c->task || c->task->pgdir != pgdir)
            continue;
        want[i] = __sync_add_and_fetch(&c->tlb_asked, 1);
        lapic_ipi(c->apicid, T_IRQ0 + IRQ_SHOOTDOWN);
        waiting |= 1u << i;
    }
    while (waiting) {
        for (int i = 0; i < ncpu; i++)
            if ((waiting & (1u << i)) && (int32_t)(cpus[i].tlb_done - want[i]) >= 0)
                waiting &= ~(1u << i);
        tlb_serve();
        pause();
    }
}
