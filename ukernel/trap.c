// Interrupt and exception dispatch.  The kernel runs with interrupts off
// (every IDT entry is an interrupt gate), so a trap never nests inside
// kernel code: the only interrupts taken in kernel mode end the idle
// loop's `sti; hlt`, and an exception in the kernel is a panic.  User faults go to the task's own page
// fault handler when it has one, else stop the task and are reported to
// its supervisor; device interrupts become IPC notifications.
#include "kernel.h"
#include "trap.h"
#include "task.h"
#include "sched.h"
#include "smp.h"
#include "vm.h"
#include "x86.h"
#include "ipc.h"
#include "syscall.h"
#include "fpu.h"
#include "resident.h"
#include "count.h"
#include "utrapframe.h"

static struct gatedesc idt[256];
extern uint32_t vectors[];
void ipcentry(void);

static void setgate(struct gatedesc *g, uint32_t handler, int dpl)
{
    *g = (struct gatedesc){
        .off_15_0 = handler & 0xffff, .off_31_16 = handler >> 16, .cs = SEG_KCODE << 3,
        .type = STS_IG32, .s = 0, .dpl = dpl, .p = 1,
    };
}

void idt_init(void)
{
    for (int i = 0; i < 256; i++)
        setgate(&idt[i], vectors[i], 0);
    setgate(&idt[T_SYSCALL], vectors[T_SYSCALL], DPL_USER);
    setgate(&idt[T_IPC], (uint32_t)ipcentry, DPL_USER);
    setgate(&idt[T_BRKPT], vectors[T_BRKPT], DPL_USER);
}

void idt_load(void)
{
    lidt(idt, sizeof(idt));
}

// Make tf return to user mode, with interrupts on; the caller gives it
// an eip, an esp and the rest.  Field by field, each to its final value:
// the frame may be a running task's on another CPU (do_set_trapframe),
// which must never find a kernel selector in it, even for a moment.
void trapframe_user(struct trapframe *tf)
{
    tf->cs = (SEG_UCODE << 3) | DPL_USER;
    tf->ds = tf->es = tf->fs = tf->gs = tf->ss = (SEG_UDATA << 3) | DPL_USER;
    tf->eflags = FL_IF;
}

static const char *trap_name(int trapno)
{
    static const char *const names[] = {
        "divide error", "debug", "non-maskable interrupt", "breakpoint", "overflow",
        "bound range exceeded", "invalid opcode", "device not available", "double fault",
        "coprocessor segment overrun", "invalid TSS", "segment not present", "stack fault",
        "general protection", "page fault", "reserved", "x87 floating point", "alignment check",
        "machine check", "SIMD floating point",
    };
    // Only exceptions reach here: trap() takes system calls and
    // interrupts first, and IPC never comes through trap() (ipcentry).
    return trapno < (int)NELEM(names) ? names[trapno] : "unknown trap";
}

// Push a utrapframe on the user exception stack and resume the task at
// its upcall.  A fault inside the handler itself (the stack pointer is
// already on the exception stack) nests below the current frame, leaving
// one scratch word for the handler's return trick.
static bool upcall_pgfault(struct task *t, struct trapframe *tf, uint32_t va)
{
    if (!t->pgfault_upcall)
        return false;
    uint32_t top = UXSTACKTOP;
    if (tf->esp >= UXSTACKTOP - PGSIZE && tf->esp < UXSTACKTOP)
        top = tf->esp - 4;
    uint32_t frame = top - sizeof(struct utrapframe);
    if (frame < UXSTACKTOP - PGSIZE)
        return false;       // the handler overflowed its stack
    struct utrapframe utf = {
        .fault_va = va, .err = tf->err,
        .edi = tf->edi, .esi = tf->esi, .ebp = tf->ebp, .oesp = tf->oesp,
        .ebx = tf->ebx, .edx = tf->edx, .ecx = tf->ecx, .eax = tf->eax,
        .eip = tf->eip, .eflags = tf->eflags, .esp = tf->esp,
    };
    if (copy_to_user(t->pgdir, frame, &utf, sizeof(utf)) < 0)
        return false;
    tf->esp = frame;
    tf->eip = t->pgfault_upcall;
    return true;
}

static void user_fault(struct task *t, struct trapframe *tf)
{
    uint32_t addr = tf->trapno == T_PGFLT ? rcr2() : 0;
    if (tf->trapno == T_PGFLT) {
        acquire(&sched_lock);
        bool handled = upcall_pgfault(t, tf, addr);
        release(&sched_lock);
        if (handled)
            return;
    }
    kprintf("fault: task %x (%s) trap %d (%s) eip %x addr %x err %x\n", t->id, t->name,
            tf->trapno, trap_name(tf->trapno), tf->eip, addr, tf->err);
    ipc_report_fault(t, tf->trapno, tf->eip, addr, tf->err);
}

// Whether an exception came from the instructions that ran, not from
// the machine (SDM vol. 3, 6.15: NMI, double fault, machine check).
static bool raised_by_code(uint32_t trapno)
{
    return trapno != T_NMI && trapno != T_DBLFLT && trapno != T_MCHK;
}

// A fault in the kernel is a broken kernel, unless it came from a
// server linked into the kernel (mono mode), which then stops instead
// (resident_fail).
static void kernel_fault(struct trapframe *tf)
{
    uint32_t addr = tf->trapno == T_PGFLT ? rcr2() : 0;
    struct task *t = mytask();
    if (t && t->in_server && raised_by_code(tf->trapno)) {
        kprintf("fault: task %x (%s) in a server in the kernel: trap %d (%s) eip %x addr %x err %x\n", t->id,
                t->name, tf->trapno, trap_name(tf->trapno), tf->eip, addr, tf->err);
        resident_fail(t);
    }
    panic("cpu %d: trap %d (%s) in the kernel: eip %x addr %x err %x",
          mycpu()->index, tf->trapno, trap_name(tf->trapno), tf->eip, addr, tf->err);
}

static void interrupt(struct trapframe *tf)
{
    int irq = tf->trapno - T_IRQ0;
    if (irq == IRQ_SPURIOUS)
        return;                 // no end-of-interrupt for a spurious vector (SDM vol. 3, 10.9)
    lapic_eoi();
    if (irq == IRQ_WAKEUP || irq == IRQ_KICK)
        return;                 // its only job was to end a hlt, or to enter the kernel
    if (irq == IRQ_SHOOTDOWN) {
        tlb_serve();
        return;
    }
    if (irq == IRQ_TIMER) {
        mycpu()->ticks++;
        if (mycpu()->index == 0)
            timer_tick();
        if ((tf->cs & 3) == DPL_USER && slice_expired())
            yield();
        return;
    }
    irq_deliver(irq);
}

void trap(struct trapframe *tf)
{
    struct task *t = mytask();
    bool from_user = (tf->cs & 3) == DPL_USER;

    if (tf->trapno == T_SYSCALL) {
        kstat_inc(KSTAT_SYSCALL);
        syscall(tf);
    } else if (tf->trapno >= T_IRQ0 && tf->trapno < T_IRQ0 + 32) {
        kstat_inc(KSTAT_INTERRUPT);
        interrupt(tf);
    } else if (from_user && tf->trapno == T_DEVICE) {
        kstat_inc(KSTAT_EXCEPTION);
        fpu_load();
    } else if (from_user) {
        kstat_inc(KSTAT_EXCEPTION);
        user_fault(t, tf);
    } else {
        kernel_fault(tf);
    }
    // A task killed while it ran elsewhere leaves on its way back out.
    t = mytask();
    if (t && from_user && t->killed)
        task_exit();
}
