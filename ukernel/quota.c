// Per-program limits on pages and tasks (see quota.h).  The kernel only
// counts and refuses; proc decides the limits.  Without them, one
// program could take every task slot or every page, and nobody could
// fork again.  A refusal is E_NOMEM, what the program would get if the
// memory really were gone.
#include "kernel.h"
#include "quota.h"
#include "task.h"
#include "vm.h"
#include "message.h"

// The task whose limits cover t, or 0 if that task is gone (t is then
// dying with it: its creator's tasks die with their creator).
static struct task *account_of(struct task *t)
{
    return task_by_id(t->account);
}

static bool fits(struct task *a, uint32_t pages, uint32_t tasks)
{
    if (!a)
        return true;
    return (!a->page_limit || a->acct_pages + pages <= a->page_limit)
        && (!a->task_limit || a->acct_tasks + tasks <= a->task_limit);
}

static int charge(struct task *t, uint32_t pages)
{
    struct task *a = account_of(t);
    if (!fits(a, pages, 0))
        return E_NOMEM;
    t->pages += pages;
    if (a)
        a->acct_pages += pages;
    return 0;
}

static void uncharge(struct task *t, uint32_t pages)
{
    struct task *a = account_of(t);
    t->pages -= pages;
    if (a)
        a->acct_pages -= pages;
}

bool quota_allows_task(struct task *creator)
{
    return fits(account_of(creator), TASK_KERNEL_PAGES, 1);
}

// A new task joins its creator's account; the first task is its own.
void quota_task_new(struct task *t, struct task *creator)
{
    t->account = creator ? creator->account : t->id;
    t->pages = TASK_KERNEL_PAGES;
    struct task *a = account_of(t);
    if (a) {
        a->acct_pages += t->pages;
        a->acct_tasks++;
    }
}

// t's slot is about to be freed: its account no longer pays for it.
void quota_task_gone(struct task *t)
{
    struct task *a = account_of(t);
    if (a && a != t) {
        a->acct_pages -= t->pages;
        a->acct_tasks--;
    }
}

// Make t an account of its own with these limits (0: no limit).  What
// it holds moves from its old account to the new one; tasks it created
// before stay where they were charged.
void quota_set(struct task *t, uint32_t page_limit, uint32_t task_limit)
{
    if (t->account != t->id) {
        quota_task_gone(t);
        t->account = t->id;
        t->acct_pages = t->pages;
        t->acct_tasks = 1;
    }
    t->page_limit = page_limit;
    t->task_limit = task_limit;
}

// What mapping va in t adds: the page, unless one is there already, and
// a page table, unless va's has one.
static uint32_t map_cost(struct task *t, uint32_t va)
{
    pte_t *pte = pgdir_walk(t->pgdir, va, false);
    return !pte ? 2 : (*pte & PTE_P) ? 0 : 1;
}

int task_map(struct task *t, uint32_t va, physaddr_t pa, uint32_t perm)
{
    uint32_t cost = map_cost(t, va);
    int r = charge(t, cost);
    if (r < 0)
        return r;
    r = vm_map(t->pgdir, va, pa, perm);
    if (r < 0)
        uncharge(t, cost);
    return r;
}

void task_unmap(struct task *t, uint32_t va)
{
    if (vm_unmap(t->pgdir, va))
        uncharge(t, 1);
}

void task_clear_user(struct task *t)
{
    pgdir_clear_user(t->pgdir);
    uncharge(t, t->pages - TASK_KERNEL_PAGES);
}
