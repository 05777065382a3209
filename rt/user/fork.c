// Copy-on-write fork in user space, on top of exofork, page_map and the
// page-fault upcall (the JOS design).  Writable pages are mapped
// read-only with PTE_COW in both parent and child; the first write to
// one faults, and the handler gives the writer its own copy.
#include "rt.h"

// A scratch address for building the private copy.
#define PFTEMP (UTOP - 16 * PTSIZE)

void pgfault_entry(void);

static void cow_handler(struct utrapframe *utf)
{
    uint32_t va = utf->fault_va & ~(PGSIZE - 1);
    uint32_t pte = (va < UTOP && (uvpd[PDXU(va)] & PTE_P)) ? uvpt[PGNUM(va)] : 0;
    if (!(utf->err & FEC_WR) || !(pte & PTE_COW)) {
        // Not ours: drop the handler and let the instruction fault again,
        // so the kernel stops the task and tells its supervisor.
        sys_set_pgfault_upcall(0, 0);
        return;
    }
    int r = sys_page_alloc(0, PFTEMP, PTE_P | PTE_U | PTE_W);
    if (r < 0) {
        cprintf("task %x: copy-on-write: %s\n", sys_getid(), ipc_strerror(r));
        task_exit();
    }
    memcpy((void *)PFTEMP, (void *)va, PGSIZE);
    sys_page_map(0, PFTEMP, 0, va, PTE_P | PTE_U | PTE_W);
    sys_page_unmap(0, PFTEMP);
}

// Give the child page pn: shared pages stay shared, writable or COW
// pages become COW in both, read-only pages are simply shared.  The
// child is mapped first: were the parent's entry made COW first, a write
// by the parent in between (to its stack, say) would give it a private
// copy, and the child would then share that copy instead of the original.
int dup_page(uint32_t child, uint32_t pn)
{
    uint32_t va = pn * PGSIZE;
    uint32_t pte = uvpt[pn];
    uint32_t perm = pte & PTE_SYSCALL;
    if (pte & PTE_SHARE)
        return sys_page_map(0, va, child, va, perm);
    if (perm & (PTE_W | PTE_COW)) {
        perm = (perm & ~PTE_W) | PTE_COW;
        int r = sys_page_map(0, va, child, va, perm);
        if (r < 0)
            return r;
        return sys_page_map(0, va, 0, va, perm);
    }
    return sys_page_map(0, va, child, va, perm);
}

int cow_fork(int start)
{
    set_pgfault_handler(cow_handler);
    int child = sys_exofork();
    if (child < 0)
        return child;
    ipc_forget_writable();      // our pages (the child's too) turn copy-on-write
    if (child == 0)
        return 0;
    for (uint32_t va = 0; va < USTACKTOP; va += PGSIZE) {
        if (!(uvpd[PDXU(va)] & PTE_P)) {
            va += PTSIZE - PGSIZE;      // a whole empty page table
            continue;
        }
        if (!(uvpt[PGNUM(va)] & PTE_P))
            continue;
        int r = dup_page(child, PGNUM(va));
        if (r < 0) {
            sys_task_destroy(child);
            return r;
        }
    }
    // The exception stack is never shared: the child gets a fresh one.
    int r = sys_page_alloc(child, UXSTACKTOP - PGSIZE, PTE_P | PTE_U | PTE_W);
    if (r == 0)
        r = sys_set_pgfault_upcall(child, pgfault_entry);
    if (r == 0 && start)
        r = sys_set_state(child, TASK_RUNNABLE);
    if (r < 0) {
        sys_task_destroy(child);
        return r;
    }
    return child;
}
