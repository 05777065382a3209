// The servers proc starts and supervises.  Each gets its own I/O ports
// and interrupt, nothing else, and its well-known endpoint.  When one
// dies (a fault, or the crash operation) proc starts a fresh copy from
// the same boot module and binds the endpoint to it: callers still
// queued there wait for the new copy, callers whose request the old one
// had taken get E_RESTART and their stubs send it again.  Whatever the
// old copy kept in its state segment (USTATE, libipc/vmlayout.h) is
// mapped into the new copy at the same address before it runs.
//
// The machine has a display when the kernel's command line has the word
// "display" (docs/boot.md): the console then also gets the keyboard and
// the CGA screen, as servers/console/boot.h lists them.
#include "proc.h"
#include "boot.h"               // servers/console/boot.h

#define BOOT_OPTION_DISPLAY "display"

// The ports and lines are the PC's (IBM PC AT technical reference): COM1
// at 0x3F8 on IRQ 4, the primary ATA channel at 0x1F0 and 0x3F6 on IRQ 14.
static struct server servers[] = {
    { .name = "console", .ep = EP_CONSOLE, .ports = { { 0x3f8, 8 } }, .irq = 4, .required = true,
      .screen = true },
    { .name = "ide", .ep = EP_BLK, .ports = { { 0x1f0, 8 }, { 0x3f6, 1 } }, .irq = 14, .required = true },
    { .name = "fs", .ep = EP_FS, .required = true },
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
// has it (below its own scratch areas, above its heap).
#define CARRY (USTATE - USTATE_PAGES * PGSIZE)

// Take over the pages of the old copy's state segment, before it dies.
static int state_take(uint32_t old)
{
    int n = 0;
    for (int i = 0; i < USTATE_PAGES; i++) {
        uint32_t off = i * PGSIZE;
        if (sys_page_map(old, USTATE + off, 0, CARRY + off, PTE_P | PTE_U | PTE_W) == 0)
            n++;
    }
    return n;
}

// Give them to the new copy at the same address, and let go of them.
static void state_give(uint32_t task)
{
    for (int i = 0; i < USTATE_PAGES; i++) {
        uint32_t off = i * PGSIZE;
        if (sys_page_map(0, CARRY + off, task, USTATE + off, PTE_P | PTE_U | PTE_W) == 0)
            sys_page_unmap(0, CARRY + off);
    }
}

static int server_start(struct server *s)
{
    bool display = s->screen && boot_option(BOOT_OPTION_DISPLAY);
    char *argv[] = { (char *)s->name, CONSOLE_ARG_DISPLAY, 0 };
    const struct bootmodule *m = s->module;
    int id = spawn((const void *)m->va, m->size, display ? 2 : 1, argv, 0);
    if (id < 0)
        return id;
    state_give(id);
    int r = grant_devices(s, id);
    if (r == 0 && display)
        r = console_grant_display(id);
    if (r == 0)
        r = sys_set_priority(id, PRIO_SERVER);
    if (r == 0)
        r = sys_ep_bind(s->ep, id);
    if (r == 0)
        r = sys_set_state(id, TASK_RUNNABLE);
    if (r < 0) {
        sys_task_destroy(id);
        return r;
    }
    s->task = id;
    return 0;
}

void servers_start(void)
{
    for (int i = 0; i < NSERVERS; i++) {
        struct server *s = &servers[i];
        s->module = boot_module(s->name);
        if (!s->module) {
            cprintf("proc: no boot module named %s%s\n", s->name, s->required ? "; cannot go on" : "");
            cprintf("proc: (a module's name is the first word of its command line, without\n"
                    "proc:  directories or .elf: with GRUB, write `module /boot/%s.elf %s`)\n", s->name, s->name);
            if (s->required)
                sys_halt(4);
            continue;
        }
        int r = server_start(s);
        if (r < 0) {
            cprintf("proc: cannot start %s: %s\n", s->name, ipc_strerror(r));
            sys_halt(4);
        }
        cprintf("proc: started %s as task %x\n", s->name, s->task);
    }
}

struct server *server_by_task(uint32_t task)
{
    for (int i = 0; i < NSERVERS; i++)
        if (servers[i].task == task && task)
            return &servers[i];
    return 0;
}

struct server *server_by_name(const char *name)
{
    for (int i = 0; i < NSERVERS; i++) {
        const char *a = servers[i].name, *b = name;
        while (*a && *a == *b)
            a++, b++;
        if (*a == 0 && *b == 0 && servers[i].module)
            return &servers[i];
    }
    return 0;
}

// The old copy is gone or going; one log line says so.  Its state
// segment survives it: the new copy checks it before use.
void server_restart(struct server *s, const char *why)
{
    uint32_t old = s->task;
    state_take(old);
    sys_task_destroy(old);
    s->task = 0;
    int r = server_start(s);
    s->restarts++;
    if (r < 0) {
        cprintf("proc: server %s (task %x) %s; restart failed: %s\n", s->name, old, why, ipc_strerror(r));
        return;
    }
    cprintf("proc: server %s (task %x) %s; restarted as task %x\n", s->name, old, why, s->task);
}
