// Registering the user-level page-fault handler: the first time, map the
// one-page exception stack and tell the kernel where pgfault_entry is.
#include "rt.h"

void pgfault_entry(void);
void (*pgfault_handler)(struct utrapframe *utf);

void set_pgfault_handler(void (*handler)(struct utrapframe *utf))
{
    if (!pgfault_handler) {
        int r = sys_page_alloc(0, UXSTACKTOP - PGSIZE, PTE_P | PTE_U | PTE_W);
        if (r < 0) {
            cprintf("set_pgfault_handler: no exception stack: %s\n", ipc_strerror(r));
            task_exit();
        }
        sys_set_pgfault_upcall(0, pgfault_entry);
    }
    pgfault_handler = handler;
}
