// Per-task x87/MMX/SSE state (see fpu.h for the scheme).  The kernel
// itself never uses these registers: it is built with
// -mgeneral-regs-only, so an #NM in kernel mode is a kernel bug.
#include "kernel.h"
#include "fpu.h"
#include "task.h"
#include "mmu.h"
#include "x86.h"

// CPUID leaf 1, EDX: FXSAVE/FXRSTOR and SSE (SDM vol. 2A, CPUID, table 3-11).
#define CPUID_FXSR (1u << 24)
#define CPUID_SSE  (1u << 25)

// The state FNINIT leaves (control word 0x37F: all exceptions masked,
// 64-bit precision, round to nearest) and the MXCSR a reset leaves
// (0x1F80: all SIMD exceptions masked).  SDM vol. 1, 8.1.5 and 10.2.3.
#define FCW_INIT   0x037F
#define MXCSR_INIT 0x1F80
#define FXSAVE_FCW   0      // byte offsets in the FXSAVE area
#define FXSAVE_MXCSR 24

// On each CPU: no emulation (EM clear), WAIT honours TS (MP), errors as
// #MF rather than through the old external line (NE), FXSAVE/FXRSTOR
// and SSE enabled with SIMD errors as #XM (OSFXSR, OSXMMEXCPT), and TS
// set, so the first task to use the registers traps.
void fpu_init(void)
{
    if ((cpuid_edx(1) & (CPUID_FXSR | CPUID_SSE)) != (CPUID_FXSR | CPUID_SSE))
        panic("this CPU has no FXSAVE or SSE; the kernel needs both (Pentium III or later)");
    lcr4(rcr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    lcr0((rcr0() & ~CR0_EM) | CR0_MP | CR0_NE | CR0_TS);
    mycpu()->fpu_loaded = 0;
}

// A new task's registers: as after FNINIT, with empty x87 and zero
// MMX/SSE registers.
void fpu_state_reset(struct fpu_state *s)
{
    memset(s, 0, sizeof(*s));
    *(uint16_t *)(s->bytes + FXSAVE_FCW) = FCW_INIT;
    *(uint32_t *)(s->bytes + FXSAVE_MXCSR) = MXCSR_INIT;
}

// #NM from user mode: the current task wants its registers.  Whatever
// was loaded before belonged to a task that has since been switched out
// and saved (fpu_switch_out), so nothing needs saving here.
void fpu_load(void)
{
    clts();
    fxrstor(mytask()->fpu.bytes);
    mycpu()->fpu_loaded = 1;
}

// A child of exofork starts with a copy of its creator's registers, the
// floating-point ones too.  The creator (the current task) may have
// them loaded: save them first, leaving them loaded.
void fpu_copy(struct task *to, struct task *from)
{
    if (mycpu()->fpu_loaded && from == mytask())
        fxsave(from->fpu.bytes);
    to->fpu = from->fpu;
}
