// The task table: allocating a task with its kernel stack and address
// space, building the root task from the first boot module, and tearing
// tasks down.  Callers hold sched_lock except during boot.
#include "kernel.h"
#include "task.h"
#include "sched.h"
#include "smp.h"
#include "trap.h"
#include "vm.h"
#include "kalloc.h"
#include "elf.h"
#include "multiboot.h"
#include "ipc.h"
#include "quota.h"
#include "sysno.h"
#include "bootinfo.h"
#include "resident.h"

struct task tasks[NTASK];
static uint32_t generation[NTASK];

void forkret(void);

// A task controls itself and the tasks it created, and every task if it
// holds RIGHT_CONTROL_ALL.
bool task_controls(struct task *actor, struct task *target)
{
    return actor == target || target->parent == actor->id || (actor->rights & RIGHT_CONTROL_ALL);
}

// A fresh stopped task whose kernel stack is arranged so that the first
// switch to it runs forkret and then returns to user mode through
// trapret with the registers in t->tf.
struct task *task_alloc(struct task *parent)
{
    struct task *t = 0;
    for (int i = 1; i < NTASK; i++) {
        if (tasks[i].state == TS_FREE) {
            t = &tasks[i];
            break;
        }
    }
    if (!t || (parent && !quota_allows_task(parent)))
        return 0;
    // Both pages before the slot is touched: a slot left free keeps no
    // kernel stack for kstack_deepest to measure.
    char *kstack = page_alloc();
    pde_t *pgdir = kstack ? pgdir_create() : 0;
    if (!pgdir) {
        if (kstack)
            page_decref(V2P(kstack));
        return 0;
    }
    int slot = t - tasks;
    memset(t, 0, sizeof(*t));
    fpu_state_reset(&t->fpu);
    t->kstack = kstack;
    t->pgdir = pgdir;
    t->id = slot | (generation[slot]++ << TASK_SLOT_BITS);
    // The stack page comes zeroed (page_alloc): so does the context
    // below, but for the pc it returns to.
    char *sp = t->kstack + KSTACKSIZE - sizeof(struct trapframe);
    t->tf = (struct trapframe *)sp;
    sp -= 4;
    *(uint32_t *)sp = (uint32_t)trapret;
    sp -= sizeof(struct context);
    t->context = (struct context *)sp;
    t->context->eip = (uint32_t)forkret;
    memset(t->iomap, 0xff, sizeof(t->iomap));
    t->state = TS_STOPPED;
    t->parent = parent ? parent->id : 0;
    t->priority = parent ? parent->priority : PRIO_DEFAULT;
    t->tickets = parent ? parent->tickets : TICKETS;
    t->cpu_pin = -1;
    if (parent)
        memcpy(t->name, parent->name, sizeof(t->name));
    quota_task_new(t, parent);
    return t;
}

// The first thing a new task runs in the kernel: the scheduler (or an
// IPC switch) left sched_lock held for it.
void forkret(void)
{
    release(&sched_lock);
}

static int map_new_pages(struct task *t, uint32_t start, uint32_t end)
{
    for (uint32_t va = PGROUNDDOWN(start); va < end; va += PGSIZE) {
        if (vm_lookup(t->pgdir, va, PTE_P))
            continue;
        void *page = page_alloc();
        if (!page)
            return E_NOMEM;
        int r = task_map(t, va, V2P(page), PTE_U | PTE_W);
        page_decref(V2P(page));
        if (r < 0)
            return r;
    }
    return 0;
}

// Set or clear PTE_W on the pages of [start, end) in t.
static void set_writable(struct task *t, uint32_t start, uint32_t end, bool writable)
{
    for (uint32_t va = PGROUNDDOWN(start); va < end; va += PGSIZE) {
        pte_t *pte = pgdir_walk(t->pgdir, va, false);
        if (pte)
            *pte = writable ? (*pte | PTE_W) : (*pte & ~PTE_W);
    }
}

static bool segment_ok(const struct proghdr *ph, uint32_t size)
{
    return ph->filesz <= ph->memsz && ph->off <= size && ph->filesz <= size - ph->off
        && ph->vaddr >= UTEXT && ph->vaddr + ph->memsz <= UTOP && ph->vaddr + ph->memsz >= ph->vaddr;
}

// Load an ELF executable into t's (not current) address space and point
// its registers at the entry with a one-page stack.  Pages are writable
// while they are filled; afterwards only writable segments stay so.
static int task_load_elf(struct task *t, const uint8_t *elf, uint32_t size)
{
    const struct elfhdr *eh = (const struct elfhdr *)elf;
    if (size < sizeof(*eh) || eh->magic != ELF_MAGIC || eh->phoff > size
        || eh->phnum > (size - eh->phoff) / sizeof(struct proghdr))
        return E_INVAL;
    const struct proghdr *ph = (const struct proghdr *)(elf + eh->phoff);
    for (int i = 0; i < eh->phnum; i++) {
        if (ph[i].type != ELF_PROG_LOAD)
            continue;
        if (!segment_ok(&ph[i], size))
            return E_INVAL;
        int r = map_new_pages(t, ph[i].vaddr, ph[i].vaddr + ph[i].memsz);
        if (r < 0 || (r = copy_to_user(t->pgdir, ph[i].vaddr, elf + ph[i].off, ph[i].filesz)) < 0)
            return r;
    }
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < eh->phnum; i++)
            if (ph[i].type == ELF_PROG_LOAD && (pass == 1) == !!(ph[i].flags & ELF_PROG_FLAG_WRITE))
                set_writable(t, ph[i].vaddr, ph[i].vaddr + ph[i].memsz, pass == 1);
    int r = map_new_pages(t, USTACKTOP - PGSIZE, USTACKTOP);
    if (r < 0)
        return r;
    memset(t->tf, 0, sizeof(*t->tf));
    trapframe_user(t->tf);
    t->tf->eip = eh->entry;
    // argc = 0 and argv = 0 for _start (rt/user/entry.S) to pass on.
    t->tf->esp = USTACKTOP - 2 * sizeof(uint32_t);
    return 0;
}

// Copy a command line the loader left at physical address pa (0: none).
// A line cut short would lose the end of a path, where a module's name
// is, so the caller says when that happens.  Returns 0, or -1 if cut.
static int copy_cmdline(char *dst, uint32_t pa)
{
    const char *src = pa ? P2V(pa) : "";
    strlcpy(dst, src, BOOTINFO_CMDLINE);
    return strlen(src) < BOOTINFO_CMDLINE ? 0 : -1;
}

// Map the boot modules read-only into the root task and describe them,
// and the machine, on its boot information page.
static void give_modules(struct task *t, struct multiboot_info *mbi)
{
    struct bootinfo *bi = page_alloc();
    if (!bi || task_map(t, UBOOTINFO, V2P(bi), PTE_U) < 0)
        panic("root task: no memory for the boot information");
    page_decref(V2P(bi));
    bi->ncpu = ncpu;
    bi->phys_pages = phys_top() / PGSIZE;
    bi->resident_eps = resident_endpoints();
    if (copy_cmdline(bi->cmdline, mbi->flags & MB_INFO_CMDLINE ? mbi->cmdline : 0) < 0)
        kprintf("ukernel: kernel command line cut to %d bytes\n", BOOTINFO_CMDLINE - 1);
    struct multiboot_module *mods = P2V(mbi->mods_addr);
    uint32_t va = UMODULES;
    for (uint32_t i = 0; i < mbi->mods_count && i < NMODULES; i++) {
        struct bootmodule *m = &bi->modules[bi->nmodules++];
        m->va = va;
        m->size = mods[i].end - mods[i].start;
        if (copy_cmdline(m->cmdline, mods[i].cmdline) < 0)
            kprintf("ukernel: module %d: command line cut to %d bytes\n", i, BOOTINFO_CMDLINE - 1);
        for (uint32_t pa = PGROUNDDOWN(mods[i].start); pa < mods[i].end; pa += PGSIZE, va += PGSIZE) {
            if (task_map(t, va, pa, PTE_U) < 0)
                panic("root task: no memory to map module %d", i);
        }
        va += PGSIZE;           // a gap between modules
    }
}

void task_create_root(void *elf, uint32_t size, struct multiboot_info *mbi)
{
    struct task *t = task_alloc(0);
    if (!t || t->id != TASK_ROOT)
        panic("task_create_root: no task slot");
    int r = task_load_elf(t, elf, size);
    if (r < 0)
        panic("task_create_root: the first boot module is not a valid ELF program (%d)", r);
    give_modules(t, mbi);
    t->rights = RIGHT_CONTROL_ALL | RIGHT_PRIV;
    t->priority = PRIO_MAX - 1;
    strlcpy(t->name, "root", sizeof(t->name));
    make_runnable(t);
}

// Bring the CPU running t into the kernel (IRQ_KICK), so that t, if it
// was in user mode, sees `killed` at once (trap()).  In the kernel it
// takes the interrupt at its next return to user mode, before running a
// user instruction.
static void kick(struct task *t)
{
    for (int i = 0; i < ncpu; i++)
        if (cpus[i].task == t && &cpus[i] != mycpu())
            lapic_ipi(cpus[i].apicid, T_IRQ0 + IRQ_KICK);
}

// Stop t for good.  A task running on another CPU is kicked and ends
// itself on its way out of the kernel (task_exit), as does one inside a
// resident server (mono mode) when it leaves it; one that is not running
// is torn down here.  do_task_destroy waits for the first kind.
static void task_end(struct task *t)
{
    t->killed = true;
    // Its interrupts go at once, even while it finishes on another CPU:
    // the copy its supervisor starts next must be able to register them.
    // Inside a resident server (mono mode) they are the server's, and the
    // request it is finishing needs them.
    if (!t->in_server)
        irq_task_gone(t);
    if (t->state == TS_RUNNING)
        kick(t);
    if (t->state == TS_RUNNING || resident_holder(t))
        return;
    if (t->state == TS_RUNNABLE)
        runqueue_remove(t);
    ipc_task_gone(t);
    task_free(t);
}

// A task dies with its creator, unless it was handed to another
// supervisor (do_set_parent, as proc adopts every process): nobody else
// could end it, and it would hold its slot and its memory for ever.  The
// table is swept until a sweep finds nobody, rather than recursively: a
// chain of tasks, each created by the one before, can be as long as the
// table, far too deep for a kernel stack.
static void orphans_die(void)
{
    bool found = true;
    while (found) {
        found = false;
        for (int i = 0; i < NTASK; i++) {
            struct task *c = &tasks[i];
            if (c->state == TS_FREE || c->state == TS_ZOMBIE || c->killed || !c->parent)
                continue;
            struct task *p = task_by_id(c->parent);
            if (!p || p->killed) {
                task_end(c);
                found = true;
            }
        }
    }
}

void task_kill(struct task *t)
{
    task_end(t);
    orphans_die();
}

// The current task ends itself; its CPU frees it after switching away.
void task_exit(void)
{
    acquire(&sched_lock);
    struct task *t = mytask();
    ipc_task_gone(t);
    t->state = TS_ZOMBIE;
    orphans_die();
    sched();
    panic("task_exit: zombie ran");
}

// The deepest kernel stack use seen (docs/mono.md): a stack starts as a
// zeroed page, so the lowest word that is not zero is as deep as it went.
static uint32_t deepest_kstack;

static void kstack_measure(const struct task *t)
{
    const uint32_t *w = (const uint32_t *)t->kstack;
    uint32_t i = 0;
    while (i < KSTACKSIZE / 4 && w[i] == 0)
        i++;
    if (KSTACKSIZE - 4 * i > deepest_kstack)
        deepest_kstack = KSTACKSIZE - 4 * i;
}

// Over the tasks gone and those still here.  Caller holds sched_lock.
uint32_t kstack_deepest(void)
{
    for (int i = 0; i < NTASK; i++)
        if (tasks[i].kstack)
            kstack_measure(&tasks[i]);
    return deepest_kstack;
}

// A supervisor that asked (do_notify_ends) hears of the end of each
// task it supervises, however it came: by a fault with no handler, by
// the task's own hand, or by a third party.  One it ended itself it
// knows of already.
void task_free(struct task *t)
{
    // Nothing can be supervised or restarted without the root task.
    if (t->id == TASK_ROOT) {
        kprintf("ukernel: the root task has ended; powering off\n");
        poweroff(2);
    }
    struct task *sup = task_by_id(t->parent);
    quota_task_gone(t);
    pgdir_free(t->pgdir);
    kstack_measure(t);
    page_decref(V2P(t->kstack));
    t->pgdir = 0;
    t->kstack = 0;
    t->state = TS_FREE;
    if (sup && sup != mytask() && sup->end_bits)
        ipc_notify_task(sup, sup->end_bits);
}
