// The x86 memory-management structures the kernel builds: segment
// descriptors, the task-state segment, interrupt gates and the
// page-table index arithmetic.  Intel SDM volume 3, chapters 3-6.  The
// assembly files include it too: its constants are plain numbers, and
// its C types are hidden from the assembler.
#ifndef UK_MMU_H
#define UK_MMU_H

#include "vmlayout.h"

// EFLAGS bits (SDM vol. 1, 3.4.3).
#define FL_IF   0x200       // interrupts enabled

// Control-register bits (SDM vol. 3, 2.5).
#define CR0_PE  0x00000001
#define CR0_MP  0x00000002  // WAIT/FWAIT honour TS too
#define CR0_EM  0x00000004  // x87 emulation: left clear
#define CR0_TS  0x00000008  // task switched: the next FPU/MMX/SSE instruction raises #NM
#define CR0_NE  0x00000020  // x87 errors as #MF, not through the external line
#define CR0_WP  0x00010000  // the kernel honours read-only pages too
#define CR0_PG  0x80000000
#define CR4_PSE 0x00000010  // 4 MiB pages
#define CR4_PGE 0x00000080  // global pages survive a CR3 reload
#define CR4_OSFXSR     0x00000200   // FXSAVE/FXRSTOR save SSE state; SSE instructions allowed
#define CR4_OSXMMEXCPT 0x00000400   // SIMD floating-point errors raise #XM

// Segment selectors (index << 3 | RPL).
#define SEG_KCODE 1
#define SEG_KDATA 2
#define SEG_UCODE 3
#define SEG_UDATA 4
#define SEG_TSS   5
#define SEG_KCPU  6      // per-CPU data, reached through %gs in the kernel
#define NSEGS     7
#define DPL_USER  3

// Page-table bits beyond the ones user space may name (SDM vol. 3, table 4-4/4-6).
#define PTE_PWT 0x008
#define PTE_PCD 0x010
#define PTE_PS  0x080       // in a PDE: this entry maps a 4 MiB page
#define PTE_G   0x100       // global

#define PDX(va)  (((uint32_t)(va) >> 22) & 0x3ff)
#define PTX(va)  (((uint32_t)(va) >> 12) & 0x3ff)
#define PTE_ADDR(pte) ((uint32_t)(pte) & ~0xfff)
#define PGROUNDUP(a)   (((uint32_t)(a) + PGSIZE - 1) & ~(PGSIZE - 1))
#define PGROUNDDOWN(a) ((uint32_t)(a) & ~(PGSIZE - 1))
#define NPDENTRIES 1024
#define NPTENTRIES 1024

#define V2P(a) ((uint32_t)(a) - KERNBASE)
#define P2V(a) ((void *)((uint32_t)(a) + KERNBASE))
#define V2P_WO(x) ((x) - KERNBASE)      // V2P without casts, for the assembler

// The local APIC and IOAPIC registers live in this 4 MiB of physical
// address space (Intel MP specification, 3.6.1 and 3.6.2); the kernel
// maps it with one large page (vm.c) and never gives it to a driver.
#define APIC_WINDOW_START 0xFEC00000
#define APIC_WINDOW_END   0xFF000000

#ifndef __ASSEMBLER__
#include "types.h"

// A segment descriptor (SDM vol. 3, 3.4.5).
struct segdesc {
    uint32_t lim_15_0 : 16;
    uint32_t base_15_0 : 16;
    uint32_t base_23_16 : 8;
    uint32_t type : 4;
    uint32_t s : 1;
    uint32_t dpl : 2;
    uint32_t p : 1;
    uint32_t lim_19_16 : 4;
    uint32_t avl : 1;
    uint32_t rsv1 : 1;
    uint32_t db : 1;
    uint32_t g : 1;
    uint32_t base_31_24 : 8;
};
_Static_assert(sizeof(struct segdesc) == 8, "segment descriptor");

#define STA_X 0x8   // executable
#define STA_W 0x2   // writable data
#define STA_R 0x2   // readable code
#define STS_T32A 0x9    // available 32-bit TSS
#define STS_IG32 0xE    // 32-bit interrupt gate

// Ports 0..IOPORT_LIMIT-1 are controlled by the TSS I/O bitmap; the ones
// beyond fall outside the TSS limit and always fault (SDM vol. 1, 19.5.2).
#define IOPORT_LIMIT 1024
#define IOMAP_BYTES (IOPORT_LIMIT / 8)

// The task-state segment: only esp0/ss0 and the I/O bitmap are used.
struct taskstate {
    uint32_t link, esp0;
    uint16_t ss0, pad0;
    uint32_t unused[22];        // esp1 .. ldt: hardware task switching is not used
    uint16_t trap, iomb;        // iomb: offset of the I/O bitmap
    uint8_t iomap[IOMAP_BYTES + 1];  // the last byte must be all ones
};
_Static_assert(__builtin_offsetof(struct taskstate, iomb) == 102, "TSS layout");

// An interrupt or trap gate (SDM vol. 3, 6.11).
struct gatedesc {
    uint32_t off_15_0 : 16;
    uint32_t cs : 16;
    uint32_t args : 5;
    uint32_t rsv1 : 3;
    uint32_t type : 4;
    uint32_t s : 1;
    uint32_t dpl : 2;
    uint32_t p : 1;
    uint32_t off_31_16 : 16;
};
_Static_assert(sizeof(struct gatedesc) == 8, "gate descriptor");
#endif

#endif
