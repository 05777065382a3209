// Mutual exclusion between CPUs.  A lock is taken with interrupts off on
// the taking CPU: an interrupt handler that wanted the same lock would
// otherwise spin forever against the code it interrupted.
#include "kernel.h"
#include "spinlock.h"
#include "smp.h"
#include "x86.h"
#include "mmu.h"

void initlock(struct spinlock *lk, const char *name)
{
    lk->name = name;
    lk->locked = 0;
    lk->cpu = 0;
}

// Interrupts are off between pushcli and popcli, so the check needs no
// pushcli of its own.
static bool held_here(struct spinlock *lk)
{
    return lk->locked && lk->cpu == mycpu();
}

void acquire(struct spinlock *lk)
{
    pushcli();
    if (held_here(lk))
        panic("acquire: lock '%s' already held by this cpu (taken at %x %x)",
              lk->name, lk->pcs[0], lk->pcs[1]);
    while (xchg(&lk->locked, 1) != 0)
        pause();
    // Loads and stores of the critical section stay after this point.
    __sync_synchronize();
    lk->cpu = mycpu();
    // Who took it: our caller, and its caller (frame pointers are kept).
    lk->pcs[0] = (uint32_t)__builtin_return_address(0);
    lk->pcs[1] = ((uint32_t **)__builtin_frame_address(0))[0][1];
}

void release(struct spinlock *lk)
{
    if (!held_here(lk))
        panic("release: lock '%s' not held by this cpu", lk->name);
    lk->pcs[0] = 0;
    lk->cpu = 0;
    __sync_synchronize();
    // A plain store would do on x86, but the asm keeps the compiler honest.
    asm volatile("movl $0, %0" : "+m"(lk->locked) : : "memory");
    popcli();
}

bool holding(struct spinlock *lk)
{
    pushcli();
    bool r = held_here(lk);
    popcli();
    return r;
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

// pushcli/popcli are like cli/sti but nest: it takes as many popcli as
// pushcli to undo them, and interrupts come back on only if they were on
// at the first pushcli.
void pushcli(void)
{
    uint32_t eflags = read_eflags();
    cli();
    struct cpu *c = mycpu();
    if (c->ncli == 0)
        c->intena = eflags & FL_IF;
    c->ncli++;
}

void popcli(void)
{
    if (read_eflags() & FL_IF)
        panic("popcli: interrupts enabled");
    struct cpu *c = mycpu();
    if (--c->ncli < 0)
        panic("popcli: unbalanced");
    if (c->ncli == 0 && c->intena)
        sti();
}
