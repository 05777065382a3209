# The page-fault upcall.  The kernel enters here on the exception stack
# with a struct utrapframe at %esp.  We call the C handler, then return
# to the faulting instruction without entering the kernel: push the
# trap-time eip onto the trap-time stack, restore the registers and
# flags, switch to that stack and `ret`.
#
# utrapframe offsets: fault_va 0, err 4, regs 8..39, eip 40, eflags 44, esp 48.
.text
.globl pgfault_entry
pgfault_entry:
    pushl   %esp                # the handler's argument
    movl    pgfault_handler, %eax
    call    *%eax
    addl    $4, %esp
    movl    40(%esp), %eax      # trap-time eip
    movl    48(%esp), %ebx      # trap-time esp
    subl    $4, %ebx
    movl    %eax, (%ebx)        # becomes the return address
    movl    %ebx, 48(%esp)
    addl    $8, %esp            # skip fault_va and err
    popal
    addl    $4, %esp            # skip eip
    popfl
    popl    %esp
    ret
