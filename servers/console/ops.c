// The console's operations (idl/console.idl), one handler each.  The
// generated dispatcher has checked every field before a handler runs.
//
// The server has one thread, so a write is printed whole before the next
// request (or interrupt) is looked at: lines of different writers never
// mix, and echo never lands inside a write.
#include "console.h"

// How much of a write goes out between two updates of its record: a
// server killed in the middle of a write prints at most this much of it
// again when the client retries.
#define OUT_PIECE 16

static enum console_mode mode_of(const struct console_client *c)
{
    return c->mode == CONSOLE_MODE_RAW ? CONSOLE_MODE_RAW : CONSOLE_MODE_COOKED;
}

// FNV-1a: cheap, and enough to tell a retried write from a new one that
// happens to reuse its sequence number (a program exec'd in the same
// task starts counting again).
static uint32_t checksum(const uint8_t *p, uint32_t n)
{
    uint32_t h = 2166136261u;
    while (n-- > 0)
        h = (h ^ *p++) * 16777619u;
    return h;
}

// A retried write (same seq, same bytes) continues from where the last
// copy of the server stopped, so nothing is printed twice.  A new write
// resets the record, done first: whichever store a restart interrupts,
// the record never claims bytes of the new write are out.
int console_do_write(uint32_t client, uint32_t seq, const void *data, uint32_t data_len, uint32_t *n)
{
    struct console_client *c = client_get(client);
    uint32_t sum = checksum(data, data_len);
    if (c->seq != seq || c->len != data_len || c->sum != sum) {
        c->done = 0;
        c->len = data_len;
        c->sum = sum;
        c->seq = seq;
    }
    while (c->done < c->len) {
        uint32_t k = c->len - c->done < OUT_PIECE ? c->len - c->done : OUT_PIECE;
        cons_write((const uint8_t *)data + c->done, k);
        c->done += k;
    }
    *n = data_len;
    return data_len;
}

// Every read joins the queue, and is answered from there at once if
// there is input: one path, so the order of readers and the rules for a
// failed reply (readers.c) hold for all of them.  A retried read needs
// no seq: it simply waits for the next line.
int console_do_read(uint32_t client, uint32_t seq, void *data, uint32_t *data_len)
{
    (void)seq;
    (void)data;
    enum console_mode mode = mode_of(client_get(client));
    input_mode_set(mode);
    if (*data_len == 0)
        return 0;
    int r = readers_add(client, *data_len, mode);
    if (r < 0)
        return r;
    readers_wake();
    return IDL_DEFER;
}

int console_do_setmode(uint32_t client, enum console_mode m)
{
    client_get(client)->mode = m;
    input_mode_set(m);
    return 0;
}

int console_do_kill_line(uint32_t client)
{
    (void)client;
    line_kill();
    return 0;
}
