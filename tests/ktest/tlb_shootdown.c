// A page taken from a task running on another CPU must be out of that
// CPU's TLB before it is used again (boot with two CPUs).  Each round a
// child pinned to CPU 1 keeps writing MARK into its page at VICTIM; the
// parent, on CPU 0, takes the page away in one of three ways (unmap,
// map another page over it, clear the whole address space), then
// allocates pages of its own, which reuse the freed page first.  If the
// child's CPU still reached the old page through a stale TLB entry, MARK
// turns up in the parent's new pages: the child is writing into memory
// that is no longer its own.  Otherwise the child either faults (its
// page is gone) or writes into the page mapped in its place.
#include "ktest.h"

#define SHARED      0x10000000
#define REPLACEMENT 0x10001000      // the parent's page the "remap" way gives the child
#define VICTIM      0x20000000      // the child's page
#define SCRATCH     0x30000000      // the parent's new pages
#define NSCRATCH    32              // more than a cleared child frees
#define MARK        0x5ca1ab1eu
#define ROUNDS      12
#define WAIT_TICKS  200             // bound on any wait: 2 s of guest time

enum way { UNMAP, REMAP, CLEAR, NWAYS };
static const char *const way_name[NWAYS] = { "unmap", "remap", "clear" };

enum outcome { FENCED, STALE, UNDECIDED, NEVER_RAN, NO_MEMORY };
static const char *const outcome_name[] = { "fenced", "STALE", "undecided", "child never ran", "no memory" };

struct shared {
    volatile uint32_t iters;        // child's loop count
};

static struct shared *sh;

static void toucher(uint32_t unused)
{
    (void)unused;
    volatile uint32_t *v = (volatile uint32_t *)VICTIM;
    if (sys_page_alloc(0, VICTIM, PTE_P | PTE_U | PTE_W) < 0)
        return;
    for (;;) {
        v[0] = MARK;
        sh->iters++;
    }
}

static int child_faulted(uint32_t id)
{
    struct task_info info;
    return sys_task_info(id, &info) == 0 && info.state == TASK_INFO_FAULTED;
}

static int mark_in_scratch(void)
{
    for (int i = 0; i < NSCRATCH; i++)
        if (*(volatile uint32_t *)(SCRATCH + i * PGSIZE) == MARK)
            return 1;
    return 0;
}

static void take_page_away(enum way way, uint32_t child)
{
    int r = 0;
    if (way == UNMAP)
        r = sys_page_unmap(child, VICTIM);
    else if (way == REMAP)
        r = sys_page_map(0, REPLACEMENT, child, VICTIM, PTE_P | PTE_U | PTE_W);
    else
        r = sys_vm_clear(child);
    if (r < 0)
        cprintf("tlb: %s: %s\n", way_name[way], ipc_strerror(r));
}

// Watch until the child is seen writing where it should (faulted, or
// writing the replacement page) or where it must not (our new pages).
static enum outcome watch(enum way way, uint32_t child)
{
    volatile uint32_t *replacement = (volatile uint32_t *)REPLACEMENT;
    uint32_t deadline = sys_uptime() + WAIT_TICKS;
    while (sys_uptime() < deadline) {
        if (mark_in_scratch())
            return STALE;
        if (way == REMAP ? replacement[0] == MARK : child_faulted(child))
            return FENCED;
    }
    return UNDECIDED;
}

static enum outcome round_of(enum way way)
{
    sh->iters = 0;
    *(volatile uint32_t *)REPLACEMENT = 0;
    uint32_t child = fork_child(toucher, 0, 1);
    uint32_t deadline = sys_uptime() + WAIT_TICKS;
    while (sh->iters < 1000 && sys_uptime() < deadline)
        ;
    if (sh->iters < 1000)
        return NEVER_RAN;
    take_page_away(way, child);
    for (int i = 0; i < NSCRATCH; i++)
        if (sys_page_alloc(0, SCRATCH + i * PGSIZE, PTE_P | PTE_U | PTE_W) < 0)
            return NO_MEMORY;
    enum outcome seen = watch(way, child);
    sys_task_destroy(child);
    wait_gone(child);
    for (int i = 0; i < NSCRATCH; i++)
        sys_page_unmap(0, SCRATCH + i * PGSIZE);
    return seen;
}

int main(void)
{
    sys_set_affinity(0, 0);
    sh = shared_page(SHARED);
    shared_page(REPLACEMENT);       // shared, so it stays writable across fork
    int fenced = 0;
    for (int round = 0; round < ROUNDS; round++) {
        enum way way = round % NWAYS;
        enum outcome seen = round_of(way);
        cprintf("tlb: round %d (%s): %s\n", round, way_name[way], outcome_name[seen]);
        fenced += seen == FENCED;
    }
    cprintf("tlb: %d of %d rounds fenced\n", fenced, ROUNDS);
    sys_halt(0);
    return 0;
}
