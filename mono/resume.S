# A resume point for a server linked into the kernel (mono mode): where
# the kernel takes up a resident call again when the server's code
# cannot go on (resident.c, resident_fail).  The pair works as C's
# setjmp and longjmp do, on the one kernel stack the call runs on.
#
# int resume_set(struct resume_point *p): record the callee-saved
# registers, the stack pointer and the return address in p; return 0.
# void resume_at(struct resume_point *p): return from that resume_set
# once more, with 1, the frames pushed since then dropped.  p's layout
# is struct resume_point's (resident.c).
.globl resume_set
resume_set:
    movl    4(%esp), %eax
    movl    %ebx, 0(%eax)
    movl    %esi, 4(%eax)
    movl    %edi, 8(%eax)
    movl    %ebp, 12(%eax)
    leal    4(%esp), %ecx       # the stack pointer once resume_set has returned
    movl    %ecx, 16(%eax)
    movl    (%esp), %ecx        # the return address
    movl    %ecx, 20(%eax)
    xorl    %eax, %eax
    ret

.globl resume_at
resume_at:
    movl    4(%esp), %edx
    movl    0(%edx), %ebx
    movl    4(%edx), %esi
    movl    8(%edx), %edi
    movl    12(%edx), %ebp
    movl    16(%edx), %esp
    movl    $1, %eax
    jmp     *20(%edx)
