// The demo interface's server side for the round-trip tests: each handler
// does something simple and checkable with every value it gets, so a value
// lost or mangled on the way shows up in the result.
#include <string.h>
#include "demo_server.h"
#include "demo_handlers.h"

struct demo_stats demo_stats;

// Clients whose wait is deferred until the next poke.
static uint32_t waiting[8];
static int nwaiting;

int demo_do_ints(uint32_t client, uint8_t a, int8_t b, uint16_t c, int16_t d, uint32_t e, int32_t f,
                 int32_t *sum)
{
    (void)client;
    *sum = (int32_t)(a + b + c + d + (int32_t)e + f);
    return 0;
}

int demo_do_echo(uint32_t client, uint32_t seq, const char *s, char r[64])
{
    size_t i, n = strlen(s);

    // A restarted call arrives again with the same seq: count it.
    if (client == demo_stats.last_client && seq == demo_stats.last_seq)
        demo_stats.repeats++;
    demo_stats.last_client = client;
    demo_stats.last_seq = seq;
    if (n == 0)
        return E_INVAL;
    for (i = 0; i < n; i++)
        r[i] = s[n - 1 - i];
    r[n] = 0;
    return 0;
}

int demo_do_xor(uint32_t client, uint8_t key, const void *data, uint32_t data_len, void *mixed,
                uint32_t *mixed_len)
{
    const uint8_t *in = data;
    uint8_t *out = mixed;
    uint32_t i, n = data_len < *mixed_len ? data_len : *mixed_len;

    (void)client;
    for (i = 0; i < n; i++)
        out[i] = in[i] ^ key;
    *mixed_len = n;
    return (int)n;          // a count as the result
}

int demo_do_move(uint32_t client, const struct demo_point *p, const struct demo_point *by, bool flip,
                 struct demo_point *q, enum demo_colour *c)
{
    (void)client;
    q->x = (int16_t)(p->x + by->x);
    q->y = (int16_t)(p->y + by->y);
    if (flip) {
        q->x = (int16_t)-q->x;
        q->y = (int16_t)-q->y;
    }
    *c = q->x > 0 ? DEMO_COLOUR_RED : q->x == 0 ? DEMO_COLOUR_GREEN : DEMO_COLOUR_BLUE;
    return 0;
}

int demo_do_tags(uint32_t client, const struct demo_tag *t, struct demo_tag *copy, uint16_t lens[4])
{
    size_t i;

    (void)client;
    *copy = *t;
    for (i = 0; t->name[i]; i++)
        if (t->name[i] >= 'a' && t->name[i] <= 'z')
            copy->name[i] = (char)(t->name[i] - 'a' + 'A');
    copy->on = !t->on;
    copy->at[0] = t->at[1];
    copy->at[1] = t->at[0];
    lens[0] = (uint16_t)strlen(t->name);
    lens[1] = t->on;
    lens[2] = (uint16_t)t->at[0].x;
    lens[3] = 65535;
    return 0;
}

int demo_do_join(uint32_t client, const char *a, const char *b, const void *extra, uint32_t extra_len,
                 char joined[200], uint32_t *total)
{
    const uint8_t *x = extra;
    uint32_t i;

    (void)client;
    strcpy(joined, a);
    strcat(joined, "+");
    strcat(joined, b);
    *total = (uint32_t)(strlen(a) + strlen(b)) + extra_len;
    for (i = 0; i < extra_len; i++)
        *total += x[i];
    return 0;
}

int demo_do_many(uint32_t client, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e,
                 uint32_t f, uint32_t g, uint32_t h, const char *label, uint32_t *sum, char shout[24])
{
    (void)client;
    *sum = a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
    strcpy(shout, label);
    strcat(shout, "!");
    return 0;
}

int demo_do_wait(uint32_t client, uint32_t seq, uint32_t *value)
{
    (void)seq;
    (void)value;
    waiting[nwaiting++] = client;
    return IDL_DEFER;
}

int demo_do_poke(uint32_t client, uint32_t value, uint32_t *woken)
{
    int i;

    (void)client;
    for (i = 0; i < nwaiting; i++) {
        // 666 answers with an error, to test deferred failures.
        if (value == 666)
            demo_reply_wait(waiting[i], E_IO, 0);
        else
            demo_reply_wait(waiting[i], 0, value);
    }
    *woken = (uint32_t)nwaiting;
    nwaiting = 0;
    return 0;
}

int demo_do_nop(uint32_t client)
{
    (void)client;
    demo_stats.nops++;
    return 7;
}

int demo_do_split(uint32_t client, const void *data, uint32_t data_len, uint8_t at, void *head,
                  uint32_t *head_len, void *tail, uint32_t *tail_len)
{
    const uint8_t *d = data;
    uint32_t h = at, t = data_len - at;

    (void)client;
    if (at > data_len)
        return E_INVAL;
    if (h > *head_len)
        h = *head_len;
    if (t > *tail_len)
        t = *tail_len;
    memcpy(head, d, h);
    memcpy(tail, d + at, t);
    *head_len = h;
    *tail_len = t;
    return 0;
}

int demo_do_arrays(uint32_t client, const enum demo_colour cs[3], const bool bs[2], const int8_t small[20],
                   enum demo_colour rcs[3], bool rbs[2], int8_t rsmall[20])
{
    int i;

    (void)client;
    for (i = 0; i < 3; i++)
        rcs[i] = cs[2 - i];
    for (i = 0; i < 2; i++)
        rbs[i] = bs[1 - i];
    for (i = 0; i < 20; i++)
        rsmall[i] = small[19 - i];
    return 0;
}

int demo_do_names(uint32_t client, uint8_t n, char first[8], char second[8])
{
    static const char *const names[] = { "zero", "one", "two", "three" };

    (void)client;
    if (n >= 3)
        return E_INVAL;
    strcpy(first, names[n]);
    strcpy(second, names[n + 1]);
    return 0;
}

int demo_do_count(uint32_t client, uint32_t n)
{
    (void)client;
    demo_stats.counted++;
    demo_stats.total += n;
    return (int)demo_stats.total;
}

// The record of the once operation count: the latest request of each of
// a few clients (the tests use one or two).
static struct {
    uint32_t client, seq;
    int result;
} record[4];

int demo_once_begin(uint32_t client, uint32_t seq, uint32_t op)
{
    (void)op;
    if (record[client % 4].client == client && record[client % 4].seq == seq)
        return record[client % 4].result;
    record[client % 4].client = client;
    record[client % 4].seq = seq;
    record[client % 4].result = E_IO;   // begun, not finished
    return IDL_ONCE_NEW;
}

int demo_once_end(uint32_t client, int result)
{
    record[client % 4].result = result;
    return result;
}
