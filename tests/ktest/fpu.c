// Each task's x87, MMX and SSE registers are its own.  Three tasks load
// registers with values of their own and keep checking them, each
// waiting between checks until another task has run, so every check
// follows a switch (on one CPU, a preemption: the tasks never enter the
// kernel while they wait).  Then a child of exofork must start with its
// creator's registers.  Programs here are built with
// -mgeneral-regs-only, so every use of these registers is inline asm.
#include "ktest.h"

#define NTASKS 3
#define ROUNDS 8

struct shared {
    volatile uint32_t last;             // the task that wrote here last
    volatile uint32_t kind;             // what the workers test now: MMX, X87 or SSE
    volatile uint32_t bad[NTASKS];      // registers found changed, per worker
    volatile uint32_t done[NTASKS];
    volatile uint32_t inherited;        // 2: the exofork child found its creator's MMX values
};

enum { MMX, X87, SSE, NKINDS };

static struct shared *sh;

static int others_done(uint32_t me)
{
    for (uint32_t i = 0; i < NTASKS; i++)
        if (i != me && !sh->done[i])
            return 0;
    return 1;
}

// Return once another task has written sh->last after us (or nobody
// else is left to).
static void wait_for_another(uint32_t me)
{
    sh->last = me;
    while (sh->last == me && !others_done(me))
        ;
}

static uint64_t pattern(uint32_t me, int reg)
{
    return 0x0102030405060708ull * (me + 1) + ((uint64_t)reg << 56) + reg;
}

static void mmx_load(uint32_t me)
{
    static uint64_t v[NTASKS][8];
    for (int i = 0; i < 8; i++)
        v[me][i] = pattern(me, i);
    asm volatile("movq 0(%0), %%mm0; movq 8(%0), %%mm1; movq 16(%0), %%mm2; movq 24(%0), %%mm3;"
                 "movq 32(%0), %%mm4; movq 40(%0), %%mm5; movq 48(%0), %%mm6; movq 56(%0), %%mm7"
                 : : "r"(v[me]) : "memory");
}

static int mmx_bad(uint32_t me)
{
    uint64_t v[8];
    asm volatile("movq %%mm0, 0(%0); movq %%mm1, 8(%0); movq %%mm2, 16(%0); movq %%mm3, 24(%0);"
                 "movq %%mm4, 32(%0); movq %%mm5, 40(%0); movq %%mm6, 48(%0); movq %%mm7, 56(%0)"
                 : : "r"(v) : "memory");
    int bad = 0;
    for (int i = 0; i < 8; i++)
        bad += v[i] != pattern(me, i);
    return bad;
}

// x87: eight integers pushed on the register stack, and a control word
// of our own (rounding mode = me, exceptions masked).
static uint16_t x87_cw(uint32_t me)
{
    return 0x037F | ((me & 3) << 10);
}

static void x87_load(uint32_t me)
{
    static int32_t v[NTASKS][8];
    static uint16_t cw[NTASKS];
    cw[me] = x87_cw(me);
    for (int i = 0; i < 8; i++)
        v[me][i] = (int32_t)(1000 * (me + 1) + i);
    asm volatile("emms; fninit; fldcw (%1);"
                 "fildl 0(%0); fildl 4(%0); fildl 8(%0); fildl 12(%0);"
                 "fildl 16(%0); fildl 20(%0); fildl 24(%0); fildl 28(%0)"
                 : : "r"(v[me]), "r"(&cw[me]) : "memory");
}

// Pops the values to check them and pushes them back.
static int x87_bad(uint32_t me)
{
    int32_t v[8];
    uint16_t cw;
    asm volatile("fnstcw (%1);"
                 "fistpl 28(%0); fistpl 24(%0); fistpl 20(%0); fistpl 16(%0);"
                 "fistpl 12(%0); fistpl 8(%0); fistpl 4(%0); fistpl 0(%0)"
                 : : "r"(v), "r"(&cw) : "memory");
    int bad = cw != x87_cw(me);
    for (int i = 0; i < 8; i++)
        bad += v[i] != (int32_t)(1000 * (me + 1) + i);
    asm volatile("fildl 0(%0); fildl 4(%0); fildl 8(%0); fildl 12(%0);"
                 "fildl 16(%0); fildl 20(%0); fildl 24(%0); fildl 28(%0)"
                 : : "r"(v) : "memory");
    return bad;
}

// SSE: xmm0..7 and MXCSR's rounding mode.
static uint32_t sse_mxcsr(uint32_t me)
{
    return 0x1F80 | ((me & 3) << 13);
}

static void sse_load(uint32_t me)
{
    static uint32_t v[NTASKS][32] __attribute__((aligned(16)));
    static uint32_t csr[NTASKS];
    csr[me] = sse_mxcsr(me);
    for (int i = 0; i < 32; i++)
        v[me][i] = 0x5e5e0000 + (me << 8) + i;
    asm volatile("ldmxcsr (%1);"
                 "movups 0(%0), %%xmm0; movups 16(%0), %%xmm1; movups 32(%0), %%xmm2; movups 48(%0), %%xmm3;"
                 "movups 64(%0), %%xmm4; movups 80(%0), %%xmm5; movups 96(%0), %%xmm6; movups 112(%0), %%xmm7"
                 : : "r"(v[me]), "r"(&csr[me]) : "memory");
}

static int sse_bad(uint32_t me)
{
    uint32_t v[32], csr;
    asm volatile("stmxcsr (%1);"
                 "movups %%xmm0, 0(%0); movups %%xmm1, 16(%0); movups %%xmm2, 32(%0); movups %%xmm3, 48(%0);"
                 "movups %%xmm4, 64(%0); movups %%xmm5, 80(%0); movups %%xmm6, 96(%0); movups %%xmm7, 112(%0)"
                 : : "r"(v), "r"(&csr) : "memory");
    int bad = csr != sse_mxcsr(me);
    for (int i = 0; i < 32; i++)
        bad += v[i] != 0x5e5e0000 + (me << 8) + i;
    return bad;
}

static void (*const load[NKINDS])(uint32_t) = { mmx_load, x87_load, sse_load };
static int (*const changed[NKINDS])(uint32_t) = { mmx_bad, x87_bad, sse_bad };

static void worker(uint32_t me)
{
    load[sh->kind](me);
    for (int r = 0; r < ROUNDS; r++) {
        wait_for_another(me);
        sh->bad[me] += changed[sh->kind](me);
    }
    sh->done[me] = 1;
}

// Run NTASKS workers on one kind of register and count what changed.  A
// worker that faults (SSE on a kernel that did not enable it) counts as
// a failure and is cleared away.
static int run_kind(uint32_t kind, uint32_t cpu)
{
    static const char *const name[NKINDS] = { "mmx", "x87", "sse" };
    uint32_t ids[NTASKS], bad = 0, faulted = 0;
    memset((void *)sh, 0, sizeof(*sh));
    sh->kind = kind;
    for (uint32_t i = 0; i < NTASKS; i++)
        ids[i] = fork_child(worker, i, cpu);
    for (uint32_t i = 0; i < NTASKS; i++) {
        struct task_info info;
        while (sys_task_info(ids[i], &info) == 0) {
            if (info.state == TASK_INFO_FAULTED) {
                faulted++;
                sh->done[i] = 1;
                sys_task_destroy(ids[i]);
            }
            sys_yield();
        }
        bad += sh->bad[i];
    }
    cprintf("fpu: %s: %d registers found changed in %d checks, %d workers faulted\n", name[kind], bad,
            NTASKS * ROUNDS, faulted);
    return check(name[kind], bad + faulted, 0);
}

// A child of exofork starts with a copy of its creator's registers.
// (cow_fork's C code never touches them: -mgeneral-regs-only.)
static int child_inherits(void)
{
    mmx_load(1);
    int id = cow_fork(1);
    if (id == 0) {
        sh->inherited = 1 + (mmx_bad(1) == 0);
        task_exit();
    }
    wait_gone(id);
    return sh->inherited;
}

int main(void)
{
    sh = shared_page(0x10000000);
    uint32_t cpu = ncpus() == 1 ? 0 : CPU_ANY;
    int ok = 1;
    for (uint32_t kind = 0; kind < NKINDS; kind++)
        ok &= run_kind(kind, cpu);
    ok &= check("exofork child inherits", child_inherits(), 2);
    cprintf("fpu: %s\n", ok ? "every task kept its registers" : "registers leaked");
    sys_halt(0);
    return 0;
}
