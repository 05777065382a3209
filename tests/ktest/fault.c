// Faulting tasks are stopped, one console line each, while the others
// run to the end.
#include "ktest.h"

#define WORKERS 2
#define NFAULTS 6

static volatile int zero = 0;

static void do_fault(int kind)
{
    sys_set_pgfault_upcall(0, 0);      // no user handler: the kernel decides
    switch (kind) {
    case 0:
        *(volatile int *)0 = 1;                     // null pointer
        break;
    case 1:
        *(volatile int *)0x1000 = 1;                // write to program text
        break;
    case 2:
        (void)(*(volatile int *)KERNBASE);          // kernel memory
        break;
    case 3:
        asm volatile("divl %0" : : "r"(zero), "a"(1), "d"(0));  // divide error
        break;
    case 4:
        asm volatile("cli");                        // privileged instruction
        break;
    case 5:
        asm volatile("inb $0x60, %%al" : : : "eax"); // a port nobody granted
        break;
    }
    cprintf("fault: kind %d did not fault\n", kind);
}

int main(void)
{
    uint32_t faulters[NFAULTS], workers[WORKERS];
    for (int i = 0; i < NFAULTS; i++) {
        int id = cow_fork(1);
        if (id == 0) {
            do_fault(i);
            return 0;
        }
        faulters[i] = id;
    }
    for (int i = 0; i < WORKERS; i++) {
        int id = cow_fork(1);
        if (id == 0) {
            uint32_t sum = 0;
            for (int k = 0; k < 200; k++) {
                sum += k;
                sys_yield();
            }
            cprintf("fault: worker %d finished, sum %d\n", i, sum);
            return 0;
        }
        workers[i] = id;
    }
    for (int i = 0; i < WORKERS; i++)
        wait_gone(workers[i]);
    int stopped = 0;
    for (int i = 0; i < NFAULTS; i++) {
        struct task_info info;
        wait_faulted(faulters[i]);
        if (sys_task_info(faulters[i], &info) == 0 && info.state == TASK_INFO_FAULTED)
            stopped++;
    }
    cprintf("fault: %d of %d faulting tasks stopped\n", stopped, NFAULTS);
    sys_halt(0);
    return 0;
}
