# The kernel's first instructions.  A Multiboot loader (QEMU -kernel,
# GRUB) jumps here in 32-bit protected mode with paging off, eax holding
# the Multiboot magic and ebx the physical address of the boot
# information.  We turn on paging with a page directory that maps the
# first 768 MiB of physical memory at KERNBASE, and the first 4 MiB also
# at 0 (the next few instructions still run there), switch to the boot
# stack and call main.

#include "mmu.h"
#include "param.h"

# Multiboot header (Multiboot specification 0.6.96, section 3.1.1).
#define MB_HEADER_MAGIC 0x1BADB002
#define MB_PAGE_ALIGN   0x1     /* load modules on page boundaries */
#define MB_MEMORY_INFO  0x2     /* give us the memory map */
#define MB_FLAGS        (MB_PAGE_ALIGN | MB_MEMORY_INFO)

.section .multiboot, "a"
.p2align 2
.long MB_HEADER_MAGIC
.long MB_FLAGS
.long -(MB_HEADER_MAGIC + MB_FLAGS)

.text
.globl entry
entry:
    # Multiboot hands over with interrupts off; the kernel keeps them off
    # (acquire checks it), so say so here rather than trust the loader.
    cli
    movl    %cr4, %ecx
    orl     $(CR4_PSE | CR4_PGE), %ecx
    movl    %ecx, %cr4
    movl    $(V2P_WO(entrypgdir)), %ecx
    movl    %ecx, %cr3
    movl    %cr0, %ecx
    orl     $(CR0_PG | CR0_WP), %ecx
    movl    %ecx, %cr0
    movl    $(bootstack + KSTACKSIZE), %esp
    pushl   %ebx                # main(magic, info physical address)
    pushl   %eax
    pushl   $0                  # no return address: main never returns
    movl    $main, %ecx
    jmp     *%ecx

# The boot page directory: 4 MiB pages, present + writable.
#define PDE_BIG (PTE_P | PTE_W | PTE_PS)
.data
.p2align 12
.globl entrypgdir
entrypgdir:
    .long   PDE_BIG             # virtual 0..4 MiB -> physical 0..4 MiB
    .fill   (KERNBASE >> 22) - 1, 4, 0
    .set    i, 0
    .rept   (MAXPHYS >> 22)
    .long   (i << 22) | PDE_BIG
    .set    i, i + 1
    .endr
    .fill   1024 - (KERNBASE >> 22) - (MAXPHYS >> 22), 4, 0

.comm bootstack, KSTACKSIZE
