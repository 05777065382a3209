// Readers waiting for input.  A read that finds no complete input is not
// answered: its handler returns IDL_DEFER and the client stays blocked
// in its call, queued here.  When input is completed (line.c), the
// oldest reader gets it through the generated deferred reply,
// console_reply_read(), then the next, while input lasts.  So readers
// are served in the order they asked, each with whole lines.
//
// The queue is not kept across a restart and need not be: the kernel
// answers every caller whose request the dead server held with
// E_RESTART, and the client stubs send the read again to the new copy.
#include "console.h"

// A client has one call outstanding at most, and the kernel has 256
// task slots (ukernel/param.h).  But a read stays queued after its
// caller gave up (its call timed out) or ended, until input comes: so a
// new read from a task takes the place of its old one, and a full queue
// drops the reads of tasks that have ended.  Then it cannot overflow; it
// is checked all the same, with the one error console.idl lists for read.
#define NREADER 256

struct reader {
    uint32_t task;
    uint32_t cap;               // bytes the client can take
    enum console_mode mode;
};

static struct reader queue[NREADER];
static uint32_t head, count;    // queue[head] is the oldest of count
static enum console_mode mode_now = CONSOLE_MODE_COOKED;
static uint8_t reply_bytes[CONSOLE_MAXIO];

// Keep the queued readers for which keep(reader, task) says so, in order.
static void readers_keep(bool (*keep)(const struct reader *q, uint32_t task), uint32_t task)
{
    uint32_t kept = 0;
    for (uint32_t i = 0; i < count; i++) {
        struct reader q = queue[(head + i) % NREADER];
        if (keep(&q, task))
            queue[(head + kept++) % NREADER] = q;
    }
    count = kept;
}

static bool not_of(const struct reader *q, uint32_t task)
{
    return q->task != task;
}

static bool of_a_live_task(const struct reader *q, uint32_t unused)
{
    struct task_info info;
    (void)unused;
    return sys_task_info(q->task, &info) != E_NOTASK;
}

int readers_add(uint32_t task, uint32_t cap, enum console_mode mode)
{
    readers_keep(not_of, task);
    if (count == NREADER)
        readers_keep(of_a_live_task, 0);
    if (count == NREADER)
        return E_IO;
    struct reader *q = &queue[(head + count) % NREADER];
    q->task = task;
    q->cap = cap;
    q->mode = mode;
    count++;
    return 0;
}

// Input is edited (or not) for the program that reads it, and that is
// the one that asked to read last: the shell between commands, an
// editor while it runs.  Readers of different modes at the same moment
// share one setting.
enum console_mode input_mode(void)
{
    return mode_now;
}

void input_mode_set(enum console_mode mode)
{
    mode_now = mode;
}

// Answer waiting readers while there is input.  r moves before the reply
// goes out: if the server dies in between, that input is lost rather
// than handed out twice (a command line run twice is worse than one
// typed again).  A reply that fails (the reader died or gave a buffer
// the kernel refused) leaves the input for the next reader.
void readers_wake(void)
{
    while (count && line_ready()) {
        struct reader q = queue[head];
        head = (head + 1) % NREADER;
        count--;
        uint32_t r = state->r;
        uint32_t n = line_take(reply_bytes, q.cap, q.mode);
        if (console_reply_read(q.task, (int)n, reply_bytes, n) < 0)
            state->r = r;
    }
}
