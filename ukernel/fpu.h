// The x87/MMX/SSE registers of each task, switched lazily.  A task's
// state lives in its struct task while it is not running.  When a task
// is switched in, CR0.TS is set, so its first floating-point, MMX or
// SSE instruction raises #NM (device not available); only then are its
// registers loaded, and only then are they saved again when it is
// switched out.  Tasks that never touch these registers (every server:
// they are built with -mgeneral-regs-only, like the kernel) cost one
// test per switch.  Intel SDM vol. 1, 10.5 (FXSAVE) and vol. 3, 13.4.
#ifndef UK_FPU_H
#define UK_FPU_H

#include "types.h"
#include "smp.h"
#include "x86.h"
#include "mmu.h"

// The FXSAVE area: 512 bytes, 16-byte aligned (SDM vol. 1, table 10-2).
#define FPU_STATE_BYTES 512

struct fpu_state {
    uint8_t bytes[FPU_STATE_BYTES];
} __attribute__((aligned(16)));

struct task;

void fpu_init(void);
void fpu_state_reset(struct fpu_state *s);
void fpu_load(void);
void fpu_copy(struct task *to, struct task *from);

// Called as task t leaves CPU c: if t used the registers during this
// turn, they go back to its struct task, and the next task's first use
// traps again.  Inline: every switch, the IPC fast path's too, runs it.
static inline void fpu_switch_out(struct cpu *c, struct fpu_state *s)
{
    if (c->fpu_loaded) {
        fxsave(s->bytes);
        c->fpu_loaded = 0;
        lcr0(rcr0() | CR0_TS);
    }
}

#endif
