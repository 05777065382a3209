# Where every user program starts: the loader (the kernel for the root
# task, proc for the others) leaves argc and argv on the stack as a
# C call would, and a zero return address above them.
.text
.globl _start
_start:
    call    rt_start
1:  jmp     1b
