// Constants shared by the assembly files: the same values the C headers
// use, restated without C syntax.
#ifndef UK_ASM_H
#define UK_ASM_H

#define KERNBASE    0xC0000000
#define V2P_WO(x)   ((x) - KERNBASE)
#define KSTACKSIZE  4096
#define MAXPHYS     (768 << 20)

#define CR0_PE      0x00000001
#define CR0_WP      0x00010000
#define CR0_PG      0x80000000
#define CR4_PSE     0x00000010
#define CR4_PGE     0x00000080

#define PTE_P       0x001
#define PTE_W       0x002
#define PTE_PS      0x080

#define SEG_KCODE   1
#define SEG_KDATA   2
#define SEG_KCPU    6

#endif
