# Start-up code for the other CPUs.  The BSP copies this to physical
# START_ADDR and sends each AP a STARTUP IPI pointing there (Intel MP
# specification B.4).  The AP wakes in 16-bit real mode, so we load a
# temporary GDT, enter protected mode, turn on paging with the page
# directory the BSP left below START_ADDR, and jump to the C entry point
# on the stack it left there:
#   START_ADDR - 4:  top of this CPU's stack
#   START_ADDR - 8:  the C function to run (mpenter)
#   START_ADDR - 12: physical address of the page directory

#include "mmu.h"

#define START_ADDR 0x7000

.code16
.globl start
start:
    cli
    xorw    %ax, %ax
    movw    %ax, %ds
    movw    %ax, %es
    movw    %ax, %ss
    lgdtl   gdtdesc
    movl    %cr0, %eax
    orl     $CR0_PE, %eax
    movl    %eax, %cr0
    ljmpl   $(SEG_KCODE << 3), $start32

.code32
start32:
    movw    $(SEG_KDATA << 3), %ax
    movw    %ax, %ds
    movw    %ax, %es
    movw    %ax, %ss
    xorw    %ax, %ax
    movw    %ax, %fs
    movw    %ax, %gs
    movl    %cr4, %eax
    orl     $(CR4_PSE | CR4_PGE), %eax
    movl    %eax, %cr4
    movl    (START_ADDR - 12), %eax
    movl    %eax, %cr3
    movl    %cr0, %eax
    orl     $(CR0_PE | CR0_PG | CR0_WP), %eax
    movl    %eax, %cr0
    movl    (START_ADDR - 4), %esp
    call    *(START_ADDR - 8)
spin:
    jmp     spin

# Flat code and data segments (SDM vol. 3, 3.4.5).
.p2align 2
gdt:
    .quad   0
    .quad   0x00cf9a000000ffff      # code: base 0, limit 4 GiB, execute/read
    .quad   0x00cf92000000ffff      # data: base 0, limit 4 GiB, read/write
gdtdesc:
    .word   (gdtdesc - gdt - 1)
    .long   gdt
