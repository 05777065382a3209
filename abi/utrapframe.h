// What a task's user-level page-fault handler receives on its exception
// stack: the faulting address and error code, then the registers at the
// fault.  The kernel writes it (ukernel/trap.c); rt/user/pfentry.S
// reads it back by offset: fault_va 0, err 4, the registers 8-39,
// eip 40, eflags 44, esp 48.
#ifndef LIBIPC_UTRAPFRAME_H
#define LIBIPC_UTRAPFRAME_H

#include <stdint.h>

struct utrapframe {
    uint32_t fault_va;
    uint32_t err;
    uint32_t edi, esi, ebp, oesp, ebx, edx, ecx, eax;   // as pushal leaves them
    uint32_t eip;
    uint32_t eflags;
    uint32_t esp;
};
_Static_assert(sizeof(struct utrapframe) == 52, "utrapframe layout matches pfentry.S");

#endif
