// Helpers for the console tests (console_lines.c, console_restart.c):
// the root task starts servers/console from its boot module as proc
// would, and child tasks read through the generated client stubs into
// slots of a shared page, where the root looks at what they got.
#ifndef KTEST_CONSOLE_TEST_H
#define KTEST_CONSOLE_TEST_H

#include "ktest.h"
#include "spawn.h"
#include "console_client.h"
#include "boot.h"                   // servers/console/boot.h
#include "state.h"                  // servers/console/state.h

#define SHARED_VA 0x10000000
#define STATE_VA  0x10400000    // where the root looks at the console's state page
#define NSLOT 32
#define SLOT_BYTES 112

// One read by a child: set up by the root, filled in by the child.
struct slot {
    volatile int started;       // the child is about to call
    volatile int done;          // the call returned
    int rc;
    uint32_t len;
    char buf[SLOT_BYTES];
};

struct shared {
    struct slot slot[NSLOT];
};

static struct shared *sh;

static inline void shared_init(void)
{
    sh = shared_page(SHARED_VA);
}

// The console started from its boot module, with its devices, bound to
// EP_CONSOLE and running.  Returns when it answers requests.
static inline uint32_t console_start(int display)
{
    const struct bootmodule *m = boot_module("console");
    char *argv[] = { "console", CONSOLE_ARG_DISPLAY, 0 };
    if (!m) {
        cprintf("console test: no console boot module\n");
        sys_halt(3);
    }
    int id = spawn((const void *)m->va, m->size, display ? 2 : 1, argv, 0);
    int r = id < 0 ? id : console_grant(id, display);
    if (r == 0)
        r = sys_ep_bind(EP_CONSOLE, id);
    if (r == 0)
        r = sys_set_state(id, TASK_RUNNABLE);
    if (r == 0)
        r = console_call_kill_line();   // answered once the server loop runs
    if (r < 0) {
        cprintf("console test: cannot start the console: %s\n", ipc_strerror(r));
        sys_halt(3);
    }
    return id;
}

// Restart the console as proc does: carry the old copy's state page to
// the new one.  The root keeps it mapped at STATE_VA to look at it.
static inline uint32_t console_restart(uint32_t old, int display)
{
    sys_page_map(old, USTATE, 0, STATE_VA, PTE_P | PTE_U | PTE_W);
    sys_task_destroy(old);
    const struct bootmodule *m = boot_module("console");
    char *argv[] = { "console", CONSOLE_ARG_DISPLAY, 0 };
    int id = spawn((const void *)m->va, m->size, display ? 2 : 1, argv, 0);
    int r = id < 0 ? id : sys_page_map(0, STATE_VA, id, USTATE, PTE_P | PTE_U | PTE_W);
    if (r == 0)
        r = console_grant(id, display);
    if (r == 0)
        r = sys_ep_bind(EP_CONSOLE, id);
    if (r == 0)
        r = sys_set_state(id, TASK_RUNNABLE);
    if (r == 0)
        r = console_call_kill_line();
    if (r < 0) {
        cprintf("console test: cannot restart the console: %s\n", ipc_strerror(r));
        sys_halt(3);
    }
    return id;
}

// A child reading count lines into slots first, first+1, ...
// (arg = first | count << 8).
static inline void reader(uint32_t arg)
{
    for (uint32_t i = 0; i < arg >> 8; i++) {
        struct slot *s = &sh->slot[(arg & 0xff) + i];
        s->len = SLOT_BYTES;
        s->started = 1;
        s->rc = console_call_read(s->buf, &s->len);
        s->done = 1;
    }
}

static inline uint32_t start_reader(uint32_t first, uint32_t count)
{
    return fork_child(reader, first | count << 8, CPU_ANY);
}

// Wait until task has started the read of slot i and is blocked in it,
// so that input typed from now on finds it waiting.
static inline void wait_reading(uint32_t task, int i)
{
    struct task_info info;
    while (!sh->slot[i].started)
        sys_yield();
    while (sys_task_info(task, &info) == 0 && info.state != TASK_INFO_BLOCKED)
        sys_yield();
}

static inline void wait_done(int i)
{
    while (!sh->slot[i].done)
        sys_yield();
}

// Print what slot i got, escaped, as one line the test can match:
// "NAME: rc R len N 'text\n'".
static inline void show(const char *name, int i)
{
    char text[4 * SLOT_BYTES + 1];
    int n = 0;
    struct slot *s = &sh->slot[i];
    for (uint32_t k = 0; k < s->len && k < SLOT_BYTES; k++) {
        uint8_t c = s->buf[k];
        if (c == '\n')
            n += snprintf_rt(text + n, sizeof(text) - n, "\\n");
        else if (c < ' ' || c >= 0x7f || c == '\'' || c == '\\')
            n += snprintf_rt(text + n, sizeof(text) - n, "\\x%02x", c);
        else
            text[n++] = c;
    }
    text[n] = 0;
    cprintf("%s: rc %d len %u '%s'\n", name, s->rc, s->len, text);
}

// A console request put together by hand, as a broken or hostile client
// might; returns the transport result, and the reply's label in *label.
static inline int raw_call(uint32_t op, uint32_t w0, uint32_t w1, const void *sbuf, uint32_t slen,
                    void *rbuf, uint32_t rlen, uint32_t *label)
{
    struct ipc_msg m = msg(IPC_LABEL(CONSOLE_IFACE_ID, CONSOLE_VERSION, op), w0);
    m.w[1] = w1;
    m.sbuf = sbuf;
    m.slen = slen;
    m.rbuf = rbuf;
    m.rlen = rlen;
    int r = ipc_call(EP_CONSOLE, &m);
    *label = m.label;
    return r;
}

// A write with a sequence number of our choosing: seq and bytes as the
// stub would send them, again, when it retries.
static inline int raw_write(uint32_t seq, const char *text)
{
    uint32_t label;
    uint32_t n = strlen_rt(text);
    int r = raw_call(CONSOLE_OP_WRITE, seq, n, text, n, 0, 0, &label);
    return r < 0 ? r : (int)label;
}

#endif
