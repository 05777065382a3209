// Each client's latest request.  The stubs number every request that
// changes something (seqno in fs.idl) and send the same number again
// when they retry after a restart.  Keeping, per client, the latest
// number, what became of that request and its answer lets the server
// answer a retry without doing the request twice.  The same record is
// where a request that must wait for a pipe waits (it is parked), to be
// answered later with the generated reply functions.
//
// A call blocks its client until the answer comes, so a client has one
// request at a time and one slot per client is enough.  The table lives
// in the state segment that outlives the server (keep.c); each slot's
// buffer for the bytes a request moves is ordinary memory.
#include "front.h"

static struct call *calls;      // NCALL slots, in the state segment

// The server may be killed between any two instructions, and the next
// one trusts a record's state: the compiler must not move the stores
// that fill a record past the one that changes its state.
static inline void kept_in_order(void)
{
    __asm__ volatile("" ::: "memory");
}

// Page-aligned, so that a read's answer of FS_MAXIO bytes, sent from
// here, lies in one page: the kernel's copy looks up a page on each side
// for every page the bytes cross (docs/mono.md).
static uint8_t bufs[NCALL][FS_MAXIO] __attribute__((aligned(PGSIZE)));
_Static_assert(FS_MAXIO == PGSIZE, "calls: each buffer is one page");
static struct call *last;       // the slot found last: requests come in runs
static uint32_t tickets;        // parked requests, numbered in order of arrival
static uint32_t seen_changes;   // fs_pipe_changes() when parked requests were last tried
static struct call *serving;    // the request call_begin began last
static uint32_t serving_logged; // fs_log_changes() then

// A request the old server died in after committing it: the answer it
// left on the disk with the commit (answer.c) becomes the recorded one.
static bool answered_on_disk(struct call *c)
{
    int32_t r;
    if (!fs_answered(c->client, c->seq, c->op, c->commit, &r))
        return false;
    if (c->op == FS_OP_OPEN || c->op == FS_OP_OPEN_AS)
        call_answer(c, r < 0 ? r : 0, r, 0);
    else
        call_answer(c, r, 0, 0);
    return true;
}

// Whether op gives the client new descriptors.
static bool makes_fds(uint16_t op)
{
    return op == FS_OP_OPEN || op == FS_OP_OPEN_AS || op == FS_OP_DUP || op == FS_OP_PIPE;
}

_Static_assert(FS_NOFILE <= 32, "a client's descriptors fit a word, a bit each");

// The client's open descriptors, a bit each.
static uint32_t open_fds(uint32_t client)
{
    uint32_t mask = 0;
    for (int fd = 0; fd < FS_NOFILE; fd++)
        if (fs_isopen(client, fd))
            mask |= 1u << fd;
    return mask;
}

// A request that makes descriptors and that the old server died in,
// uncommitted: the descriptors it had made are in the kept tables, but
// the client never heard of them, and its retry makes them again.  Close
// them (the ones open now that were not when it began), or each such
// restart would leave the client one descriptor short for good.
static void undo_fds(struct call *c)
{
    uint32_t made = open_fds(c->client) & ~c->done;
    for (int fd = 0; fd < FS_NOFILE; fd++)
        if (made & (1u << fd))
            fs_close(c->client, fd);
}

// A read or write of a pipe is about to move bytes through it.  The
// pipe's count and c->done are noted first, so that a server killed in
// the middle leaves the next one able to put the pipe and the record in
// step (pipe_mend): the pipe's counter and the record's are two words,
// and a kill may come between their stores.  Not a pipe: nothing to do.
void call_pipe_begin(struct call *c, bool for_write)
{
    uint32_t count;
    if (fs_pipe_count(c->client, c->fd, for_write, &count) < 0)
        return;
    c->pipe_count = count;
    c->done_before = c->done;
    kept_in_order();
    c->in_pipe = for_write ? PIPE_WRITING : PIPE_READING;
}

void call_pipe_end(struct call *c)
{
    kept_in_order();
    c->in_pipe = PIPE_IDLE;
}

// The old server died moving bytes through a pipe for c.  A write: the
// bytes the pipe counted since are written, whether or not c->done had
// been told (else the retry would write them twice).  A read not yet
// answered: its bytes went nowhere the client can see, so the pipe
// gives them back (else they would be lost).
static void pipe_mend(struct call *c)
{
    uint32_t count;
    if (c->in_pipe == PIPE_WRITING && fs_pipe_count(c->client, c->fd, 1, &count) == 0)
        c->done = c->done_before + (count - c->pipe_count);
    if (c->in_pipe == PIPE_READING && c->state != CALL_ANSWERED)
        fs_pipe_unread(c->client, c->fd, c->pipe_count);
    c->in_pipe = PIPE_IDLE;
}

// A new server's table.  After a restart, nobody waits for an answer the
// old server owed: those clients got E_RESTART and will send the same
// request again.  A request that was committed gets its answer from the
// disk; the others become unfinished ones: the descriptors an open, dup
// or pipe had made are closed again, and a read or write of a
// file the old server died in goes back to the offset it started at;
// the retry then does it again from there, exactly once.  So a file
// write also forgets how many bytes it had written: those bytes may
// never have been committed (group commit holds them until the group
// ends), and a retry that went on from there would answer for bytes
// that are not on the disk.  A pipe write (no offset) goes on where it
// was: what it put in the pipe is in the kept pipe buffer.
void calls_attach(struct call *table, bool resumed)
{
    calls = table;
    last = 0;
    serving = 0;
    if (!resumed)
        return;
    for (struct call *c = calls; c < calls + NCALL; c++) {
        if (c->in_pipe != PIPE_IDLE)
            pipe_mend(c);
        if (c->state == CALL_PARKED)
            c->state = CALL_RUNNING;
        if (c->state == CALL_RUNNING && answered_on_disk(c))
            continue;
        if (c->state == CALL_RUNNING && makes_fds(c->op))
            undo_fds(c);
        if (c->state == CALL_RUNNING && c->off >= 0) {
            fs_set_offset(c->client, c->fd, c->off);
            c->done = 0;
        }
    }
}

// The slot's buffer: a read's answer is made and sent from it, a parked
// write's bytes wait in it.
uint8_t *call_buf(struct call *c)
{
    return bufs[c - calls];
}

static struct call *call_find(uint32_t client)
{
    if (last && last->client == client)
        return last;
    for (struct call *c = calls; c < calls + NCALL; c++)
        if (c->client == client)
            return last = c;
    return 0;
}

static bool task_alive(uint32_t task)
{
    struct task_info info;
    return sys_task_info(task, &info) == 0;
}

// A free slot, or else one whose client has died without proc telling
// (fs.exit); 0 if every slot belongs to a live client.
static struct call *call_free_slot(void)
{
    struct call *c;
    for (c = calls; c < calls + NCALL; c++)
        if (c->client == 0)
            return c;
    for (c = calls; c < calls + NCALL; c++)
        if (!task_alive(c->client))
            return c;
    return 0;
}

// The client's slot, made if it is new; 0 if the table is full.
struct call *call_get(uint32_t client)
{
    struct call *c = call_find(client);
    if (c)
        return c;
    if (!(c = call_free_slot()))
        return 0;
    memset(c, 0, sizeof(*c));
    c->client = client;
    c->off = -1;
    return last = c;
}

// Start serving request seq of op.  *repeat says the request was already
// answered: the caller sends that answer again.  A request the previous
// server died in (or parked) carries on where it was.  0 if the table is
// full: the handler then refuses with E_NOMEM, like the core's tables.
struct call *call_begin(uint32_t client, uint32_t seq, uint16_t op, bool *repeat)
{
    struct call *c = call_get(client);
    *repeat = false;
    if (!c)
        return 0;
    bool same = seq != 0 && c->seq == seq && c->op == op;
    if (same && c->state == CALL_ANSWERED) {
        *repeat = true;
        return c;
    }
    if (!same || c->state != CALL_RUNNING) {
        // Not answered while it changes hands: with the new seq and the
        // old request's answer, a retry would get that answer.
        c->state = CALL_FREE;
        kept_in_order();
        c->seq = seq;
        c->op = op;
        c->done = makes_fds(op) ? open_fds(client) : 0;
        c->in_pipe = PIPE_IDLE;
        c->off = -1;
        c->commit = fs_commits();
        kept_in_order();
    }
    c->state = CALL_RUNNING;
    serving = c;
    serving_logged = fs_log_changes();
    fs_answer_key(client, seq, op);
    return c;
}

// Record the answer (before it is sent: a restart after this point
// repeats the answer, not the request).  Returns result.
//
// Group commit (main.c): the answer of a request whose changes the log
// holds uncommitted is not an answer yet.  Until the commit
// (call_committed), the record says the request is running, so that a
// restart in between has the retry do it again.  That is decided here,
// in the one store that changes the state: marked answered first and
// held back after, a kill in between had the retry answered for a
// change the disk never got (a link answered 0 and not made).
int call_answer(struct call *c, int result, uint32_t out0, uint32_t out1)
{
    bool held = c == serving && fs_log_changes() != serving_logged;
    c->result = result;
    c->out[0] = out0;
    c->out[1] = out1;
    kept_in_order();
    c->state = held ? CALL_RUNNING : CALL_ANSWERED;
    fs_answer_key(0, 0, 0);     // later commits belong to no request of c's
    return result;
}

void call_committed(struct call *c)
{
    if (c->state == CALL_RUNNING)
        c->state = CALL_ANSWERED;
}

int call_park(struct call *c, int fd, bool for_write)
{
    c->fd = fd;
    c->for_write = for_write;
    c->ticket = ++tickets;
    c->state = CALL_PARKED;
    return IDL_DEFER;
}

// The parked request that came first among those that came after ticket.
static struct call *parked_after(uint32_t ticket)
{
    struct call *best = 0;
    for (struct call *c = calls; c < calls + NCALL; c++)
        if (c->state == CALL_PARKED && c->ticket > ticket && (!best || c->ticket < best->ticket))
            best = c;
    return best;
}

// After each request: if any pipe changed, give each parked request that
// can now go on its turn, oldest first.  One that goes on may free
// another (a writer fills what a reader waits for), so go round again
// until the pipes stay as they are.  A parked request whose client has
// died is dropped, so it cannot take bytes meant for someone else.
void calls_kick(void)
{
    while (fs_pipe_changes() != seen_changes) {
        seen_changes = fs_pipe_changes();
        for (struct call *c = parked_after(0); c; c = parked_after(c->ticket)) {
            if (fs_ready(c->client, c->fd, c->for_write) == 0)
                continue;
            if (task_alive(c->client))
                resume_parked(c);
            else
                c->state = CALL_FREE;
        }
    }
}

// proc reports that client has ended: forget its slot, and with it any
// request of it still parked (nobody is left to answer).
void calls_drop(uint32_t client)
{
    struct call *c = call_find(client);
    if (c)
        memset(c, 0, sizeof(*c));
}
