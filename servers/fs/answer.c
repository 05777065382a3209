// The answer each committed operation leaves on the disk, so that a
// request whose effects a dying server had committed is answered, when
// its client retries, with the result it had -- not carried out again
// (an unlink done twice answers E_NOENT, a mkdir E_EXIST).
//
// The front end names the request it is about to run (fs_answer_key:
// client, sequence number, operation); an operation that knows its
// result before it commits says so (answer_result).  The record rides in
// the log header block, behind the header proper, so the single write
// that is the commit point carries the operation and its answer
// together: both are on the disk or neither is.  xv6 reads only the
// header proper, so the format stays xv6's.  Install writes the header
// again with a count of 0 and the same record, which stays until the
// next commit.  Commits are numbered, so a record older than a request
// is never taken for that request's answer.
#include "fs_rt.h"
#include "defs.h"

#define ANSWER_MAGIC 0x616e7377u     // "answ"; mkfs leaves zeros

struct answer_record {
    uint32_t magic;
    uint32_t commit;        // the commit that wrote it; numbered from 1
    uint32_t client;        // the request: client, seq, op (fs_answer_key)
    uint32_t seq;
    uint32_t op;
    uint32_t has_result;    // 1 if the operation said its result
    int32_t result;
};

_Static_assert(sizeof(struct logheader) + sizeof(struct answer_record) <= BSIZE,
               "the answer fits the log header block");

static struct answer_record pending;    // the request running now
static struct answer_record last;       // on the disk: the last commit's

void
fs_answer_key(uint32_t client, uint32_t seq, uint32_t op)
{
    pending.client = client;
    pending.seq = seq;
    pending.op = op;
    pending.has_result = 0;
    pending.result = 0;
}

// The running operation's result, known before its end_op commits.
void
answer_result(int result)
{
    pending.has_result = 1;
    pending.result = result;
}

// The log is about to write a commit point: the running request's
// record goes with it, numbered after the one before.
void
answer_seal(void)
{
    uint32_t commit = last.commit + 1;

    last = pending;
    last.magic = ANSWER_MAGIC;
    last.commit = commit;
}

// The log header block's bytes after the header proper: fill or read.
void
answer_put(uint8_t *tail)
{
    fs_memmove(tail, &last, sizeof(last));
}

void
answer_get(const uint8_t *tail)
{
    fs_memmove(&last, tail, sizeof(last));
    if (last.magic != ANSWER_MAGIC)
        fs_memset(&last, 0, sizeof(last));
    fs_answer_key(0, 0, 0);
}

uint32_t
fs_commits(void)
{
    return last.commit;
}

// 1 and *result if request (client, seq, op), begun when fs_commits()
// was since, has been committed with its result.
int
fs_answered(uint32_t client, uint32_t seq, uint32_t op, uint32_t since, int32_t *result)
{
    if (!last.has_result || last.client != client || last.seq != seq || last.op != op ||
        (int32_t)(last.commit - since) <= 0)
        return 0;
    *result = last.result;
    return 1;
}
