// A restarted console loses at most the line being typed.  The root task
// restarts the console as proc does, carrying its state page over to
// the new copy: complete lines nobody has read yet survive, the line
// being typed does not, a read waiting in the old copy is sent again by
// the client stub and answered by the new one, a write sent again with
// the same sequence number is not printed twice, and a state page that
// does not check out is not used.  tests/test_console.py types the input
// when this program says "type ...".
#include "console_test.h"

static int passed, total;

static void expect(const char *name, int got, int want)
{
    total++;
    passed += check(name, got, want);
}

static const volatile struct console_state *st = (const volatile struct console_state *)STATE_VA;

// A read made by hand, so that the caller sees the transport's answer
// when the console dies holding it; then the same read through the stub.
static void held_reader(uint32_t slot)
{
    uint32_t label;
    sh->slot[slot].started = 1;
    sh->slot[slot].rc = raw_call(CONSOLE_OP_READ, 1, SLOT_BYTES, 0, 0, sh->slot[slot].buf, SLOT_BYTES, &label);
    sh->slot[slot].done = 1;
    reader((slot + 1) | 1 << 8);
}

// Wait until the console has taken in a complete line of complete bytes
// and a partial line of partial bytes.
static void wait_input(uint32_t complete, uint32_t partial)
{
    for (int i = 0; i < 100000 && (st->w - st->r != complete || st->e - st->w != partial); i++)
        sys_yield();
}

// Wait until the console has taken a request made after it counted
// clock: each request it takes moves the count (state.c, client_get).
// A caller blocked in its call may still be queued on the endpoint,
// and a read still queued when the console is restarted goes to the
// new copy, which keeps it waiting for input nobody types.
static void wait_taken(uint32_t clock)
{
    while (st->clock == clock)
        sys_yield();
}

int main(void)
{
    shared_init();
    uint32_t console = console_start(0);
    sys_page_map(console, USTATE, 0, STATE_VA, PTE_P | PTE_U | PTE_W);
    expect("write seq 7", raw_write(7, "restart: written once\n"), 22);

    cprintf("console_restart: type before restart\n");
    wait_input(5, 7);
    expect("complete bytes before the restart", st->w - st->r, 5);
    expect("partial bytes before the restart", st->e - st->w, 7);
    console = console_restart(console, 0);
    cprintf("console_restart: restarted as task %x\n", console);
    expect("partial bytes after the restart", st->e - st->w, 0);
    expect("write seq 7 again", raw_write(7, "restart: written once\n"), 22);
    expect("write seq 8", raw_write(8, "restart: written after\n"), 23);

    // The kept line is there at once.  The second read waits in the old
    // copy, which dies: the caller learns E_RESTART (the client stubs
    // then send the read again, as this one does by hand).
    uint32_t r = start_reader(0, 1);
    wait_done(0);
    uint32_t clock = st->clock;
    r = fork_child(held_reader, 1, CPU_ANY);
    wait_taken(clock);
    console = console_restart(console, 0);
    cprintf("console_restart: restarted as task %x with a read waiting\n", console);
    wait_done(1);
    expect("the read held by the old copy", sh->slot[1].rc, E_RESTART);
    wait_reading(r, 2);
    cprintf("console_restart: type after restart\n");
    wait_done(2);
    show("read 1", 0);
    show("read 2", 2);

    // A state page that does not check out is thrown away, not trusted.
    struct console_state *bad = (struct console_state *)STATE_VA;
    bad->w = bad->r + 3 * INPUT_BUF;
    console = console_restart(console, 0);
    cprintf("console_restart: restarted as task %x over a broken state page\n", console);
    expect("broken page reset", st->w - st->r, 0);
    r = start_reader(3, 1);
    wait_reading(r, 3);
    cprintf("console_restart: type fresh\n");
    wait_done(3);
    show("read 3", 3);
    cprintf("console_restart: %d of %d checks passed\n", passed, total);
    sys_halt(0);
    return 0;
}
