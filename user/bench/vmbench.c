// The cost of a TLB shootdown, run as the root task on two CPUs.  Both
// figures replace a mapping in a child's address space with
// sys_page_map, ITERS times per round: page_remap while the child is
// stopped (no other CPU has its page directory loaded, so nothing but
// this CPU's TLB is touched), page_remap_shootdown while the child runs
// on the other CPU (each replacement interrupts that CPU and waits for
// its flush).  The difference is what one shootdown costs.
#include "bench.h"
#include "bootinfo.h"

#define ITERS 500
#define PAGE_A  0x10000000
#define PAGE_B  0x10001000
#define TARGET  0x20000000      // the child's address that is remapped

static void spinner(void)
{
    for (;;)
        ;
}

static void bench_remap(const char *name, uint32_t child, uint32_t cpus)
{
    uint32_t per_op[ROUNDS];
    int failed = 0;
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < ITERS; i++)
            failed |= sys_page_map(0, i % 2 ? PAGE_A : PAGE_B, child, TARGET, PTE_P | PTE_U | PTE_W);
        per_op[r] = (rdtsc() - t0) / ITERS;
    }
    if (failed)
        cprintf("bench error: %s: sys_page_map failed\n", name);
    report(name, per_op, cpus);
}

int main(void)
{
    sys_set_affinity(0, 0);
    if (((const struct bootinfo *)UBOOTINFO)->ncpu < 2) {
        cprintf("bench error: vmbench needs two CPUs\n");
        sys_halt(3);
    }
    // Shared, so they stay writable in this task after the fork.
    sys_page_alloc(0, PAGE_A, PTE_P | PTE_U | PTE_W | PTE_SHARE);
    sys_page_alloc(0, PAGE_B, PTE_P | PTE_U | PTE_W | PTE_SHARE);
    int child = cow_fork(0);
    if (child == 0)
        spinner();
    sys_set_affinity(child, 1);
    sys_page_map(0, PAGE_A, child, TARGET, PTE_P | PTE_U | PTE_W);
    bench_remap("page_remap", child, 1);
    sys_set_state(child, TASK_RUNNABLE);
    // Sleep (a tick at a time) until it runs: a busy CPU 0 would keep
    // QEMU's -icount scheduler from ever running the halted CPU 1.
    struct task_info info;
    while (sys_task_info(child, &info) == 0 && info.state != TASK_INFO_RUNNING)
        ipc_wait_notify(1);
    bench_remap("page_remap_shootdown", child, 2);
    sys_task_destroy(child);
    cprintf("bench done\n");
    sys_halt(0);
    return 0;
}
