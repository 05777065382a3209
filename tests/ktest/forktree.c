// A copy-on-write fork tree of depth 3: every task writes its own name
// into the same global variables, and each must keep seeing its own.
#include "ktest.h"

#define DEPTH 3

static char name[DEPTH + 2];        // "r", "r0", "r01", ...
static uint32_t scribble[2048];     // spans pages, so several pages are copied

static int fill_and_check(uint32_t seed)
{
    for (uint32_t i = 0; i < sizeof(scribble) / sizeof(scribble[0]); i++)
        scribble[i] = seed * 2654435761u + i;
    for (int k = 0; k < 3; k++)
        sys_yield();
    for (uint32_t i = 0; i < sizeof(scribble) / sizeof(scribble[0]); i++)
        if (scribble[i] != seed * 2654435761u + i)
            return 0;
    return 1;
}

static void node(int depth, uint32_t seed)
{
    uint32_t kids[2] = { 0, 0 };
    int nkids = 0;
    if (depth < DEPTH) {
        for (int i = 0; i < 2; i++) {
            int id = cow_fork(1);
            if (id == 0) {
                int len = depth + 1;
                name[len] = '0' + i;
                name[len + 1] = 0;
                node(depth + 1, seed * 3 + i + 1);
                task_exit();
            }
            if (id < 0)
                cprintf("forktree: fork failed: %s\n", ipc_strerror(id));
            else
                kids[nkids++] = id;
        }
    }
    int ok = fill_and_check(seed);
    for (int i = 0; i < nkids; i++)
        wait_gone(kids[i]);
    // Children have written too; our copy must be untouched.
    ok = ok && fill_and_check(seed);
    cprintf("forktree: node %s depth %d memory %s\n", name, depth, ok ? "own" : "CORRUPTED");
}

int main(void)
{
    name[0] = 'r';
    node(0, 1);
    sys_halt(0);
    return 0;
}
