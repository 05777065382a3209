// Tasks: an address space with one thread of control.  The task table,
// creation (the root task from a boot module, children by exofork) and
// destruction.  Every field of a live task is guarded by sched_lock
// (sched.h), except where a field's comment says otherwise.
#ifndef UK_TASK_H
#define UK_TASK_H

#include "types.h"
#include "param.h"
#include "mmu.h"
#include "message.h"
#include "smp.h"
#include "fpu.h"

enum task_state {
    TS_FREE,        // slot unused
    TS_STOPPED,     // exists but may not run (new child, or stopped by its controller)
    TS_RUNNABLE,    // on a run queue
    TS_RUNNING,     // on a CPU
    TS_BLOCKED,     // waiting in IPC (see ipc_wait)
    TS_ZOMBIE,      // exited; its CPU frees it after switching away
};

// Why a blocked task waits (ipc.c).
enum ipc_wait {
    IW_NONE,
    IW_SEND,        // queued on an endpoint to deliver a message
    IW_RECV,        // waiting for any message
    IW_REPLY,       // its call was taken; waiting for the server's reply
    IW_FAULT,       // stopped after a fault, report queued on its supervisor
    IW_NOTIFY,      // waiting for notification bits only (a driver awaiting its IRQ)
    IW_RESIDENT,    // waiting for its turn in a server linked into the kernel (resident.c)
};

// Registers saved by swtch (swtch.S): the callee-saved ones and the pc.
struct context {
    uint32_t edi, esi, ebx, ebp, eip;
};

// A FIFO of tasks, linked through task.qnext.  A task is on at most one
// queue at a time: a run queue when runnable, an endpoint's senders when
// blocked in IW_SEND, a supervisor's fault reports when in IW_FAULT.
struct taskq {
    struct task *head, *tail;
};

// A fault report: task id, trap number, eip, faulting address, error code.
#define FAULT_WORDS 5

struct trapframe;
struct multiboot_info;
struct resident;

struct task {
    uint32_t id;                // slot | generation << TASK_SLOT_BITS
    enum task_state state;
    pde_t *pgdir;
    char *kstack;
    struct trapframe *tf;       // user registers, at the top of kstack
    struct context *context;    // kernel registers while switched out
    uint32_t parent;            // the creator, which also supervises it
    uint32_t rights;            // RIGHT_* from sysno.h
    int priority;
    int cpu_pin;                // the only CPU it may run on, or -1
    uint32_t pgfault_upcall;    // user entry for page faults, or 0
    char name[16];
    struct task *qnext;         // link in the one queue it is on (struct taskq)
    struct taskq *queue;        // that queue, or 0
    uint32_t slice_end;         // this CPU's tick count at which it is preempted
    uint32_t tickets;           // its share among tasks of its priority (sched.c)
    uint32_t pass;              // stride scheduling's virtual time of the task (sched.c)
    bool killed;                // exit at the next return to user mode
    struct resident *in_server; // the innermost resident server it runs (resident.c), or 0: not freed until it leaves
    bool has_ports;
    uint32_t irqs_allowed;      // bit n: may register for IRQ n
    uint8_t iomap[IOMAP_BYTES]; // 0 bits: ports this task may use

    // IPC (ipc.c)
    enum ipc_wait ipc_wait;
    uint32_t ipc_msg;           // user address of the descriptor it sends from / receives into
    uint32_t ipc_target;        // endpoint or task it sends to; server it awaits a reply from
    bool ipc_is_call;           // the queued send wants a reply
    uint32_t notify_bits;       // pending notifications
    uint32_t timeout_at;        // tick at which a blocked receive or call gives up (0: never)
    int ipc_result;             // what the blocking call returns when woken
    struct taskq faults;        // faulted tasks whose reports wait for this supervisor
    uint32_t ipc_eps;           // bit n: serves endpoint n
    uint32_t ipc_ep_next;       // the endpoint whose callers it takes first next time
    uint32_t rbuf_ok, rbuf_ok_len, rbuf_ok_gen;     // receive buffer last found writable, and when
    uint32_t desc_va, desc_gen;                     // descriptor last found writable, and when
    struct ipc_msg *desc_kva;                       // ... and the kernel's view of it
    uint32_t fault[FAULT_WORDS]; // the fault report while ipc_wait == IW_FAULT
    uint32_t ipc_fast;          // IPC traps it finished through the fast path (fastpath.c)

    // Quotas (quota.c)
    uint32_t account;           // the task whose limits this one counts against
    uint32_t pages;             // pages held for it: mapped user pages, page tables, kernel stack, directory
    uint32_t acct_pages, acct_tasks;    // an account's totals (while account == id)
    uint32_t page_limit, task_limit;    // an account's limits, 0 for none
    uint32_t end_bits;          // notification bits it wants when a task it supervises ends

    struct fpu_state fpu;       // x87/MMX/SSE registers while not loaded on a CPU (fpu.h)
};

#define TASK_SLOT_BITS 8
#define TASK_SLOT(id) ((id) & ((1u << TASK_SLOT_BITS) - 1))

extern struct task tasks[NTASK];

// The kernel runs with interrupts off, so a task cannot move to another
// CPU between reading %gs and reading the field.
static inline struct task *mytask(void)
{
    return mycpu()->task;
}

// The task a stored id names (an endpoint's server, a parent, an IRQ's
// owner), or 0 if it is 0, for none, or that task has ended: the slot
// must hold exactly that task.  (Inline: every IPC operation looks up one
// or two tasks.)
static inline struct task *task_by_id(uint32_t id)
{
    struct task *t = &tasks[TASK_SLOT(id)];
    if (id == 0 || t->state == TS_FREE || t->state == TS_ZOMBIE || t->id != id)
        return 0;
    return t;
}

// The task a system call's argument names: there id 0 is the caller.
static inline struct task *task_lookup(uint32_t id)
{
    return id == 0 ? mytask() : task_by_id(id);
}
struct task *task_alloc(struct task *parent);
void task_create_root(void *elf, uint32_t size, struct multiboot_info *mbi);
void task_kill(struct task *t);
void task_exit(void) __attribute__((noreturn));
void task_free(struct task *t);
uint32_t kstack_deepest(void);
bool task_controls(struct task *actor, struct task *target);

#endif
