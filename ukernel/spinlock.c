// Mutual exclusion between CPUs.  A lock is held with interrupts off on
// the holding CPU: an interrupt handler that wanted the same lock would
// otherwise spin forever against the code it interrupted.
#include "kernel.h"
#include "spinlock.h"
#include "smp.h"
#include "x86.h"
#include "mmu.h"
#include "vm.h"

// The kernel runs with interrupts off: every IDT entry is an interrupt
// gate, and the one `sti` is the idle loop's, taken with no lock held
// (sched.c).  So no interrupt handler can run on a CPU while it holds a
// lock, and a lock needs no pushcli/popcli as in xv6: acquire checks the
// rule instead, and each CPU counts the locks it holds (sched() wants
// exactly one).
bool holding(struct spinlock *lk)
{
    return lk->locked && lk->cpu == mycpu();
}

// Wait for lk to be free and take it.  Out of line, so that taking a
// free lock (the common case, on every system call) pays nothing for
// it.  While it spins, the CPU still answers TLB shootdowns (tlb.c): the
// holder may be waiting for exactly that.
static void __attribute__((noinline)) spin(struct spinlock *lk)
{
    do {
        tlb_serve();
        pause();
    } while (xchg(&lk->locked, 1) != 0);
}

void acquire(struct spinlock *lk)
{
    if (read_eflags() & FL_IF)
        panic("acquire: lock '%s' taken with interrupts on", lk->name);
    if (holding(lk))
        panic("acquire: lock '%s' already held by this cpu (taken at %x %x)",
              lk->name, lk->pcs[0], lk->pcs[1]);
    // xchg is a locked instruction, which no load or store moves across
    // (SDM vol. 3, 8.2.2), and its "memory" clobber keeps the compiler
    // from moving the critical section's accesses above it: no fence.
    if (xchg(&lk->locked, 1) != 0)
        spin(lk);
    struct cpu *c = mycpu();
    c->nlocks++;
    lk->cpu = c;
    // Who took it: our caller, and its caller (frame pointers are kept).
    lk->pcs[0] = (uint32_t)__builtin_return_address(0);
    lk->pcs[1] = ((uint32_t **)__builtin_frame_address(0))[0][1];
}

void release(struct spinlock *lk)
{
    struct cpu *c = mycpu();
    if (!holding(lk))
        panic("release: lock '%s' not held by this cpu", lk->name);
    lk->pcs[0] = 0;
    lk->cpu = 0;
    c->nlocks--;
    // x86 does not move a store above earlier loads or stores (SDM vol.
    // 3, 8.2.2), so a plain store releases; the asm's "memory" clobber
    // stops the compiler from sinking the critical section below it.
    asm volatile("movl $0, %0" : "+m"(lk->locked) : : "memory");
}

// A ticket lock: the same rules as a spinlock (interrupts off, counted
// in nlocks), but a CPU that just released it cannot take it again
// ahead of CPUs already waiting.
void ticket_acquire(struct ticketlock *lk)
{
    if (read_eflags() & FL_IF)
        panic("ticket_acquire: lock '%s' taken with interrupts on", lk->name);
    // LAB spinlock: begin
    // LAB spinlock: stub     // TODO(lab spinlock): a test-and-set loop lets the CPU that just
    // LAB spinlock: stub     // released the lock take it again at once; make waiters enter
    // LAB spinlock: stub     // in the order they came (docs/labs/spinlock.md).
    // LAB spinlock: stub     while (xchg(&lk->locked, 1) != 0)
    // LAB spinlock: stub         pause();
    // lock xadd is a locked instruction, which no load or store moves
    // across (SDM vol. 3, 8.2.2), and the builtin is a compiler barrier:
    // the critical section stays after the wait.
    uint32_t ticket = __sync_fetch_and_add(&lk->next, 1);
    while (lk->serving != ticket)
        pause();
    // LAB spinlock: end
    mycpu()->nlocks++;
}

void ticket_release(struct ticketlock *lk)
{
    mycpu()->nlocks--;
    // A plain store releases on x86 (SDM vol. 3, 8.2.2); the "memory"
    // clobber keeps the critical section above it.
    // LAB spinlock: begin
    // LAB spinlock: stub     asm volatile("movl $0, %0" : "+m"(lk->locked) : : "memory");
    // Only the holder writes serving, so a plain increment is enough.
    asm volatile("incl %0" : "+m"(lk->serving) : : "memory");
    // LAB spinlock: end
}

// Record the return addresses found by following saved frame pointers.
void getcallerpcs(const void *frame, uint32_t pcs[], int n)
{
    const uint32_t *ebp = frame;
    int i;
    for (i = 0; i < n; i++) {
        if (ebp == 0 || (uint32_t)ebp < KERNBASE || (uint32_t)ebp == 0xffffffff)
            break;
        pcs[i] = ebp[1];
        ebp = (const uint32_t *)ebp[0];
    }
    for (; i < n; i++)
        pcs[i] = 0;
}
