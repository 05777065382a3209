// Every kind of bad system-call argument must come back as an error and
// leave the kernel running: kernel and unmapped addresses, misaligned or
// out-of-range addresses, bad permissions, other tasks' ids without the
// right, endpoints that do not admit the caller, unknown numbers.
#include "ktest.h"

#define KADDR 0xC0100000u       // kernel text
#define UNMAPPED 0x50000000u
#define SCRATCH 0x10000000u
#define PERM (PTE_P | PTE_U | PTE_W)

static int passed, total;

static void expect(const char *name, int got, int want)
{
    total++;
    passed += check(name, got, want);
}

static void as_root(uint32_t child)
{
    static char text[] = "unterminated-name-longer-than-sixteen";
    struct task_regs regs = { .eip = KADDR, .esp = USTACKTOP };

    expect("cputs kernel pointer", sys_cputs((const char *)KADDR, 10), E_FAULT);
    expect("cputs unmapped pointer", sys_cputs((const char *)UNMAPPED, 10), E_FAULT);
    expect("cputs too long", sys_cputs(text, 5000), E_TOOBIG);
    expect("page_alloc kernel address", sys_page_alloc(0, KERNBASE, PERM), E_INVAL);
    expect("page_alloc at UVPT", sys_page_alloc(0, UVPT, PERM), E_INVAL);
    expect("page_alloc misaligned", sys_page_alloc(0, SCRATCH + 1, PERM), E_INVAL);
    expect("page_alloc not user", sys_page_alloc(0, SCRATCH, PTE_P | PTE_W), E_INVAL);
    expect("page_alloc bad bits", sys_page_alloc(0, SCRATCH, PERM | 0x80), E_INVAL);
    expect("page_alloc no such task", sys_page_alloc(0x7777, SCRATCH, PERM), E_NOTASK);
    expect("page_map unmapped source", sys_page_map(0, UNMAPPED, 0, SCRATCH, PERM), E_FAULT);
    expect("page_map to kernel", sys_page_map(0, 0x1000, 0, KERNBASE, PTE_P | PTE_U), E_INVAL);
    expect("page_map text writable", sys_page_map(0, 0x1000, 0, SCRATCH, PERM), E_FAULT);
    expect("page_unmap kernel", sys_page_unmap(0, KADDR & ~0xfffu), E_INVAL);
    expect("upcall in kernel", sys_set_pgfault_upcall(0, (void (*)(void))KADDR), E_INVAL);
    expect("trapframe from kernel memory", sys_set_trapframe(child, (void *)KADDR), E_FAULT);
    expect("trapframe eip in kernel", sys_set_trapframe(child, &regs), E_INVAL);
    expect("set_name unterminated", sys_set_name(0, text), E_TOOBIG);
    expect("set_name kernel pointer", sys_set_name(0, (const char *)KADDR), E_FAULT);
    expect("task_info into kernel", sys_task_info(0, (struct task_info *)KADDR), E_FAULT);
    expect("task_info into text", sys_task_info(0, (struct task_info *)0x1000), E_FAULT);
    expect("set_state bad state", sys_set_state(child, 7), E_INVAL);
    expect("priority out of range", sys_set_priority(0, 99), E_INVAL);
    expect("no tickets", sys_set_tickets(0, 0), E_INVAL);
    expect("tickets beyond TICKETS_MAX", sys_set_tickets(0, 1000000), E_INVAL);
    expect("switch probe beyond its bound", sys_switch_probe(100000), E_INVAL);
    expect("switch probe within its bound", sys_switch_probe(4), 0);
    expect("unknown system call", syscall5(999, 0, 0, 0, 0, 0), E_NOSYS);
    expect("ipc unknown op", sys_ipc(99, 0, 0, 0), E_INVAL);
    expect("ipc bad endpoint", sys_ipc(IPC_OP_CALL, 999, (void *)SCRATCH, IPC_FOREVER), E_INVAL);
    expect("ipc descriptor in kernel", sys_ipc(IPC_OP_CALL, EP_TEST, (void *)KADDR, IPC_FOREVER), E_FAULT);
    expect("ipc reply to nobody", sys_ipc(IPC_OP_REPLY, child, (void *)UNMAPPED, 0), E_FAULT);
    expect("irq out of range", sys_irq_register(99, 1), E_INVAL);
    expect("irq not granted", sys_irq_register(4, 1), E_PERM);
    expect("ioport range too big", sys_ioport_grant(child, 0x3f8, 5000), E_INVAL);
    expect("devmem of RAM", sys_devmem_map(child, SCRATCH, 0x200000), E_INVAL);
    expect("admit list of no endpoint", sys_ep_admit(EP_NONE, 0), E_INVAL);
    expect("admit list of endpoint 99", sys_ep_admit(99, 0), E_INVAL);
    expect("admit list naming endpoint 20", sys_ep_admit(EP_TEST, 1u << 20), E_INVAL);
}

// Run in a child with no rights: everything aimed at others is refused.
static void as_child(uint32_t sibling)
{
    expect("page_alloc in sibling", sys_page_alloc(sibling, SCRATCH, PERM), E_PERM);
    expect("page_map into sibling", sys_page_map(0, 0x1000, sibling, SCRATCH, PTE_P | PTE_U), E_PERM);
    expect("destroy the root", sys_task_destroy(1), E_PERM);
    expect("stop a sibling", sys_set_state(sibling, TASK_STOPPED), E_PERM);
    expect("raise own priority", sys_set_priority(0, PRIO_MAX), E_PERM);
    expect("more tickets than its own", sys_set_tickets(0, 5000), E_PERM);
    expect("tickets of a sibling", sys_set_tickets(sibling, 50), E_PERM);
    expect("halt without right", sys_halt(0), E_PERM);
    expect("bind without right", sys_ep_bind(EP_TEST, 0), E_PERM);
    expect("grant ports without right", sys_ioport_grant(0, 0x3f8, 8), E_PERM);
    expect("grant irq without right", sys_irq_grant(0, 4), E_PERM);
    expect("map device without right", sys_devmem_map(0, SCRATCH, 0xB8000), E_PERM);
    expect("grant rights without right", sys_grant(0, RIGHT_PRIV), E_PERM);
    expect("trace without right", sys_trace(TRACE_ON, 0, 0), E_PERM);
    expect("admit list without right", sys_ep_admit(EP_TEST, 0), E_PERM);
    struct ipc_msg m = msg(1, 0);
    expect("call an endpoint that does not admit us", ipc_call(EP_TEST, &m), E_PERM);
    expect("notify the root, which we do not control", ipc_notify(1, 1), E_PERM);
}

int main(void)
{
    volatile int *result = shared_page(0x20000000);
    int sibling = cow_fork(0);
    if (sibling == 0) {
        for (;;)
            sys_yield();
    }
    int child = cow_fork(0);
    if (child == 0) {
        as_child(sibling);
        result[0] = passed;
        result[1] = total;
        return 0;
    }
    // EP_TEST admits only the server of EP_TEST2, which the child is not.
    sys_ep_admit(EP_TEST, EP_ADMIT(EP_TEST2));
    sys_set_priority(child, PRIO_DEFAULT);
    sys_set_state(child, TASK_RUNNABLE);
    wait_gone(child);
    sys_ep_admit(EP_TEST, 0);
    as_root(sibling);
    passed += result[0];
    total += result[1];
    expect("still alive", sys_cputs("", 0), 0);
    sys_task_destroy(sibling);
    cprintf("badargs: %d of %d checks passed\n", passed, total);
    sys_halt(0);
    return 0;
}
