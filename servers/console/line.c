// The line discipline, after xv6's consoleintr: every byte typed, on the
// serial line or the keyboard, comes here.  In COOKED mode it is edited
// into the line being typed and echoed; backspace and ^U take characters
// back, Enter or ^D completes the line and hands it to the oldest
// waiting reader, ^P prints the task list.  In RAW mode each byte is
// complete input at once, without echo or editing.
//
// The input ring lives in the state page (state.h): [r, w) is complete
// input waiting for readers, [w, e) the line being typed.
#include "console.h"

#define BACKSPACE 0x08
#define DELETE    0x7f          // what most terminals send for the backspace key
#define EOT       CTRL('D')     // end of input; kept in the ring as a marker

static char slot_of(uint32_t i)
{
    return state->buf[i % INPUT_BUF];
}

static int room(void)
{
    return state->e - state->r < INPUT_BUF;
}

static void store(char c)
{
    state->buf[state->e % INPUT_BUF] = c;
    state->e++;
}

// Make everything typed so far complete input, and wake readers.
static void commit(void)
{
    state->w = state->e;
    readers_wake();
}

static void erase_one(void)
{
    state->e--;
    cons_puts("\b \b");
}

void line_kill(void)
{
    while (state->e != state->w)
        erase_one();
}

// After ^P's list, show the line being typed again, so the user sees
// what the next Enter will send.
static void retype(void)
{
    for (uint32_t i = state->w; i != state->e; i++) {
        char c = slot_of(i);
        cons_write(&c, 1);
    }
}

static void cooked_input(int c)
{
    if (c == '\r')
        c = '\n';               // Enter on a serial terminal
    if (c == 0 || !room())
        return;
    store(c);
    if (c != EOT)
        cons_write(&c, 1);
    // A full ring completes the line too, so a reader can make room.
    if (c == '\n' || c == EOT || !room())
        commit();
}

void line_input(int c)
{
    if (input_mode() == CONSOLE_MODE_RAW) {
        if (room()) {
            store(c);
            commit();
        }
        return;
    }
    switch (c) {
    case CTRL('P'):
        procdump();
        retype();
        break;
    case CTRL('U'):
        line_kill();
        break;
    case BACKSPACE:
    case DELETE:
        if (state->e != state->w)
            erase_one();
        break;
    default:
        cooked_input(c);
    }
}

int line_ready(void)
{
    return state->r != state->w;
}

// Move complete input into dst: in COOKED mode up to and including one
// newline, in RAW mode whatever there is, at most cap bytes either way.
// A COOKED read meeting ^D stops there; if it has nothing yet, it takes
// the ^D and returns 0: end of input.  r moves before the caller replies
// (readers.c explains why).
uint32_t line_take(uint8_t *dst, uint32_t cap, enum console_mode mode)
{
    uint32_t n = 0;
    while (n < cap && state->r != state->w) {
        char c = slot_of(state->r);
        if (mode == CONSOLE_MODE_COOKED && c == EOT) {
            if (n == 0)
                state->r++;
            break;
        }
        dst[n++] = c;
        state->r++;
        if (mode == CONSOLE_MODE_COOKED && c == '\n')
            break;
    }
    return n;
}
