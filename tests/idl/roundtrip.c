// Round trips through the generated code of tests/idl/example.idl:
// client stub -> message -> dispatcher -> handler -> reply -> stub, with
// every type, both ways.  Built twice: with the IPC stubs, the dispatcher
// and the mock kernel (mock_ipc.c), and with -DDIRECT with the direct
// binding, to show both give the same results.  Prints one line per
// failed check and exits non-zero if there was any.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "demo_client.h"
#include "demo_server.h"
#include "demo_handlers.h"

#ifdef DIRECT
extern uint32_t direct_client;
extern void (*direct_meanwhile)(void);
#define MODE "direct"
#else
#include "mock_ipc.h"
#define MODE "ipc"
#endif

static int checks, failures;

#define CHECK(cond) check((cond), #cond, __LINE__)

static void check(int ok, const char *what, int line)
{
    checks++;
    if (!ok) {
        failures++;
        printf("%s: line %d: failed: %s\n", MODE, line, what);
    }
}

static void set_meanwhile(void (*fn)(void))
{
#ifdef DIRECT
    direct_meanwhile = fn;
#else
    mock_meanwhile = fn;
#endif
}

static void test_ints(void)
{
    int32_t sum = 0;

    CHECK(demo_call_ints(200, -100, 60000, -30000, 7, -5, &sum) == 0);
    CHECK(sum == 200 - 100 + 60000 - 30000 + 7 - 5);
    CHECK(demo_call_ints(255, -128, 65535, -32768, 0x80000000u, 0x7fffffff, &sum) == 0);
    CHECK(sum == (int32_t)(255u - 128u + 65535u - 32768u + 0x80000000u + 0x7fffffffu));
}

static void test_echo(void)
{
    char r[64], s[80];

    CHECK(demo_call_echo("hello", r) == 0);
    CHECK(strcmp(r, "olleh") == 0);
    CHECK(demo_call_echo("", r) == E_INVAL);
    memset(s, 'x', sizeof s);
    s[63] = 0;                      // 63 characters and the NUL: just fits
    CHECK(demo_call_echo(s, r) == 0);
    CHECK(strlen(r) == 63);
    s[63] = 'x';
    s[64] = 0;                      // one more does not
    CHECK(demo_call_echo(s, r) == E_TOOBIG);
}

static void test_xor(void)
{
    static uint8_t data[4097], out[4096];
    uint32_t i, n;

    for (i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 7);
    n = sizeof out;
    CHECK(demo_call_xor(0x5a, data, 1000, out, &n) == 1000);
    CHECK(n == 1000);
    for (i = 0; i < 1000; i++)
        if (out[i] != (uint8_t)(data[i] ^ 0x5a))
            break;
    CHECK(i == 1000);
    n = 10;                         // capacity 10: the server sends no more
    CHECK(demo_call_xor(1, data, 1000, out, &n) == 10);
    CHECK(n == 10 && out[9] == (uint8_t)(data[9] ^ 1));
    n = sizeof out;
    CHECK(demo_call_xor(1, data, 4096, out, &n) == 4096 && n == 4096);
    CHECK(out[4095] == (uint8_t)(data[4095] ^ 1));
    n = sizeof out;
    CHECK(demo_call_xor(1, data, 0, out, &n) == 0 && n == 0);
    CHECK(demo_call_xor(1, data, 4097, out, &n) == E_TOOBIG);
}

static void test_move(void)
{
    struct demo_point p = { 3, -4 }, by = { -10, 2 }, q;
    enum demo_colour c;

    CHECK(demo_call_move(&p, &by, false, &q, &c) == 0);
    CHECK(q.x == -7 && q.y == -2 && c == DEMO_COLOUR_BLUE);
    CHECK(demo_call_move(&p, &by, true, &q, &c) == 0);
    CHECK(q.x == 7 && q.y == 2 && c == DEMO_COLOUR_RED);
    p.x = 32767;
    p.y = -32768;
    by.x = by.y = 0;
    CHECK(demo_call_move(&p, &by, false, &q, &c) == 0);
    CHECK(q.x == 32767 && q.y == -32768);
}

static void test_tags(void)
{
    struct demo_tag t, copy;
    uint16_t lens[4];

    memset(&t, 0, sizeof t);
    strcpy(t.name, "abc");
    t.c = DEMO_COLOUR_GREEN;
    t.on = true;
    t.at[0].x = 1;
    t.at[0].y = 2;
    t.at[1].x = -3;
    t.at[1].y = -4;
    CHECK(demo_call_tags(&t, &copy, lens) == 0);
    CHECK(strcmp(copy.name, "ABC") == 0 && copy.c == DEMO_COLOUR_GREEN && !copy.on);
    CHECK(copy.at[0].x == -3 && copy.at[0].y == -4 && copy.at[1].x == 1 && copy.at[1].y == 2);
    CHECK(lens[0] == 3 && lens[1] == 1 && lens[2] == 1 && lens[3] == 65535);
    t.c = (enum demo_colour)99;     // not a colour: never sent
    CHECK(demo_call_tags(&t, &copy, lens) == E_BADMSG);
    t.c = DEMO_COLOUR_RED;
    memset(t.name, 'n', sizeof t.name);     // no NUL within the bound
    CHECK(demo_call_tags(&t, &copy, lens) == E_TOOBIG);
}

static void test_join(void)
{
    char joined[200];
    uint32_t total = 0;
    uint8_t extra[100] = { 1, 2, 3 };

    CHECK(demo_call_join("ab", "cde", extra, 3, joined, &total) == 0);
    CHECK(strcmp(joined, "ab+cde") == 0 && total == 2 + 3 + 3 + 6);
    CHECK(demo_call_join("", "", extra, 0, joined, &total) == 0);
    CHECK(strcmp(joined, "+") == 0 && total == 0);
    CHECK(demo_call_join("a", "b", extra, 101, joined, &total) == E_TOOBIG);
}

static void test_many(void)
{
    uint32_t sum = 0;
    char shout[24];

    CHECK(demo_call_many(1, 2, 3, 4, 5, 6, 7, 8, "fifteen chars..", &sum, shout) == 0);
    CHECK(sum == 1 + 4 + 9 + 16 + 25 + 36 + 49 + 64);
    CHECK(strcmp(shout, "fifteen chars..!") == 0);
    CHECK(demo_call_many(1, 2, 3, 4, 5, 6, 7, 8, "sixteen chars...", &sum, shout) == E_TOOBIG);
}

// While a wait blocks, another task pokes.
static uint32_t poke_value, poke_woken;
static int poke_rc;

static void poke_meanwhile(void)
{
    poke_rc = demo_call_poke(poke_value, &poke_woken);
}

static void test_deferred(void)
{
    uint32_t value = 0;

    set_meanwhile(poke_meanwhile);
    poke_value = 42;
    CHECK(demo_call_wait(&value) == 0);
    CHECK(value == 42 && poke_rc == 0 && poke_woken == 1);
    poke_value = 666;               // poke answers this one with E_IO
    CHECK(demo_call_wait(&value) == E_IO);
    CHECK(poke_rc == 0 && poke_woken == 1);
    set_meanwhile(0);
}

static void test_nop(void)
{
    int before = demo_stats.nops;

    CHECK(demo_call_nop() == 7);
    CHECK(demo_stats.nops == before + 1);
}

static void test_split(void)
{
    char head[32], tail[32];
    uint32_t hn = sizeof head, tn = sizeof tail;

    CHECK(demo_call_split("hello world", 11, 5, head, &hn, tail, &tn) == 0);
    CHECK(hn == 5 && memcmp(head, "hello", 5) == 0);
    CHECK(tn == 6 && memcmp(tail, " world", 6) == 0);
    hn = 2;                         // a smaller capacity for the first one
    tn = sizeof tail;
    CHECK(demo_call_split("hello world", 11, 5, head, &hn, tail, &tn) == 0);
    CHECK(hn == 2 && memcmp(head, "he", 2) == 0 && tn == 6);
    hn = tn = 32;
    CHECK(demo_call_split("abc", 3, 4, head, &hn, tail, &tn) == E_INVAL);
    hn = tn = 100;                  // more than the bound: clipped to it
    CHECK(demo_call_split("abc", 3, 0, head, &hn, tail, &tn) == 0 && hn == 0 && tn == 3);
}

static void test_arrays(void)
{
    enum demo_colour cs[3] = { DEMO_COLOUR_RED, DEMO_COLOUR_GREEN, DEMO_COLOUR_BLUE }, rcs[3];
    bool bs[2] = { true, false }, rbs[2];
    int8_t small[20], rsmall[20];
    int i;

    for (i = 0; i < 20; i++)
        small[i] = (int8_t)(i * 13 - 128);
    CHECK(demo_call_arrays(cs, bs, small, rcs, rbs, rsmall) == 0);
    CHECK(rcs[0] == DEMO_COLOUR_BLUE && rcs[1] == DEMO_COLOUR_GREEN && rcs[2] == DEMO_COLOUR_RED);
    CHECK(!rbs[0] && rbs[1]);
    for (i = 0; i < 20; i++)
        if (rsmall[i] != small[19 - i])
            break;
    CHECK(i == 20);
    cs[1] = (enum demo_colour)3;    // not a colour
    CHECK(demo_call_arrays(cs, bs, small, rcs, rbs, rsmall) == E_BADMSG);
}

static void test_names(void)
{
    char first[8], second[8];

    CHECK(demo_call_names(2, first, second) == 0);
    CHECK(strcmp(first, "two") == 0 && strcmp(second, "three") == 0);
    CHECK(demo_call_names(3, first, second) == E_INVAL);
}

// count is a once operation: each call runs its handler once.
static void test_once(void)
{
    uint32_t total = demo_stats.total;
    int counted = demo_stats.counted;

    CHECK(demo_call_count(5) == (int)(total + 5));
    CHECK(demo_call_count(7) == (int)(total + 12));
    CHECK(demo_stats.counted == counted + 2);
}

#ifndef DIRECT
// --- only over IPC: the transport and the wire ---

// A retry of a once operation gets the recorded result: the handler does
// not run again and the total grows once.
static void test_once_retried(void)
{
    uint32_t total = demo_stats.total;
    int counted = demo_stats.counted, deliveries = mock_deliveries;

    mock_restarts = 1;              // the server dies after taking the request
    CHECK(demo_call_count(3) == (int)(total + 3));
    CHECK(mock_deliveries == deliveries + 2);
    CHECK(demo_stats.counted == counted + 1);
    CHECK(demo_stats.total == total + 3);
}

static void test_restart(void)
{
    char r[64];
    int deliveries = mock_deliveries;
    uint32_t seq;

    CHECK(demo_call_echo("one", r) == 0);
    seq = demo_stats.last_seq;
    CHECK(demo_call_echo("two", r) == 0);
    CHECK(demo_stats.last_seq == seq + 1);  // each call a new number
    demo_stats.repeats = 0;
    deliveries = mock_deliveries;
    mock_restarts = 1;              // the server dies after taking the request
    CHECK(demo_call_echo("abc", r) == 0);
    CHECK(strcmp(r, "cba") == 0);
    CHECK(mock_deliveries == deliveries + 2);
    CHECK(demo_stats.repeats == 1); // the retry carried the same seq
}

static int raw_call(uint32_t label, const void *bytes, uint32_t len)
{
    struct ipc_msg m;

    memset(&m, 0, sizeof m);
    m.label = label;
    m.sbuf = bytes;
    m.slen = len;
    CHECK(ipc_call(DEMO_ENDPOINT, &m) == 0);
    return (int32_t)m.label;
}

static void test_bad_requests(void)
{
    CHECK(raw_call(IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, 99), 0, 0) == E_NOSYS);
    CHECK(raw_call(IPC_LABEL(DEMO_IFACE_ID, 3, DEMO_OP_NOP), 0, 0) == E_VERSION);
    CHECK(raw_call(IPC_LABEL(7, DEMO_VERSION, DEMO_OP_NOP), 0, 0) == E_VERSION);
    CHECK(raw_call(IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, DEMO_OP_ECHO), 0, 0) == E_BADMSG);
    CHECK(raw_call(IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, DEMO_OP_ECHO), "abc", 3) == E_BADMSG);
    CHECK(raw_call(IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, DEMO_OP_ECHO), "ab\0c", 4) == E_BADMSG);
    CHECK(raw_call(IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, DEMO_OP_NOP), "x", 1) == E_BADMSG);
}

static void test_transport(void)
{
    int r;

    mock_bind(DEMO_ENDPOINT, 0);    // nobody serves the endpoint
    r = demo_call_nop();
    CHECK(r == E_DEAD && idl_transport_error(r));
    mock_bind(DEMO_ENDPOINT, demo_dispatch);
    r = demo_call_echo("", (char[64]){ 0 });
    CHECK(r == E_INVAL && !idl_transport_error(r));
}

// A server that lies: its replies break the contract in one way each.
static int lie;

static int liar(const struct ipc_msg *req, struct ipc_msg *reply, void *reply_buf)
{
    memset(reply, 0, sizeof *reply);
    memset(reply_buf, 'z', IPC_MAXBUF);
    reply->sbuf = reply_buf;
    if (lie == 1) {                 // xor: more bytes than the capacity asked
        reply->w[0] = 100;
        reply->slen = 100;
    } else if (lie == 2) {          // echo: a string without its NUL
        reply->slen = 10;
    } else if (lie == 3) {          // move: not a colour
        reply->w[4] = 77;
        reply->w[2] = 77;
    } else if (lie == 4) {          // a transport code as the result
        reply->label = (uint32_t)E_RESTART;
    } else if (lie == 5) {          // split: a well-formed head longer than asked for
        reply->w[0] = 20;
        reply->slen = 32;
    } else if (lie == 6) {          // nop, whose reply is words only: bytes besides
        reply->slen = 8;
    }
    (void)req;
    return 0;
}

static void test_bad_replies(void)
{
    uint8_t out[10];
    uint32_t n = sizeof out;
    char r[64];
    struct demo_point p = { 0, 0 }, q;
    enum demo_colour c;

    mock_bind(DEMO_ENDPOINT, liar);
    lie = 1;
    CHECK(demo_call_xor(0, "abc", 3, out, &n) == E_TOOBIG);
    lie = 2;
    CHECK(demo_call_echo("abc", r) == E_BADMSG);
    lie = 3;
    CHECK(demo_call_move(&p, &p, false, &q, &c) == E_BADMSG);
    lie = 4;
    CHECK(demo_call_nop() == E_IO);
    lie = 5;
    n = 2;
    CHECK(demo_call_split("abc", 3, 1, out, &n, r, &(uint32_t){ 32 }) == E_TOOBIG);
    // A words-only stub offers no receive buffer and does not look at the
    // reply's length: the transport refuses the bytes, as the kernel does.
    lie = 6;
    CHECK(demo_call_nop() == E_TOOBIG);
    mock_bind(DEMO_ENDPOINT, demo_dispatch);
}

// The dispatcher never sends a transport code: a handler's E_RESTART becomes E_IO.
static void test_result_rules(void)
{
    CHECK(idl_result(E_RESTART) == E_IO);
    CHECK(idl_result(E_TIMEOUT) == E_IO);
    CHECK(idl_result(-5000) == E_IO);
    CHECK(idl_result(IDL_DEFER) == E_IO);
    CHECK(idl_result(E_NOENT) == E_NOENT);
    CHECK(idl_result(12) == 12);
}

static void expect_line(const char *got, const char *want, int line)
{
    int same = strcmp(got, want) == 0;

    check(same, "printed line", line);
    if (!same)
        printf("    got:  %s\n    want: %s\n", got, want);
}

// Print the last call as one line, as a trace would.
static void last_call(char *line, uint32_t size)
{
    int n = demo_print_request(line, size, &(struct ipc_msg){ .label = mock_last_req.label,
                               .w = { mock_last_req.w[0], mock_last_req.w[1], mock_last_req.w[2],
                                      mock_last_req.w[3], mock_last_req.w[4], mock_last_req.w[5] } },
                               mock_last_req.bytes, mock_last_req.len);
    struct ipc_msg rep;

    memset(&rep, 0, sizeof rep);
    rep.label = mock_last_reply.label;
    memcpy(rep.w, mock_last_reply.w, sizeof rep.w);
    demo_print_reply(line + n, size - (uint32_t)n, IPC_LABEL_OP(mock_last_req.label), &rep,
                     mock_last_reply.bytes, mock_last_reply.len);
}

static void test_printer(void)
{
    char line[256], want[256];
    uint8_t out[16];
    uint32_t n = sizeof out;
    struct demo_point p = { 3, -4 }, by = { -10, 2 }, q;
    enum demo_colour c;
    struct demo_tag t, copy;
    uint16_t lens[4];
    struct ipc_msg m;

    demo_call_move(&p, &by, false, &q, &c);
    last_call(line, sizeof line);
    expect_line(line, "demo.move(p={x=3, y=-4}, by={x=-10, y=2}, flip=false) -> ok, q={x=-7, y=-2}, c=BLUE",
                __LINE__);
    demo_call_xor(90, "abc", 3, out, &n);
    last_call(line, sizeof line);
    expect_line(line, "demo.xor(key=90, data=<3 bytes>, mixed_cap=16) -> 3, mixed=<3 bytes>", __LINE__);
    demo_call_echo("hi\n\"there\"", (char[64]){ 0 });
    last_call(line, sizeof line);
    snprintf(want, sizeof want, "demo.echo(seq=%u, s=\"hi\\n\\\"there\\\"\") -> ok, r=\"\\\"ereht\\\"\\nih\"",
             demo_stats.last_seq);
    expect_line(line, want, __LINE__);
    demo_call_echo("", (char[64]){ 0 });
    last_call(line, sizeof line);
    snprintf(want, sizeof want, "demo.echo(seq=%u, s=\"\") -> E_INVAL", demo_stats.last_seq);
    expect_line(line, want, __LINE__);
    memset(&t, 0, sizeof t);
    strcpy(t.name, "x");
    t.c = DEMO_COLOUR_RED;
    demo_call_tags(&t, &copy, lens);
    last_call(line, sizeof line);
    expect_line(line, "demo.tags(t={name=\"x\", c=RED, on=false, at=[{x=0, y=0}, {x=0, y=0}]}) -> ok, "
                "copy={name=\"X\", c=RED, on=true, at=[{x=0, y=0}, {x=0, y=0}]}, lens=[1, 0, 0, 65535]",
                __LINE__);
    demo_call_nop();
    last_call(line, sizeof line);
    expect_line(line, "demo.nop() -> 7", __LINE__);
    // Malformed, unknown and foreign messages print as such.
    memset(&m, 0, sizeof m);
    m.label = IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, DEMO_OP_ECHO);
    demo_print_request(line, sizeof line, &m, "abc", 3);
    expect_line(line, "demo.echo(malformed)", __LINE__);
    m.label = IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, 99);
    demo_print_request(line, sizeof line, &m, 0, 0);
    expect_line(line, "demo.op99(?)", __LINE__);
    m.label = IPC_LABEL(5, 1, 2);
    demo_print_request(line, sizeof line, &m, 0, 0);
    expect_line(line, "demo.?(label=0x00510002)", __LINE__);
    m.label = 0;
    demo_print_reply(line, sizeof line, DEMO_OP_ECHO, &m, "abc", 3);
    expect_line(line, " -> ok, malformed", __LINE__);
    // A line is cut to the buffer, NUL included.
    m.label = IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, DEMO_OP_NOP);
    CHECK(demo_print_request(line, 8, &m, 0, 0) == 7);
    expect_line(line, "demo.no", __LINE__);
}

// The serve loop: requests get replies in one trap, kernel messages go
// to the other function, a deferred request is answered later.
static int others;

static void other(const struct ipc_msg *m)
{
    others++;
    CHECK(m->label == IPC_LABEL_NOTIFY && m->w[0] == 4);
}

static void test_serve(void)
{
    static const struct mock_in script[] = {
        { IPC_LABEL_NOTIFY, 0, { 4 }, 0, 0 },
        { IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, DEMO_OP_NOP), 5, { 0 }, 0, 0 },
        { IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, DEMO_OP_ECHO), 6, { 1 }, "ab", 2 },
        { IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, DEMO_OP_WAIT), 7, { 1 }, 0, 0 },
        { IPC_LABEL(DEMO_IFACE_ID, 1, DEMO_OP_NOP), 8, { 0 }, 0, 0 },
        { IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, DEMO_OP_POKE), 9, { 5 }, 0, 0 },
        { IPC_LABEL(DEMO_IFACE_ID, DEMO_VERSION, DEMO_OP_ECHO), 10, { 2 }, "ab", 3 },
    };

    mock_script(script, sizeof script / sizeof script[0]);
    if (setjmp(mock_script_end) == 0)
        demo_serve(other);
    CHECK(others == 1);
    CHECK(mock_nsent == 6);
    CHECK(mock_sent[0].client == 5 && mock_sent[0].label == 7);
    CHECK(mock_sent[1].client == 6 && mock_sent[1].label == (uint32_t)E_BADMSG);
    CHECK(mock_sent[2].client == 8 && mock_sent[2].label == (uint32_t)E_VERSION);
    // poke answered the deferred wait of 7 first, then its own caller 9
    CHECK(mock_sent[3].client == 7 && mock_sent[3].label == 0 && mock_sent[3].w[0] == 5);
    CHECK(mock_sent[4].client == 9 && mock_sent[4].label == 0 && mock_sent[4].w[0] == 1);
    CHECK(mock_sent[5].client == 10 && mock_sent[5].label == 0 && mock_sent[5].len == 3);
    CHECK(memcmp(mock_sent[5].bytes, "ba", 3) == 0);
}
#endif

int main(void)
{
#ifndef DIRECT
    mock_bind(DEMO_ENDPOINT, demo_dispatch);
#endif
    test_ints();
    test_echo();
    test_xor();
    test_move();
    test_tags();
    test_join();
    test_many();
    test_deferred();
    test_nop();
    test_split();
    test_arrays();
    test_names();
    test_once();
#ifndef DIRECT
    test_restart();
    test_once_retried();
    test_bad_requests();
    test_transport();
    test_bad_replies();
    test_result_rules();
    test_printer();
    test_serve();
#endif
    printf("%s: %d checks, %d failed\n", MODE, checks, failures);
    return failures != 0;
}
