// Fuzz one generated dispatcher on the host: random, truncated and
// oversized messages, and valid requests with a few bits flipped.  Every
// request arrives in a buffer of exactly its length, so under
// -fsanitize=address any read past what arrived stops the run; the
// handlers (fuzzgen.py) abort if they are handed anything invalid; every
// reply is checked to be well formed.  Usage: fuzz SEED COUNT
#include <string.h>
#include "fuzz.h"

static uint32_t state;

uint32_t fuzz_rand(void)
{
    // xorshift32: small, and the same run for the same seed
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

void fuzz_string(char *dst, uint32_t bound)
{
    uint32_t i, n = fuzz_rand() % bound;

    for (i = 0; i < n; i++)
        dst[i] = (char)(' ' + fuzz_rand() % 95);
    dst[n] = 0;
}

uint32_t fuzz_bytes(void *dst, uint32_t max)
{
    uint8_t *p = dst;
    uint32_t i, n = fuzz_rand() % (max + 1);

    for (i = 0; i < n; i++)
        p[i] = (uint8_t)fuzz_rand();
    return n;
}

int fuzz_result(void)
{
    switch (fuzz_rand() % 8) {
    case 0:
        return (int)(fuzz_rand() % 100);                 // a count
    case 1:
        return -(int)(1 + fuzz_rand() % (E_NERRORS - 1)); // an error, maybe a transport one
    case 2:
        return IDL_DEFER;
    case 3:
        return (int)fuzz_rand();                         // nonsense
    default:
        return 0;
    }
}

int fuzz_liar(void)
{
    return fuzz_rand() % 16 == 0;
}

void fuzz_check_string(const char *s, uint32_t bound)
{
    uint32_t i;

    for (i = 0; i < bound && s[i]; i++)
        ;
    if (i == bound) {
        fprintf(stderr, "fuzz: a handler got a string without its NUL\n");
        abort();
    }
}

void fuzz_check_bytes(const void *p, uint32_t len, uint32_t bound)
{
    const volatile uint8_t *b = p;
    uint32_t i, sum = 0;

    FUZZ_ASSERT(len <= bound);
    for (i = 0; i < len; i++)
        sum += b[i];
    (void)sum;
}

// Check one reply the dispatcher produced.
static void check_reply(int r, const struct ipc_msg *reply, const uint8_t *reply_buf)
{
    int32_t result = (int32_t)reply->label;
    const uint8_t *s = reply->sbuf;

    FUZZ_ASSERT(r == 0 || r == IDL_DEFER);
    if (r == IDL_DEFER)
        return;
    FUZZ_ASSERT(result >= 0 || (result > -E_NERRORS && !idl_transport_error(result)));
    FUZZ_ASSERT(reply->slen <= IPC_MAXBUF);
    FUZZ_ASSERT(reply->spage == 0);
    if (reply->slen > 0)
        FUZZ_ASSERT(s >= reply_buf && s + reply->slen <= reply_buf + IPC_MAXBUF);
    if (result < 0)
        FUZZ_ASSERT(reply->slen == 0);
}

// Make a message: random through and through, or a valid one, mangled.
static uint32_t make(struct ipc_msg *m, uint8_t *bytes, int *valid)
{
    static uint8_t wire[IPC_MAXBUF];
    uint32_t len, i;
    int op = (int)(fuzz_rand() % (uint32_t)fuzz_nops);

    memset(m, 0, sizeof *m);
    *valid = 0;
    if (fuzz_rand() % 4 == 0) {
        uint32_t opnum = fuzz_rand() % 8 ? fuzz_ops[op] : fuzz_rand() & 0xffff;
        m->label = fuzz_rand() % 8 ? IPC_LABEL(fuzz_iface, fuzz_version, opnum) : fuzz_rand();
        for (i = 0; i < IPC_NWORDS; i++)
            m->w[i] = fuzz_rand() % 2 ? fuzz_rand() % 300 : fuzz_rand();
        len = fuzz_rand() % 3 ? fuzz_rand() % 300 : fuzz_rand() % (IPC_MAXBUF + 200);
        for (i = 0; i < len; i++)
            bytes[i] = fuzz_rand() % 3 ? (uint8_t)fuzz_rand() : 0;
        return len;
    }
    FUZZ_ASSERT(fuzz_request(op, m, wire) == 0);
    len = m->slen;
    if (len > 0)
        memcpy(bytes, m->sbuf, len);
    switch (fuzz_rand() % 7) {
    case 0:
        m->w[fuzz_rand() % IPC_NWORDS] ^= 1u << (fuzz_rand() % 32);
        break;
    case 1:
        if (len > 0)
            bytes[fuzz_rand() % len] ^= (uint8_t)(1u << (fuzz_rand() % 8));
        break;
    case 2:
        if (len > 0)
            len = fuzz_rand() % len;                    // truncated
        break;
    case 3:
        for (i = fuzz_rand() % 64 + 1; i > 0 && len < IPC_MAXBUF + 100; i--)
            bytes[len++] = (uint8_t)fuzz_rand();        // too long
        break;
    case 4:
        if (len > 0) {                                  // a run without NULs: strings lose their end
            uint32_t at = fuzz_rand() % len, n = 1 + fuzz_rand() % 64;
            for (i = at; i < len && i < at + n; i++)
                bytes[i] = 'A';
        }
        break;
    default:
        *valid = 1;
    }
    return len;
}

int main(int argc, char **argv)
{
    static uint8_t bytes[IPC_MAXBUF + 300];
    uint8_t *reply_buf = malloc(IPC_MAXBUF);
    long n, count, handled = 0, rejected = 0;
    int i;

    state = argc > 1 ? (uint32_t)strtoul(argv[1], 0, 0) : 1;
    count = argc > 2 ? strtol(argv[2], 0, 0) : 10000;
    if (state == 0)
        state = 1;
    for (n = 0; n < count; n++) {
        struct ipc_msg req, reply;
        uint8_t *arrived;
        char line[160];
        long before = 0;
        int valid, r;
        uint32_t len = make(&req, bytes, &valid);

        // Exactly the bytes that arrived, in a buffer of that size.
        arrived = malloc(len ? len : 1);
        memcpy(arrived, bytes, len);
        req.rbuf = arrived;
        req.rlen = len;
        req.sender = fuzz_rand() % 64;
        for (i = 0; i < fuzz_nops; i++)
            before += fuzz_handled[i];
        memset(&reply, 0, sizeof reply);
        r = fuzz_dispatch(&req, &reply, reply_buf);
        check_reply(r, &reply, reply_buf);
        for (i = 0; i < fuzz_nops; i++)
            before -= fuzz_handled[i];
        if (before != 0)
            handled++;
        else
            rejected++;
        // A valid request always reaches its handler.
        if (valid)
            FUZZ_ASSERT(before != 0);
        // The printer is as careful as the dispatcher, requests and replies alike.
        fuzz_print_request(line, fuzz_rand() % sizeof line, &req, arrived, len);
        fuzz_print_reply(line, sizeof line, IPC_LABEL_OP(req.label), &req, arrived, len);
        if (r == 0)
            fuzz_print_reply(line, sizeof line, IPC_LABEL_OP(req.label), &reply, reply.sbuf, reply.slen);
        free(arrived);
    }
    for (i = 0; i < fuzz_nops; i++) {
        printf("op %u: %ld handled\n", fuzz_ops[i], fuzz_handled[i]);
        FUZZ_ASSERT(fuzz_handled[i] > 0);
    }
    printf("fuzz: %ld messages, %ld handled, %ld rejected\n", count, handled, rejected);
    free(reply_buf);
    return 0;
}
