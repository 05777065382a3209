// sbrk: proc maps zeroed pages into the process above its break, or
// unmaps them when it shrinks.  The process is blocked in the call
// meanwhile, so its address space does not change under us.
#include "proc.h"

// The heap may grow up to here: the stack and exception stack live above.
#define HEAP_LIMIT (USTACKTOP - 16 * PTSIZE)

static uint32_t page_up(uint32_t a)
{
    return (a + PGSIZE - 1) & ~(PGSIZE - 1);
}

static int grow(uint32_t task, uint32_t from, uint32_t to)
{
    for (uint32_t va = page_up(from); va < page_up(to); va += PGSIZE) {
        int r = sys_page_alloc(task, va, PTE_P | PTE_U | PTE_W);
        if (r < 0) {
            for (uint32_t undo = page_up(from); undo < va; undo += PGSIZE)
                sys_page_unmap(task, undo);
            return r;
        }
    }
    return 0;
}

static void shrink(uint32_t task, uint32_t from, uint32_t to)
{
    for (uint32_t va = page_up(to); va < page_up(from); va += PGSIZE)
        sys_page_unmap(task, va);
}

int proc_do_sbrk(uint32_t client, uint32_t seq, int32_t delta, uint32_t *old)
{
    struct proc *p = proc_by_task(client);
    if (!p)
        return E_PERM;
    if (seq == p->sbrk_seq) {
        *old = p->sbrk_old;     // a retried request: done already
        return 0;
    }
    uint32_t from = p->brk, to = from + delta;
    if ((delta > 0 && (to < from || to > HEAP_LIMIT)) || (delta < 0 && (to > from || to < p->brk_base)))
        return delta > 0 ? E_NOMEM : E_INVAL;
    int r = 0;
    if (delta > 0)
        r = grow(client, from, to);
    else if (delta < 0)
        shrink(client, from, to);
    if (r < 0)
        return r;
    p->brk = to;
    p->sbrk_seq = seq;
    p->sbrk_old = *old = from;
    return 0;
}
