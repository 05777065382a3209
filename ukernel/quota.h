// Quotas: how many pages and tasks one program may hold.  Every task is
// charged to an account, the task whose limits cover it: a task proc
// has given limits (do_set_quota) is its own account, and a task
// created by exofork joins its creator's account.  A task's pages are
// what the kernel holds for it: its mapped user pages (a shared page
// counts in every task that maps it), its page tables, its kernel stack
// and its page directory.  Every user mapping made or removed on a
// task's behalf goes through task_map, task_unmap and task_clear_user,
// which keep the count.  Callers hold sched_lock.
#ifndef UK_QUOTA_H
#define UK_QUOTA_H

#include "types.h"

struct task;

// A task's kernel stack and page directory.
#define TASK_KERNEL_PAGES 2

bool quota_allows_task(struct task *creator);
void quota_task_new(struct task *t, struct task *creator);
void quota_task_gone(struct task *t);
void quota_set(struct task *t, uint32_t page_limit, uint32_t task_limit);

int task_map(struct task *t, uint32_t va, physaddr_t pa, uint32_t perm);
void task_unmap(struct task *t, uint32_t va);
void task_clear_user(struct task *t);

#endif
