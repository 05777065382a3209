// The kernel's side of a task's life and limits: a task dies with its
// creator (a chain of tasks, each made by the one before, dies with its
// head, however long), quotas are enforced exactly and only proc's kind
// may set them, and a supervisor that asks hears of its children's ends.
#include "ktest.h"

#define CHAIN 120
#define PAGE_LIMIT 200
#define TASK_LIMIT 3
#define SCRATCH 0x20000000      // where the quota child maps its pages
#define ENDED_BIT 0x10

struct shared {
    volatile uint32_t chain[CHAIN];     // the ids of the chain's tasks
    volatile uint32_t links;            // how many have started
    volatile int tasks[2], pages[2];    // what the quota child was allowed, twice
    volatile int set_own;               // its own sys_set_quota
};

static struct shared *sh;

// Each link records itself, makes the next link and stops.
static void chain_link(uint32_t depth)
{
    while (depth < CHAIN) {
        sh->chain[depth] = sys_getid();
        sh->links = depth + 1;
        if (depth + 1 == CHAIN || cow_fork(1) != 0)
            break;
        depth++;    // the new link goes on here
    }
    sys_set_state(0, TASK_STOPPED);
}

static int alive(uint32_t id)
{
    struct task_info info;
    return sys_task_info(id, &info) == 0;
}

static void chain_dies_with_its_head(void)
{
    uint32_t head = fork_child(chain_link, 0, CPU_ANY);
    struct task_info info;
    while (sh->links < CHAIN)
        sys_yield();
    while (sys_task_info(sh->chain[CHAIN - 1], &info) == 0 && info.state != TASK_INFO_STOPPED)
        sys_yield();
    sys_task_destroy(head);
    int left = 0;
    for (int i = 0; i < CHAIN; i++)
        left += alive(sh->chain[i]);
    cprintf("lifetime: %d of a chain of %d tasks left after its head was destroyed\n", left, CHAIN);
    check("chain dies with its head", left, 0);
}

static int exofork_until_refused(uint32_t *ids)
{
    int n = 0;
    for (;;) {
        int id = sys_exofork();
        if (id == 0)
            for (;;)
                ;       // never runs: a stopped child
        if (id < 0)
            return n;
        ids[n++] = id;
    }
}

static int map_until_refused(void)
{
    int n = 0;
    while (sys_page_alloc(0, SCRATCH + n * PGSIZE, PTE_P | PTE_U | PTE_W) == 0)
        n++;
    return n;
}

// Run with a quota: twice, take what the kernel allows and give it back.
static void quota_child(uint32_t unused)
{
    (void)unused;
    uint32_t ids[TASK_LIMIT + 8];
    for (int round = 0; round < 2; round++) {
        int n = exofork_until_refused(ids);
        for (int i = 0; i < n; i++)
            sys_task_destroy(ids[i]);
        sh->tasks[round] = n;
        n = map_until_refused();
        for (int i = 0; i < n; i++)
            sys_page_unmap(0, SCRATCH + i * PGSIZE);
        sh->pages[round] = n;
    }
    sh->set_own = sys_set_quota(0, 0, 0);
}

static void quotas_hold(void)
{
    int id = cow_fork(0);
    if (id == 0) {
        quota_child(0);
        task_exit();
    }
    check("set a quota", sys_set_quota(id, PAGE_LIMIT, TASK_LIMIT), 0);
    sys_set_state(id, TASK_RUNNABLE);
    wait_gone(id);
    cprintf("lifetime: quota child got %d and %d tasks, %d and %d pages\n", sh->tasks[0], sh->tasks[1],
            sh->pages[0], sh->pages[1]);
    check("task quota", sh->tasks[0], TASK_LIMIT - 1);
    check("task quota again", sh->tasks[1], TASK_LIMIT - 1);
    check("page quota bounds", sh->pages[0] > 0 && sh->pages[0] < PAGE_LIMIT, 1);
    check("page quota exact", sh->pages[1], sh->pages[0]);
    check("quota is privileged", sh->set_own, E_PERM);
    check("quota of no task", sys_set_quota(0x7fffff00, 1, 1), E_NOTASK);
}

static void quit(uint32_t unused)
{
    (void)unused;
}

static void supervisor_hears_of_ends(void)
{
    struct ipc_msg m;
    check("ask for ends", sys_notify_ends(ENDED_BIT), 0);
    check("bad bits", sys_notify_ends(0x80000000u), E_INVAL);
    fork_child(quit, 0, CPU_ANY);
    int r = ipc_recv(&m, 500);
    check("a child's own end is notified", r == 0 && m.label == IPC_LABEL_NOTIFY && (m.w[0] & ENDED_BIT), 1);
    uint32_t id = cow_fork(0);
    if (id == 0)
        task_exit();
    sys_task_destroy(id);
    check("an end we made is not", ipc_recv(&m, IPC_POLL), E_WOULDBLOCK);
    sys_notify_ends(0);
}

int main(void)
{
    sh = shared_page(0x10000000);
    chain_dies_with_its_head();
    quotas_hold();
    supervisor_hears_of_ends();
    cprintf("lifetime: done\n");
    sys_halt(0);
    return 0;
}
