// The servers proc starts and supervises.  Each gets its own I/O ports
// and interrupt, nothing else, and its well-known endpoint.  When one
// dies (a fault, or the crash operation) proc starts a fresh copy from
// the same boot module and binds the endpoint to it: callers still
// queued there wait for the new copy, callers whose request the old one
// had taken get E_RESTART and their stubs send it again.
#include "proc.h"

// The ports and lines are the PC's (IBM PC AT technical reference): COM1
// at 0x3F8 on IRQ 4, the primary ATA channel at 0x1F0 and 0x3F6 on IRQ 14.
static struct server servers[] = {
    { .name = "console", .ep = EP_CONSOLE, .ports = { { 0x3f8, 8 } }, .irq = 4, .required = true },
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

static int server_start(struct server *s)
{
    char *argv[] = { (char *)s->name, 0 };
    const struct bootmodule *m = s->module;
    int id = spawn((const void *)m->va, m->size, 1, argv, 0);
    if (id < 0)
        return id;
    int r = grant_devices(s, id);
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
            cprintf("proc: no boot module for server %s%s\n", s->name, s->required ? "; cannot go on" : "");
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

// The old copy is gone or going; one log line says so.
void server_restart(struct server *s, const char *why)
{
    uint32_t old = s->task;
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
