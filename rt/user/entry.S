# Where every user program starts.  The loader (the kernel for the root
# task, proc for the others) leaves argc at 0(%esp) and argv at 4(%esp);
# the call below turns them into rt_start's two arguments.
.text
.globl _start
_start:
    call    rt_start
1:  jmp     1b
