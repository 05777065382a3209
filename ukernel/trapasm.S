# Every interrupt, exception and system call enters here.  Each vector
# pushes a zero where the CPU pushes no error code (SDM vol. 3, 6.13), so
# all frames look alike, then its number; alltraps saves the rest of the
# user state as a struct trapframe and calls trap().

#include "asm.h"

.altmacro
.macro vector n
vector\n:
    .if (\n == 8) || ((\n >= 10) && (\n <= 14)) || (\n == 17)
    .else
    pushl   $0
    .endif
    pushl   $\n
    jmp     alltraps
.endm

.macro vector_address n
    .long vector\n
.endm

.text
.set i, 0
.rept 256
    vector %i
    .set i, i + 1
.endr

.globl alltraps
alltraps:
    pushl   %ds
    pushl   %es
    pushl   %fs
    pushl   %gs
    pushal
    movw    $(SEG_KDATA << 3), %ax
    movw    %ax, %ds
    movw    %ax, %es
    movw    $(SEG_KCPU << 3), %ax
    movw    %ax, %gs
    pushl   %esp
    call    trap
    addl    $4, %esp

.globl trapret
trapret:
    popal
    popl    %gs
    popl    %fs
    popl    %es
    popl    %ds
    addl    $8, %esp            # trap number and error code
    iret

.data
.globl vectors
vectors:
.set i, 0
.rept 256
    vector_address %i
    .set i, i + 1
.endr
