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
// Group commit, as xv6 does it: a transaction may hold several
// operations, and commits when the last one ends.  The server runs one
// request at a time, so the operations of a group follow each other: the
// front-end opens a group (fs_group_begin) when requests are waiting,
// serves them while fs_group_room() says another operation fits,
// holding their answers, and ends the group (fs_group_end), which
// commits all of them with one pair of flushes; only then are the
// answers sent.  Outside a group each end_op() commits at once.  The
// budget: an operation may change at most MAXOPBLOCKS blocks (file.c
// splits large writes to stay within it), a group at most GROUPBLOCKS,
// which leaves the block cache room for the operation running.
#include "fs_rt.h"
#include "defs.h"
#include "buf.h"

#define GROUPBLOCKS (2 * MAXOPBLOCKS)
_Static_assert(GROUPBLOCKS <= LOGSIZE - 1 && GROUPBLOCKS + MAXOPBLOCKS <= NBUF,
               "a group fits the log, and the cache holds it and one more operation");

static struct {
    uint32_t start;         // block number of the header
    uint32_t slots;         // log blocks after the header
    int in_op;              // between begin_op and end_op
    int grouped;            // between fs_group_begin and fs_group_end
    int op_first;           // the open operation's first block in txn_block
    uint32_t changes;       // log_write calls ever: see fs_log_changes
    struct logheader lh;    // the header on disk: every slot in use
    int txn_n;              // the open transaction's changed blocks
    uint32_t txn_block[GROUPBLOCKS];
} wal;

// The open transaction's blocks, side by side, for step 1.
static uint8_t staging[GROUPBLOCKS * BSIZE];

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

// Record that b, a held buffer, was changed by the open operation.
// Writing the same block twice in one operation uses one slot.
void
log_write(struct buf *b)
{
    int i;

    if (!wal.in_op)
        fs_panic("log_write: outside an operation");
    wal.changes++;
    for (i = 0; i < wal.txn_n; i++)
        if (wal.txn_block[i] == b->blockno)
            return;
    if (wal.txn_n - wal.op_first >= MAXOPBLOCKS)
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

// Blocks the open transaction may hold.
static uint32_t
capacity(void)
{
    return MIN((uint32_t)GROUPBLOCKS, wal.slots);
}

// In a group whose transaction has no room for one more operation, the
// group so far commits first (where xv6 would wait for the commit).  A
// request that runs several operations (a large write) may do this.
void
begin_op(void)
{
    if (wal.in_op)
        fs_panic("begin_op: an operation is already open");
    if ((uint32_t)wal.txn_n + MAXOPBLOCKS > capacity())
        commit();
    wal.in_op = 1;
    wal.op_first = wal.txn_n;
}

void
end_op(void)
{
    if (!wal.in_op)
        fs_panic("end_op: no operation is open");
    wal.in_op = 0;
    if (!wal.grouped)
        commit();
}

void
fs_group_begin(void)
{
    wal.grouped = 1;
}

// 1 if one more operation, changing up to MAXOPBLOCKS new blocks, fits
// in the open group.
int
fs_group_room(void)
{
    return (uint32_t)wal.txn_n + MAXOPBLOCKS <= capacity();
}

// Changes recorded since the server started: if a request moved it, the
// request changed the disk and its answer waits for the commit.
uint32_t
fs_log_changes(void)
{
    return wal.changes;
}

void
fs_group_end(void)
{
    wal.grouped = 0;
    commit();
}
