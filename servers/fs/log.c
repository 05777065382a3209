// The write-ahead log that makes each file-system operation atomic on
// disk, in xv6's format.  An operation runs between begin_op() and
// end_op(); instead of writing the blocks it changes, it calls
// log_write(), which only records the block number and keeps the buffer
// cached.  end_op() then commits:
//
//   1. copy every changed block into the log slots after the header;
//   2. write the header with the count and home block numbers -- the
//      commit point: from here on the operation happens even if the
//      machine stops;
//   3. install: write every changed block to its home location;
//   4. write the header again with a count of 0.
//
// The header block also carries the committing request's answer
// (answer.c), so that a retry of it is answered, not done again.
//
// At start-up, a header with a non-zero count means a crash came
// between steps 2 and 4, so log_init() repeats step 3 from the log slots
// and then step 4.  A crash before step 2 leaves the header at 0 and the
// operation simply never happened.
//
// The server runs one request at a time, so there is never more than one
// operation open and each end_op() commits right away; xv6's grouping of
// concurrent operations and its sleeping in begin_op() are not needed.
// What remains is the budget: an operation may change at most
// MAXOPBLOCKS blocks (file.c splits large writes to stay within it).
#include "fs_rt.h"
#include "defs.h"
#include "buf.h"

static struct {
    uint32_t start;         // block number of the header
    uint32_t slots;         // log blocks after the header
    int in_op;              // between begin_op and end_op
    struct logheader lh;    // the open operation's changed blocks
} wal;

static void
read_head(void)
{
    struct buf *b = bread(wal.start);

    fs_memmove(&wal.lh, b->data, sizeof(wal.lh));
    answer_get(b->data + sizeof(wal.lh));
    brelse(b);
}

static void
write_head(void)
{
    struct buf *b = bread(wal.start);

    fs_memmove(b->data, &wal.lh, sizeof(wal.lh));
    answer_put(b->data + sizeof(wal.lh));
    bwrite(b);
    brelse(b);
}

static int
head_sane(void)
{
    int i;

    if (wal.lh.n < 0 || (uint32_t)wal.lh.n > wal.slots)
        return 0;
    for (i = 0; i < wal.lh.n; i++)
        if (wal.lh.block[i] <= (int32_t)SUPERBLOCK || (uint32_t)wal.lh.block[i] >= sb.size)
            return 0;
    return 1;
}

// Redo a transaction that was committed but maybe not installed.
static void
replay(void)
{
    int i;

    for (i = 0; i < wal.lh.n; i++) {
        struct buf *slot = bread(wal.start + 1 + i);
        bwrite_to(slot, wal.lh.block[i]);
        brelse(slot);
    }
    wal.lh.n = 0;
    write_head();
}

// Set the log up from the superblock and recover.  0, or E_IO if the
// log region or its header makes no sense.
int
log_init(void)
{
    fs_memset(&wal, 0, sizeof(wal));
    if (sb.nlog < 2)
        return E_IO;
    wal.start = sb.logstart;
    wal.slots = MIN(sb.nlog - 1, (uint32_t)LOGSIZE);
    if (wal.slots < MAXOPBLOCKS)
        return E_IO;
    read_head();
    if (!head_sane())
        return E_IO;
    replay();
    return 0;
}

void
begin_op(void)
{
    if (wal.in_op)
        fs_panic("begin_op: an operation is already open");
    wal.in_op = 1;
}

// Record that b, a held buffer, was changed by the open operation.
// Writing the same block twice in one operation uses one slot.
void
log_write(struct buf *b)
{
    int i;

    if (!wal.in_op)
        fs_panic("log_write: outside an operation");
    for (i = 0; i < wal.lh.n; i++)
        if ((uint32_t)wal.lh.block[i] == b->blockno)
            return;
    if (wal.lh.n >= MAXOPBLOCKS)
        fs_panic("log_write: operation changes more than MAXOPBLOCKS blocks");
    wal.lh.block[wal.lh.n++] = b->blockno;
    bpin(b);
}

// Steps 1 to 4 of the comment at the top.
static void
commit(void)
{
    int i;

    if (wal.lh.n == 0)
        return;
    for (i = 0; i < wal.lh.n; i++) {
        struct buf *b = bread(wal.lh.block[i]);
        bwrite_to(b, wal.start + 1 + i);
        brelse(b);
    }
    answer_seal();
    write_head();
    for (i = 0; i < wal.lh.n; i++) {
        struct buf *b = bread(wal.lh.block[i]);
        bwrite(b);
        bunpin(b);
        brelse(b);
    }
    wal.lh.n = 0;
    write_head();
}

void
end_op(void)
{
    if (!wal.in_op)
        fs_panic("end_op: no operation is open");
    wal.in_op = 0;
    commit();
}
