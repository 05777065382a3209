# swtch(struct context **old, struct context *new): save the callee-saved
# registers on the current kernel stack, store the stack pointer in *old,
# load new's stack and pop its registers.  The return address on each
# stack is the pc, so `ret` resumes wherever the other side called swtch.
#
# context_load(struct context *new) is the second half alone: a task
# that blocked in the IPC fast path left a context of its own that needs
# no saving (fastpath.c), so nothing of the current stack is kept.
.globl swtch
swtch:
    movl    4(%esp), %eax
    movl    8(%esp), %edx
    pushl   %ebp
    pushl   %ebx
    pushl   %esi
    pushl   %edi
    movl    %esp, (%eax)
    jmp     load

.globl context_load
context_load:
    movl    4(%esp), %edx
load:
    movl    %edx, %esp
    popl    %edi
    popl    %esi
    popl    %ebx
    popl    %ebp
    ret
