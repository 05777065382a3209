// The write-ahead log that makes each file-system operation atomic on
// disk, in xv6's format: a header block (a count n and n home block
// numbers) followed by slots, slot i holding the copy of block[i].  An
// operation runs between begin_op() and end_op(); instead of writing
// the blocks it changes, it calls log_write(), which only records the
// block number and keeps the buffer cached.  end_op() then commits.
//
// The disk has a volatile write cache that may put writes on the medium
// in any order, so the order the protocol needs is made with flushes
// (blkdev_flush, the drive's FLUSH CACHE).  A commit is:
//
//   1. write the transaction's blocks into the free slots after those
//      already in use, as one run (a few device commands, not one per
//      block);
//   2. FLUSH: the slots must be on the medium before a header that
//      names them, or a crash could replay garbage;
//   3. write the header, naming every slot in use -- the commit point;
//   4. FLUSH: the commit is durable, so the client may be answered, and
//      the header is on the medium before any home block is overwritten,
//      or a crash could leave half a transaction installed and no log to
//      finish it;
//   5. install: write each block to its home location.  No flush: the
//      header still names these slots, so a crash replays them.
//
// That is two flushes per transaction.  The install needs no barrier of
// its own because the header is not cleared after it: the next
// transaction takes the slots after this one's and its header names
// both, so the log fills up over several transactions.  Replaying the
// older ones again is harmless (the same bytes to the same blocks, in
// commit order).  Only when a transaction does not fit in the free
// slots is the log emptied (checkpoint):
//
//   FLUSH: every install is on the medium (each is covered by the
//          flushes of the commits after it, except the last one's);
//   write the header with n = 0;
//   FLUSH: the empty header is on the medium before slot 0 is
//          overwritten, or a crash could replay the old header over
//          new slot contents.
//
// So a transaction costs 2 flushes, plus 2 for each checkpoint, which
// comes once every LOGSIZE slots.  At start-up, log_init() replays
// whatever the header names and checkpoints.  A crash before step 3
// leaves the old header, and the transaction simply never happened.
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
    struct logheader lh;    // the header on disk: every slot in use
    int txn_n;              // the open transaction's changed blocks
    uint32_t txn_block[MAXOPBLOCKS];
} wal;

// The open transaction's blocks, side by side, for step 1.
static uint8_t staging[MAXOPBLOCKS * BSIZE];

static void
read_head(void)
{
    struct buf *b = bread(wal.start);

    fs_memmove(&wal.lh, b->data, sizeof(wal.lh));
    brelse(b);
}

static void
write_head(void)
{
    struct buf *b = bread(wal.start);

    fs_memset(b->data, 0, BSIZE);
    fs_memmove(b->data, &wal.lh, sizeof(wal.lh));
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

// Empty the log; see "checkpoint" at the top.
static void
checkpoint(void)
{
    bflush();
    wal.lh.n = 0;
    write_head();
    bflush();
}

// Redo every transaction the header names, in commit order.
static void
replay(void)
{
    int i;

    for (i = 0; i < wal.lh.n; i++) {
        struct buf *slot = bread(wal.start + 1 + i);
        bwrite_to(slot, wal.lh.block[i]);
        brelse(slot);
    }
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
    checkpoint();
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
    for (i = 0; i < wal.txn_n; i++)
        if (wal.txn_block[i] == b->blockno)
            return;
    if (wal.txn_n >= MAXOPBLOCKS)
        fs_panic("log_write: operation changes more than MAXOPBLOCKS blocks");
    wal.txn_block[wal.txn_n++] = b->blockno;
    bpin(b);
}

// Step 1: the transaction's blocks into the slots from first on.
static void
write_slots(int first)
{
    int i;

    for (i = 0; i < wal.txn_n; i++) {
        struct buf *b = bread(wal.txn_block[i]);
        fs_memmove(staging + i * BSIZE, b->data, BSIZE);
        brelse(b);
        wal.lh.block[first + i] = wal.txn_block[i];
    }
    bwrite_run(wal.start + 1 + first, wal.txn_n, staging);
}

// Step 5, which also lets go of the buffers log_write pinned.
static void
install(void)
{
    int i;

    for (i = 0; i < wal.txn_n; i++) {
        struct buf *b = bread(wal.txn_block[i]);
        bwrite(b);
        bunpin(b);
        brelse(b);
    }
}

// Steps 1 to 5 of the comment at the top.
static void
commit(void)
{
    int first;

    if (wal.txn_n == 0)
        return;
    if ((uint32_t)(wal.lh.n + wal.txn_n) > wal.slots)
        checkpoint();
    first = wal.lh.n;
    write_slots(first);
    bflush();
    wal.lh.n = first + wal.txn_n;
    write_head();
    bflush();
    install();
    wal.txn_n = 0;
}

void
end_op(void)
{
    if (!wal.in_op)
        fs_panic("end_op: no operation is open");
    wal.in_op = 0;
    commit();
}
