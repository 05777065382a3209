// The answers of committed requests, kept on the disk with the commit,
// so that a request whose effects a dying server had committed is
// answered, when its client retries, with the result it had -- not
// carried out again (an unlink done twice answers E_NOENT, a mkdir
// E_EXIST).
//
// The front end names the request it is about to run (fs_answer_key:
// client, sequence number, operation); an operation that knows its
// result before its end_op says so (answer_result), which adds the
// request to the open transaction's answers.  The log writes the table
// into its header block, behind the header and its checksums
// (answer_put), so the header write of a commit carries the answers of
// the requests it commits.  A group commit holds several requests'
// answers (main.c answers them only after the commit), so the table
// keeps every answer sealed since the group began: a commit forced in
// the middle of a group does not drop those of the requests before.
// Commits are numbered, so an answer older than a request is never taken
// for that request's.
//
// After a server restart the disk cache of the drive still holds what
// the old server wrote, so the header read back is the one it wrote.  A
// power cut between the header's write and the flush may leave a header
// whose transaction recovery drops; its answers are then wrong, but a
// power cut also loses every client, so nobody retries.
#include "fs_rt.h"
#include "defs.h"

#define ANSWER_MAGIC 0x616e7377u     // "answ"; mkfs leaves zeros
#define NANSWER 8                    // a group's requests (main.c GROUP)

struct answer {
    uint32_t client;
    uint32_t seq;
    uint16_t op;
    int16_t result;         // errors, 0, or a descriptor: all small
    uint32_t commit;        // the commit that sealed it
};

struct answer_table {
    uint32_t magic;
    uint32_t commit;        // the last commit's number; from 1
    uint32_t n;
    struct answer a[NANSWER];
};

_Static_assert(sizeof(struct answer) == 16, "an answer is 16 bytes");
_Static_assert(LOG_HEAD_BYTES + sizeof(struct answer_table) <= BSIZE,
               "the answers fit the log header block");

static struct answer_table sealed;      // as on the disk
static struct answer pending[NANSWER];  // the open transaction's
static int npending;
static struct answer key;               // the request running now

void
fs_answer_key(uint32_t client, uint32_t seq, uint32_t op)
{
    key.client = client;
    key.seq = seq;
    key.op = op;
}

// The running request's result, known before its end_op.
void
answer_result(int result)
{
    if (key.client == 0 || npending == NANSWER)
        return;
    pending[npending] = key;
    pending[npending].result = result;
    npending++;
}

// Room for one more request's answer in the open group.
int
answer_room(void)
{
    return sealed.n + npending < NANSWER;
}

// A group begins: the answers sealed before were all sent.
void
answer_clear(void)
{
    sealed.n = 0;
}

// The log is about to write a commit's header: the open transaction's
// answers join the table, numbered with this commit.
void
answer_seal(void)
{
    sealed.magic = ANSWER_MAGIC;
    sealed.commit++;
    for (int i = 0; i < npending && sealed.n < NANSWER; i++) {
        sealed.a[sealed.n] = pending[i];
        sealed.a[sealed.n].commit = sealed.commit;
        sealed.n++;
    }
    npending = 0;
}

// The log header block's bytes after the header proper: fill or read.
void
answer_put(uint8_t *tail)
{
    fs_memmove(tail, &sealed, sizeof(sealed));
}

void
answer_get(const uint8_t *tail)
{
    fs_memmove(&sealed, tail, sizeof(sealed));
    if (sealed.magic != ANSWER_MAGIC || sealed.n > NANSWER)
        fs_memset(&sealed, 0, sizeof(sealed));
    npending = 0;
    fs_answer_key(0, 0, 0);
}

uint32_t
fs_commits(void)
{
    return sealed.commit;
}

// 1 and *result if request (client, seq, op), begun when fs_commits()
// was since, has been committed with its result.
int
fs_answered(uint32_t client, uint32_t seq, uint32_t op, uint32_t since, int32_t *result)
{
    for (uint32_t i = 0; i < sealed.n; i++) {
        const struct answer *a = &sealed.a[i];
        if (a->client == client && a->seq == seq && a->op == op && (int32_t)(a->commit - since) > 0) {
            *result = a->result;
            return 1;
        }
    }
    return 0;
}
