# Every interrupt, exception and system call enters here.  Each vector
# pushes a zero where the CPU pushes no error code (SDM vol. 3, 6.13), so
# all frames look alike, then its number; alltraps saves the rest of the
# user state as a struct trapframe and calls trap().  The IPC trap has
# an entry of its own, ipcentry, which builds the same frame but calls
# ipc_trap() (fastpath.c) directly.

#include "mmu.h"
#include "sysno.h"    // T_IPC
#include "ipcentry.h"

# Each vector's code goes in .text and its address in .data, where the
# 256 addresses make the table vectors[] that idt_init reads.
.altmacro
.macro vector n
.text
vector\n:
    .if (\n == 8) || ((\n >= 10) && (\n <= 14)) || (\n == 17)
    .else
    pushl   $0
    .endif
    pushl   $\n
    jmp     alltraps
.data
    .long   vector\n
.endm

.data
.globl vectors
vectors:
.set i, 0
.rept 256
    vector %i
    .set i, i + 1
.endr

.text

# Save the rest of the trap frame.  The user may have loaded any
# selector; the kernel needs its own data segment and the per-CPU
# segment that mycpu() reads through %gs.
.macro save_user_state
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
.endm

.globl alltraps
alltraps:
    save_user_state
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

# The IPC trap, T_IPC: the same frame, without trap()'s dispatch.
# ipc_trap returns to ipc_return when it is done, and so does a task that
# blocked in the fast path when it is resumed: ipcentry.h has the stack
# contract between the two.
.globl ipcentry
ipcentry:
    pushl   $0
    pushl   $T_IPC
    save_user_state
    pushl   %esp
    call    ipc_trap
.globl ipc_return
ipc_return:
    call    ipc_finish
    addl    $(4 * (IPCENTRY_WORDS - 1)), %esp   # the frame's address
    jmp     trapret
