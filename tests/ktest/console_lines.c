// The console server end to end, started from its boot module with a
// display: malformed requests refused, write records, two writers whose
// lines stay whole, then input typed on the serial line and the PS/2
// keyboard (tests/test_console.py types each part when this program
// says "type ...") through the line discipline: echo, backspace, ^U,
// ^D, readers served in order, ^P, RAW mode, kill_line, and the CGA
// screen showing the output.
#include "console_test.h"

#define WRITER_LINES 12
#define SCREEN_VA 0x10800000
#define SCREEN_CELLS (80 * 25)

static int passed, total;

static void expect(const char *name, int got, int want)
{
    total++;
    passed += check(name, got, want);
}

// Requests the generated dispatcher must refuse, each answered with an
// error; the console goes on serving.
static void malformed(void)
{
    static char big[IPC_MAXBUF + 1];
    char small[4];
    uint32_t label;
    struct ipc_msg m = msg(IPC_LABEL(5, CONSOLE_VERSION, CONSOLE_OP_WRITE), 0);
    ipc_call(EP_CONSOLE, &m);
    expect("another interface's label", m.label, E_VERSION);
    m = msg(IPC_LABEL(CONSOLE_IFACE_ID, CONSOLE_VERSION + 1, CONSOLE_OP_WRITE), 0);
    ipc_call(EP_CONSOLE, &m);
    expect("another version's label", m.label, E_VERSION);
    raw_call(9, 0, 0, 0, 0, 0, 0, &label);
    expect("op number 9", label, E_NOSYS);
    raw_call(0, 0, 0, 0, 0, 0, 0, &label);
    expect("op number 0", label, E_NOSYS);
    raw_call(CONSOLE_OP_WRITE, 1, 100, big, 50, 0, 0, &label);
    expect("write shorter than it says", label, E_BADMSG);
    raw_call(CONSOLE_OP_WRITE, 1, 10, big, 50, 0, 0, &label);
    expect("write longer than it says", label, E_BADMSG);
    raw_call(CONSOLE_OP_WRITE, 1, IPC_MAXBUF + 1, big, IPC_MAXBUF, 0, 0, &label);
    expect("write length over the limit", label, E_BADMSG);
    expect("write buffer over the limit", raw_call(CONSOLE_OP_WRITE, 1, IPC_MAXBUF + 1, big, IPC_MAXBUF + 1, 0, 0, &label), E_TOOBIG);
    raw_call(CONSOLE_OP_READ, 1, CONSOLE_MAXIO + 1, 0, 0, big, IPC_MAXBUF, &label);
    expect("read capacity over the limit", label, E_BADMSG);
    raw_call(CONSOLE_OP_READ, 1, 4, "abc", 3, small, 4, &label);
    expect("read carrying bytes", label, E_BADMSG);
    raw_call(CONSOLE_OP_SETMODE, 7, 0, 0, 0, 0, 0, &label);
    expect("setmode to no such mode", label, E_BADMSG);
    raw_call(CONSOLE_OP_KILL_LINE, 0, 0, "x", 1, 0, 0, &label);
    expect("kill_line carrying bytes", label, E_BADMSG);
    uint32_t n = 0;
    expect("a good write after all that", console_call_write("still serving\n", 14, &n), 14);
    expect("its count", n, 14);
    expect("an empty write", console_call_write("", 0, &n), 0);
}

// Sequence numbers: a write sent again with the same seq and bytes is a
// retry and is not printed again; the same seq with other bytes is new.
static void write_records(void)
{
    expect("write seq 5", raw_write(5, "record: printed once\n"), 21);
    expect("write seq 5 again", raw_write(5, "record: printed once\n"), 21);
    expect("write seq 5, other bytes", raw_write(5, "record: same seq, new text\n"), 27);
}

// Writer A writes one line per call, writer B three lines per call.
// Each line is its writer's letter, its number and twenty more letters.
static void writer(uint32_t who)
{
    char buf[3 * 64];
    for (int i = 0; i < WRITER_LINES; i += who == 'A' ? 1 : 3) {
        int n = 0;
        for (int k = 0; k < (who == 'A' ? 1 : 3); k++)
            n += snprintf_rt(buf + n, sizeof(buf) - n, "writer %c line %02d %c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c\n",
                             who, i + k, who, who, who, who, who, who, who, who, who, who,
                             who, who, who, who, who, who, who, who, who, who);
        uint32_t got;
        int r = console_call_write(buf, n, &got);
        if (r != n || got != (uint32_t)n)
            cprintf("writer %c: write returned %d, count %u, want %d\n", who, r, got, n);
    }
}

// Writer C writes the largest write there is, 64 lines of 64 bytes.
static void big_writer(uint32_t unused)
{
    static char buf[CONSOLE_MAXIO];
    (void)unused;
    for (int i = 0; i < CONSOLE_MAXIO / 64; i++) {
        snprintf_rt(buf + 64 * i, 64, "writer C line %02d ", i);
        memset(buf + 64 * i + 17, 'C', 46);
        buf[64 * i + 63] = '\n';
    }
    uint32_t got;
    int r = console_call_write(buf, sizeof(buf), &got);
    if (r != CONSOLE_MAXIO || got != CONSOLE_MAXIO)
        cprintf("writer C: write returned %d, count %u\n", r, got);
}

static void two_writers(void)
{
    uint32_t a = fork_child(writer, 'A', CPU_ANY);
    uint32_t b = fork_child(writer, 'B', CPU_ANY);
    uint32_t c = fork_child(big_writer, 0, CPU_ANY);
    wait_gone(a);
    wait_gone(b);
    wait_gone(c);
    cprintf("console_lines: writers done\n");
}

// One reader, four reads: a line, an edited line, a killed and retyped
// line, and ^D on an empty line.
static void editing(void)
{
    uint32_t r = start_reader(0, 4);
    wait_reading(r, 0);
    cprintf("console_lines: type editing\n");
    wait_done(3);
    show("edit read 1", 0);
    show("edit read 2", 1);
    show("edit read 3", 2);
    show("edit read 4", 3);
}

// A client that says it can take 100 bytes but receives at most 4 waits
// first: its reply fails, and the line goes to the next reader.  Then
// two readers of three lines each, both waiting before input comes.
static void liar(uint32_t slot)
{
    uint32_t label;
    sh->slot[slot].started = 1;
    sh->slot[slot].rc = raw_call(CONSOLE_OP_READ, 1, 100, 0, 0, sh->slot[slot].buf, 4, &label);
    sh->slot[slot].done = 1;
}

static void two_readers(void)
{
    uint32_t l = fork_child(liar, 4, CPU_ANY);
    wait_reading(l, 4);
    uint32_t r1 = start_reader(5, 3);
    wait_reading(r1, 5);
    uint32_t r2 = start_reader(8, 3);
    wait_reading(r2, 8);
    cprintf("console_lines: type readers\n");
    wait_done(4);
    wait_done(7);
    wait_done(10);
    expect("the lying reader's call", sh->slot[4].rc, E_TOOBIG);
    for (int i = 5; i < 11; i++)
        show(i < 8 ? "reader 1" : "reader 2", i);
}

static void ctrl_p(void)
{
    uint32_t r = start_reader(11, 1);
    wait_reading(r, 11);
    cprintf("console_lines: type ctrl-p\n");
    wait_done(11);
    show("after ctrl-p", 11);
}

// RAW: bytes come as they are typed, unedited and not echoed, ^U, ^D
// and ^P included, in as many reads as it takes (rc: 0 or an error).
static void raw_reader(uint32_t slot)
{
    struct slot *s = &sh->slot[slot];
    int r = console_call_setmode(CONSOLE_MODE_RAW);
    s->len = 0;
    while (r >= 0 && s->len < 6) {
        uint32_t n = SLOT_BYTES - s->len;
        s->started = 1;
        r = console_call_read(s->buf + s->len, &n);
        s->len += n;
    }
    s->rc = r < 0 ? r : console_call_setmode(CONSOLE_MODE_COOKED);
    s->done = 1;
}

static void raw_mode(void)
{
    uint32_t r = fork_child(raw_reader, 12, CPU_ANY);
    wait_reading(r, 12);
    cprintf("console_lines: type raw\n");
    wait_done(12);
    show("raw read", 12);
}

// kill_line throws away what is being typed, as ^U does.  The root
// watches the console's state page to know the input has arrived.  The
// console stores a byte before it echoes it, so the checks print only
// after the call: the console answers it once its interrupt, echo
// included, is done, and the last echoed z cannot land in a check line.
static void kill_line(uint32_t console)
{
    const volatile struct console_state *st = (const volatile struct console_state *)STATE_VA;
    sys_page_map(console, USTATE, 0, STATE_VA, PTE_P | PTE_U);
    cprintf("console_lines: type partial line\n");
    for (int i = 0; i < 100000 && st->e - st->w != 3; i++)
        sys_yield();
    uint32_t typed = st->e - st->w;
    int killed = console_call_kill_line();
    expect("partial line typed", typed, 3);
    expect("kill_line", killed, 0);
    expect("partial line gone", st->e - st->w, 0);
    uint32_t r = start_reader(13, 1);
    wait_reading(r, 13);
    cprintf("console_lines: type after kill\n");
    wait_done(13);
    show("after kill_line", 13);
}

static void keyboard(void)
{
    uint32_t r = start_reader(14, 2);
    wait_reading(r, 14);
    cprintf("console_lines: press keys\n");
    wait_done(15);
    show("keyboard read 1", 14);
    show("keyboard read 2", 15);
}

// The screen holds what the console printed: look for a line of text.
static int on_screen(const char *text)
{
    const volatile uint16_t *cell = (const volatile uint16_t *)SCREEN_VA;
    uint32_t n = strlen_rt(text);
    for (uint32_t i = 0; i + n <= SCREEN_CELLS; i++) {
        uint32_t k = 0;
        while (k < n && (cell[i + k] & 0xff) == (uint8_t)text[k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

static void screen(void)
{
    uint32_t n;
    console_call_write("shown on the screen too\n", 24, &n);
    sys_devmem_map(0, SCREEN_VA, CONSOLE_CGA_PHYS);
    expect("write on the screen", on_screen("shown on the screen too"), 1);
    expect("keyboard echo on the screen", on_screen("Hi kbd"), 1);
}

int main(void)
{
    shared_init();
    uint32_t console = console_start(1);
    cprintf("console_lines: console is task %x\n", console);
    malformed();
    write_records();
    two_writers();
    editing();
    two_readers();
    ctrl_p();
    raw_mode();
    kill_line(console);
    keyboard();
    screen();
    cprintf("console_lines: %d of %d checks passed\n", passed, total);
    sys_halt(0);
    return 0;
}
