// The servers proc starts and supervises.  Each gets its own I/O ports
// and interrupt, nothing else, and its well-known endpoint, with the
// list of who may call it.  When one dies (a fault, or the crash
// operation) proc starts a fresh copy from the same boot module and
// binds the endpoint to it: callers still queued there wait for the new
// copy, callers whose request the old one had taken get E_RESTART and
// their stubs send it again.  Whatever the old copy kept in its state
// segment (USTATE, abi/vmlayout.h) is mapped into the new copy at the
// same address before it runs.
//
// A server's option is a word of the kernel's command line (docs/boot.md)
// that proc passes on to it as its argument, at every start.  The
// machine has a display when the word is "display": the console then
// also gets the keyboard and the CGA screen, as servers/console/boot.h
// lists them.  "ide-single" keeps the disk driver at one sector an
// interrupt (servers/ide/ata.c), as for a drive without READ/WRITE
// MULTIPLE.
#include "proc.h"
#include "boot.h"               // servers/console/boot.h
#include "ide_boot.h"           // servers/ide/ide_boot.h

// The ports and lines are the PC's (IBM PC AT technical reference), as the
// servers' boot headers name them: COM1 at 0x3F8 on IRQ 4, the primary ATA
// channel at 0x1F0 and 0x3F6 on IRQ 14.
// Every program calls the console and fs; only fs (and proc) the disk,
// whichever copy of fs is running: the kernel keeps the list with the
// endpoint and checks the caller's endpoints against it.
static struct server servers[] = {
    { .name = "console", .ep = EP_CONSOLE, .ports = { { CONSOLE_COM1_PORT, CONSOLE_COM1_NPORTS } },
      .irq = CONSOLE_COM1_IRQ, .required = true, .option = CONSOLE_ARG_DISPLAY, .screen = true },
    { .name = "ide", .ep = EP_BLK, .admits = EP_ADMIT(EP_FS) | EP_ADMIT(EP_PROC),
      .ports = { { IDE_CMD_PORT, IDE_CMD_NPORTS }, { IDE_CTL_PORT, 1 } }, .irq = IDE_IRQ, .required = true,
      .option = IDE_ARG_SINGLE },
    { .name = "fs", .ep = EP_FS, .required = true },
    { .name = "kvstore", .ep = EP_KV },     // the kvstore lab's server, when booted with it
};

#define NSERVERS ((int)(sizeof(servers) / sizeof(servers[0])))

int server_count(void)
{
    return NSERVERS;
}

struct server *server_at(int i)
{
    return &servers[i];
}

static int grant_devices(const struct server *s, uint32_t task)
{
    int r = 0;
    for (int i = 0; i < 2 && r == 0; i++)
        if (s->ports[i][1])
            r = sys_ioport_grant(task, s->ports[i][0], s->ports[i][1]);
    if (r == 0 && s->irq)
        r = sys_irq_grant(task, s->irq);
    return r;
}

// Where proc holds a dead server's state segment until the next copy
// has it (below its own scratch areas, above its heap).  The page table
// covering it is made at start-up (carry_reserve) and kept, so taking a
// dead server's pages over needs no fresh memory: a restart under
// memory pressure cannot lose them.
#define CARRY (USTATE - USTATE_PAGES * PGSIZE)
_Static_assert(CARRY / PTSIZE == (USTATE - 1) / PTSIZE, "the carry area is under one page table");

// The restart policy.  A server that dies (or cannot be started) within
// QUICK ticks of its latest start counts a failure in a row; one that
// ran longer starts the count again.  The first restart is at once, each
// further one waits BACKOFF << (failures - 2) ticks, at most BACKOFF_MAX,
// and after GIVE_UP failures in a row the server is given up: its
// endpoint is closed, so callers get E_DEAD instead of waiting.  A crash
// asked for with the crash operation counts as one (a fault injector
// that crashes a server again before it has run QUICK ticks sees the
// back-off too), unless it was asked for as an injected one
// (server_crash).
#define QUICK        (2 * HZ_TICKS)
#define BACKOFF      (HZ_TICKS / 10)
#define BACKOFF_MAX  (2 * HZ_TICKS)
#define GIVE_UP      8

static void carry_reserve(void)
{
    if (sys_page_alloc(0, CARRY, PTE_P | PTE_U | PTE_W) == 0)
        sys_page_unmap(0, CARRY);
}

// Take over the pages of the old copy's state segment, before it dies.
// A page the old copy does not have is simply not there to take.
static void state_take(uint32_t old)
{
    for (int i = 0; i < USTATE_PAGES; i++) {
        uint32_t off = i * PGSIZE;
        sys_page_map(old, USTATE + off, 0, CARRY + off, PTE_P | PTE_U | PTE_W);
    }
}

// Give them to the new copy at the same address: all of them, or none
// (the new copy must not start with part of its state, or none of it,
// and take that for a first start).  proc lets go of them only then.
static int state_give(uint32_t task)
{
    int r = 0;
    for (int i = 0; i < USTATE_PAGES && r == 0; i++) {
        uint32_t off = i * PGSIZE;
        r = sys_page_map(0, CARRY + off, task, USTATE + off, PTE_P | PTE_U | PTE_W);
        if (r == E_FAULT)
            r = 0;      // proc holds no page there: the old copy had none
    }
    if (r < 0)
        return r;
    for (int i = 0; i < USTATE_PAGES; i++)
        sys_page_unmap(0, CARRY + i * PGSIZE);
    return 0;
}

// The log line of a start, printed before the new copy runs: a copy
// prints its own start-up lines and serves its callers at once, and
// their output must come after proc's line on the serial line, not
// through it.  what says why the old copy went; 0 at boot.
static void announce(const struct server *s, uint32_t task, const char *what)
{
    if (what)
        cprintf("proc: server %s %s; restarted as task %x\n", s->name, what, task);
    else
        cprintf("proc: started %s as task %x\n", s->name, task);
}

static int server_start(struct server *s, const char *what)
{
    bool option = s->option && boot_option(s->option);
    char *argv[] = { (char *)s->name, (char *)s->option, 0 };
    const struct bootmodule *m = s->module_gone ? 0 : s->module;
    if (!m)
        return E_NOENT;
    int id = spawn((const void *)m->va, m->size, option ? 2 : 1, argv, 0);
    if (id < 0)
        return id;
    // The state goes last before the binding: a start that fails after
    // it would take the pages with the new task.
    int r = grant_devices(s, id);
    if (r == 0 && option && s->screen)
        r = console_grant_display(id);
    if (r == 0)
        r = sys_set_priority(id, PRIO_SERVER);
    if (r == 0)
        r = state_give(id);
    if (r == 0)
        r = sys_ep_bind(s->ep, id);
    if (r < 0) {
        sys_task_destroy(id);
        return r;
    }
    announce(s, id, what);
    s->task = id;
    trace_name(id, 0, s->name);
    s->started_at = sys_uptime();
    sys_set_state(id, TASK_RUNNABLE);
    return 0;
}

void servers_start(void)
{
    carry_reserve();
    for (int i = 0; i < NSERVERS; i++) {
        struct server *s = &servers[i];
        // Who may call is set for a server linked into the kernel too:
        // the kernel checks a call to it as it checks one to a task.
        int r = sys_ep_admit(s->ep, s->admits);
        if (r < 0) {
            cprintf("proc: cannot admit callers to %s: %s\n", s->name, ipc_strerror(r));
            sys_halt(HALT_BOOT_FAILED);
            continue;
        }
        if (endpoint_resident(s->ep)) {
            cprintf("proc: %s is linked into the kernel (mono mode)\n", s->name);
            continue;
        }
        s->module = boot_module(s->name);
        if (!s->module) {
            if (!s->required)
                continue;       // an optional server (kvstore), booted without it
            cprintf("proc: no boot module named %s; cannot go on\n", s->name);
            cprintf("proc: (a module's name is the first word of its command line, without\n"
                    "proc:  directories or .elf: with GRUB, write `module /boot/%s.elf %s`)\n", s->name, s->name);
            sys_halt(HALT_BOOT_FAILED);
            continue;
        }
        r = server_start(s, 0);
        if (r < 0) {
            cprintf("proc: cannot start %s: %s\n", s->name, ipc_strerror(r));
            sys_halt(HALT_BOOT_FAILED);
        }
    }
}

struct server *server_by_task(uint32_t task)
{
    for (int i = 0; i < NSERVERS; i++)
        if (servers[i].task == task && task)
            return &servers[i];
    return 0;
}

static bool named(const struct server *s, const char *name)
{
    const char *a = s->name, *b = name;
    while (*a && *a == *b)
        a++, b++;
    return *a == 0 && *b == 0;
}

struct server *server_by_name(const char *name)
{
    for (int i = 0; i < NSERVERS; i++)
        if (named(&servers[i], name) && servers[i].module)
            return &servers[i];
    return 0;
}

// Whether the server called name is linked into the kernel (mono mode):
// it has no task, and a fault in it is a kernel fault, so it cannot be
// restarted.
bool server_resident(const char *name)
{
    for (int i = 0; i < NSERVERS; i++)
        if (named(&servers[i], name))
            return endpoint_resident(servers[i].ep);
    return false;
}

// A failure soon after a start counts; a server that ran a while
// starts the count again.  Answers the back-off before the next start,
// or -1 to give up.
static int next_delay(struct server *s)
{
    // LAB restart: begin
    // LAB restart: stub     // TODO(lab restart): count the failures in a row (s->failures), wait
    // LAB restart: stub     // longer after each and give up after GIVE_UP (docs/labs/restart.md).
    // LAB restart: stub     (void)s;
    // LAB restart: stub     return 0;
    if (sys_uptime() - s->started_at > QUICK)
        s->failures = 0;
    s->failures++;
    if (s->failures >= GIVE_UP)
        return -1;
    if (s->failures == 1)
        return 0;
    uint32_t d = BACKOFF << (s->failures - 2);
    return d < BACKOFF_MAX ? (int)d : BACKOFF_MAX;
    // LAB restart: end
}

// The line goes first: closing the endpoint wakes the callers, whose
// reports of E_DEAD come after it.
static void give_up(struct server *s)
{
    cprintf("proc: server %s failed %d times in a row; given up, its callers get E_DEAD\n",
            s->name, s->failures);
    sys_ep_bind(s->ep, 0);
    for (int i = 0; i < USTATE_PAGES; i++)
        sys_page_unmap(0, CARRY + i * PGSIZE);
    s->given_up = true;
    s->restart_at = 0;
}

// Start a new copy after ticks of back-off: proc's loop wakes for it
// (time.c).
static void restart_later(struct server *s, uint32_t ticks)
{
    s->restart_at = sys_uptime() + ticks;
    deadline_at(s->restart_at);
}

// Start a new copy now; a start that fails (no memory, no module) is a
// failure like a crash and is tried again after its back-off.  what
// says why the old copy went, for the log line.
static void try_start(struct server *s, const char *what)
{
    s->restart_at = 0;
    int r = server_start(s, what);
    if (r == 0)
        return;
    s->started_at = sys_uptime();
    int d = next_delay(s);
    cprintf("proc: server %s %s; restart failed: %s\n", s->name, what, ipc_strerror(r));
    if (d < 0)
        give_up(s);
    else
        restart_later(s, d ? d : 1);
}

// The old copy is gone or going; one log line says so.  Its state
// segment survives it: the new copy checks it before use.  A death that
// is not counted (an injected crash) is restarted at once and leaves
// the failures in a row as they were.
static void replace(struct server *s, const char *why, bool counted)
{
    uint32_t old = s->task;
    if (!old || s->given_up)
        return;         // already dead, waiting for its restart
    state_take(old);
    sys_task_destroy(old);
    s->task = 0;
    s->restarts++;
    int d = counted ? next_delay(s) : 0;
    char what[120];
    snprintf_rt(what, sizeof(what), "(task %x) %s", old, why);
    if (d == 0) {
        try_start(s, what);
        return;
    }
    cprintf("proc: server %s %s\n", s->name, what);
    if (d < 0)
        give_up(s);
    else
        restart_later(s, d);
}

// A fault or an end the kernel reported: it counts.
void server_restart(struct server *s, const char *why)
{
    replace(s, why, true);
}

// The crash operation (ps.c).  A FAULT counts as a real one.  An
// INJECTED crash is as real a kill and restart, but the policy does not
// count it, so that a fault injector may crash a server as soon as it
// is back without making it look broken.  After NO_MODULE, every start
// finds no boot module and fails.
void server_crash(struct server *s, enum proc_crashkind kind)
{
    if (kind == PROC_CRASHKIND_NO_MODULE)
        s->module_gone = true;
    if (kind == PROC_CRASHKIND_INJECTED)
        replace(s, "was crashed on request (injected: not counted)", false);
    else
        replace(s, "was crashed on request", true);
}

uint32_t servers_next_due(void)
{
    uint32_t at = 0;
    for (int i = 0; i < NSERVERS; i++)
        if (servers[i].restart_at && (!at || servers[i].restart_at < at))
            at = servers[i].restart_at;
    return at;
}

void servers_due(void)
{
    uint32_t now = sys_uptime();
    for (int i = 0; i < NSERVERS; i++)
        if (servers[i].restart_at && servers[i].restart_at <= now)
            try_start(&servers[i], "after its back-off");
}

// proc is about to call the server at ep and waits for the answer with
// its own loop stopped, so a restart waiting out its back-off would
// never come: it comes now, and is tried until it works or the server
// is given up (then proc's call gets E_DEAD).
void server_needed(uint32_t ep)
{
    for (int i = 0; i < NSERVERS; i++)
        while (servers[i].ep == ep && servers[i].restart_at)
            try_start(&servers[i], "needed by proc");
}
