// Spinlocks, as in xv6: an xchg-based lock, held with interrupts off on
// this CPU (in this kernel they always are: see spinlock.c), recording
// who holds it for debugging.
#ifndef UK_SPINLOCK_H
#define UK_SPINLOCK_H

#include "types.h"

#define LOCK_NPCS 2      // the caller and its caller: cheap enough for the IPC path

struct cpu;

struct spinlock {
    volatile uint32_t locked;
    const char *name;
    struct cpu *cpu;            // the CPU holding it
    uint32_t pcs[LOCK_NPCS];    // the call stack that took it
};

// A fair lock for the places where contention matters (lab spinlock,
// docs/labs/spinlock.md): waiters enter in the order they came.
struct ticketlock {
    const char *name;
    // LAB spinlock: begin
    // LAB spinlock: stub     volatile uint32_t locked;   // TODO(lab spinlock): the fields a fair lock needs
    volatile uint32_t next;     // the ticket the next acquirer takes
    volatile uint32_t serving;  // the ticket whose holder may enter
    // LAB spinlock: end
};

void acquire(struct spinlock *lk);
void release(struct spinlock *lk);
bool holding(struct spinlock *lk);
void ticket_acquire(struct ticketlock *lk);
void ticket_release(struct ticketlock *lk);
void getcallerpcs(const void *frame, uint32_t pcs[], int n);

#endif
