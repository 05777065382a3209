// The system-call trap and one thin wrapper per call.
#include "syscall.h"
#include "libipc.h"
#include "trace.h"
#include "kstat.h"

int syscall5(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
    int ret;
    asm volatile("int %1"
                 : "=a"(ret)
                 : "i"(T_SYSCALL), "a"(num), "d"(a1), "c"(a2), "b"(a3), "D"(a4), "S"(a5)
                 : "cc", "memory");
    return ret;
}

#define U(x) ((uint32_t)(x))

int sys_cputs(const char *s, uint32_t len) { return syscall5(SYS_cputs, U(s), len, 0, 0, 0); }
uint32_t sys_getid(void) { return syscall5(SYS_getid, 0, 0, 0, 0, 0); }
void sys_yield(void) { syscall5(SYS_yield, 0, 0, 0, 0, 0); }
int sys_set_state(uint32_t t, uint32_t s) { return syscall5(SYS_set_state, t, s, 0, 0, 0); }
int sys_page_alloc(uint32_t t, uint32_t va, uint32_t perm) { return syscall5(SYS_page_alloc, t, va, perm, 0, 0); }
int sys_page_unmap(uint32_t t, uint32_t va) { return syscall5(SYS_page_unmap, t, va, 0, 0, 0); }
int sys_set_pgfault_upcall(uint32_t t, void (*f)(void)) { return syscall5(SYS_set_pgfault_upcall, t, U(f), 0, 0, 0); }
int sys_set_trapframe(uint32_t t, const struct task_regs *r) { return syscall5(SYS_set_trapframe, t, U(r), 0, 0, 0); }
int sys_task_destroy(uint32_t t) { return syscall5(SYS_task_destroy, t, 0, 0, 0, 0); }
int sys_set_priority(uint32_t t, uint32_t p) { return syscall5(SYS_set_priority, t, p, 0, 0, 0); }
int sys_set_name(uint32_t t, const char *n) { return syscall5(SYS_set_name, t, U(n), 0, 0, 0); }
int sys_task_info(uint32_t t, struct task_info *i)
{
    make_cow_writable(i, sizeof(*i));
    return syscall5(SYS_task_info, t, U(i), 0, 0, 0);
}
int sys_counter_add(uint32_t n) { return syscall5(SYS_counter_add, n, 0, 0, 0, 0); }
int sys_lock_contend(uint32_t rounds) { return syscall5(SYS_lock_contend, rounds, 0, 0, 0, 0); }
int sys_set_tickets(uint32_t t, uint32_t n) { return syscall5(SYS_set_tickets, t, n, 0, 0, 0); }
int sys_switch_probe(uint32_t rounds) { return syscall5(SYS_switch_probe, rounds, 0, 0, 0, 0); }
uint32_t sys_uptime(void) { return syscall5(SYS_uptime, 0, 0, 0, 0, 0); }
int sys_cpu(void) { return syscall5(SYS_cpu, 0, 0, 0, 0, 0); }
int sys_halt(uint32_t code) { return syscall5(SYS_halt, code, 0, 0, 0, 0); }
int sys_grant(uint32_t t, uint32_t rights) { return syscall5(SYS_grant, t, rights, 0, 0, 0); }
int sys_ep_bind(uint32_t ep, uint32_t t) { return syscall5(SYS_ep_bind, ep, t, 0, 0, 0); }
int sys_ioport_grant(uint32_t t, uint32_t first, uint32_t n) { return syscall5(SYS_ioport_grant, t, first, n, 0, 0); }
int sys_devmem_map(uint32_t t, uint32_t va, uint32_t pa) { return syscall5(SYS_devmem_map, t, va, pa, 0, 0); }
int sys_irq_grant(uint32_t t, uint32_t irq) { return syscall5(SYS_irq_grant, t, irq, 0, 0, 0); }
int sys_irq_register(uint32_t irq, uint32_t bit) { return syscall5(SYS_irq_register, irq, bit, 0, 0, 0); }
int sys_irq_ack(uint32_t irq) { return syscall5(SYS_irq_ack, irq, 0, 0, 0, 0); }
int sys_trace(uint32_t op, void *buf, uint32_t max)
{
    if (op == TRACE_READ)
        make_cow_writable(buf, max * sizeof(struct trace_record));
    return syscall5(SYS_trace, op, U(buf), max, 0, 0);
}
int sys_set_affinity(uint32_t t, uint32_t cpu) { return syscall5(SYS_set_affinity, t, cpu, 0, 0, 0); }
int sys_yield_to(uint32_t t) { return syscall5(SYS_yield_to, t, 0, 0, 0, 0); }
int sys_vm_clear(uint32_t t) { return syscall5(SYS_vm_clear, t, 0, 0, 0, 0); }
int sys_set_parent(uint32_t t, uint32_t p) { return syscall5(SYS_set_parent, t, p, 0, 0, 0); }
int sys_set_quota(uint32_t t, uint32_t pages, uint32_t n) { return syscall5(SYS_set_quota, t, pages, n, 0, 0); }
int sys_notify_ends(uint32_t bits) { return syscall5(SYS_notify_ends, bits, 0, 0, 0, 0); }
int sys_ep_admit(uint32_t ep, uint32_t admits) { return syscall5(SYS_ep_admit, ep, admits, 0, 0, 0); }

int sys_page_map(uint32_t st, uint32_t sva, uint32_t dt, uint32_t dva, uint32_t perm)
{
    return syscall5(SYS_page_map, st, sva, dt, dva, perm);
}
int sys_kstat(uint32_t *counts)
{
    make_cow_writable(counts, KSTAT_N * sizeof(uint32_t));
    return syscall5(SYS_kstat, U(counts), 0, 0, 0, 0);
}
