// The write-ahead log that makes each file-system operation atomic on
// disk, in xv6's format: a header block (a count n and n home block
// numbers) followed by slots, slot i holding the copy of block[i].  An
// operation runs between begin_op() and end_op(); instead of writing
// the blocks it changes, it calls log_write(), which only records the
// block number and keeps the buffer cached.  end_op() then commits.
//
// The disk has a volatile write cache that may put writes on the medium
// in any order, so the order the protocol needs is made with flushes
// (blkdev_flush, the drive's FLUSH CACHE), and there are as few as the
// protocol allows.  A commit is:
//
//   1. write the transaction's blocks into the free slots after those
//      already in use, as one run (a few device commands, not one per
//      block), and the header naming every slot in use, with a checksum
//      of this transaction's slots;
//   2. FLUSH: the commit point.  Once it returns, slots and header are
//      on the medium: the client may be answered, and home blocks may
//      be overwritten (they are written after the flush, so they cannot
//      reach the medium before it);
//   3. leave the blocks cached, marked dirty: the cache writes each one
//      home (installs it) later, when it reuses the buffer or at the
//      next checkpoint.  A committed block may go home any time after
//      the flush, and no flush follows: the header still names its
//      slot, so a crash replays it.
//
// One flush per transaction.  Step 1 needs no barrier between slots and
// header: if the machine stops before the flush, the medium may hold the
// new header without all of its slots, but then the checksum of the last
// transaction does not match and recovery leaves it out -- it never
// committed, and its client was never answered.  The transactions before
// it are intact: their slots are not written again until a checkpoint.
//
// The header is not cleared after a commit: the next transaction takes
// the slots after this one's and its header names both, so the log
// fills up over several transactions.  Replaying the older ones again is
// harmless (the same bytes to the same blocks, in commit order).  Only
// when the log might not hold one more operation is it emptied, before
// that operation begins (checkpoint):
//
//   install every dirty block, neighbours as one run (bsync);
//   FLUSH: every install is on the medium;
//   write the header with n = 0;
//   FLUSH: the empty header is on the medium before slot 0 is
//          overwritten.  Without it, a crash could leave the old header
//          over slots partly rewritten, and replaying an older
//          transaction whose slots happen to be intact would put back
//          an old copy of a block a later one changed.
//
// The checkpoint never runs while a transaction is open: the cache then
// holds that transaction's uncommitted bytes, and installing them would
// put on the medium a change that may never commit.  So the open
// transaction is kept within the free slots (capacity), and begin_op
// commits it, then checkpoints, when one more operation might not fit.
// A block that every operation changes (a growing file's inode, the
// bitmap) thus goes home once a checkpoint, not once a transaction.
//
// So a transaction costs 1 flush, plus 2 for each checkpoint, which
// comes when fewer than MAXOPBLOCKS slots are free.  At start-up,
// log_init() replays every transaction whose checksum matches, in
// order, stopping at the first that does not, and checkpoints.  A
// crash before step 1 leaves the old header, and the transaction
// simply never happened.
//
// The header block keeps xv6's format (the count and the home block
// numbers), so xv6's recovery would still replay it; the checksums sit in
// the rest of the block, which xv6 leaves unused (struct loghead).
// tools/fsck checks them as recovery does.  After them (LOG_HEAD_BYTES
// on) come the answers of the requests the last commits carried
// (answer.c), so that a retry of one is answered, not done again.
//
// Group commit, as xv6 does it: a transaction may hold several
// operations, and commits when the last one ends.  The server runs one
// request at a time, so the operations of a group follow each other: the
// front-end opens a group (fs_group_begin) when requests are waiting,
// serves them while fs_group_room() says another operation fits,
// holding their answers, and ends the group (fs_group_end), which
// commits all of them with one flush; only then are the
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

// The header block: xv6's header, then this log's checksums.  ntxn
// transactions fill the slots; transaction t ends at slot end (the first
// starts at 0), and sum is txn_sum() of its slots.
#define LOG_SUMS_MAGIC 0x6d75736c   // "lsum": the fields after lh are valid

struct loghead {
    struct logheader lh;
    uint32_t magic;
    uint32_t ntxn;
    struct {
        uint32_t end;
        uint32_t sum;
    } txn[LOGSIZE];
};

_Static_assert(sizeof(struct loghead) <= LOG_HEAD_BYTES, "the log header with its checksums fits its part of the block");

static struct {
    uint32_t start;         // block number of the header
    uint32_t slots;         // log blocks after the header
    int in_op;              // between begin_op and end_op
    int grouped;            // between fs_group_begin and fs_group_end
    int op_first;           // the open operation's first block in txn_block
    uint32_t changes;       // log_write calls ever: see fs_log_changes
    struct loghead head;    // the header on disk: every slot in use
    int txn_n;              // the open transaction's changed blocks
    uint32_t txn_block[GROUPBLOCKS];
} wal;

// The open transaction's blocks, side by side, for step 1.
static uint8_t staging[GROUPBLOCKS * BSIZE];

static void
read_head(void)
{
    struct buf *b = bread(wal.start);

    fs_memmove(&wal.head, b->data, sizeof(wal.head));
    answer_get(b->data + LOG_HEAD_BYTES);
    brelse(b);
}

// The bytes after struct loghead are the answers of the requests
// committed last (answer.c); what lies between is left as it is, so
// that the header block after a recovery is the same as fsck --replay
// leaves it.
static void
write_head(void)
{
    struct buf *b = bread(wal.start);

    fs_memmove(b->data, &wal.head, sizeof(wal.head));
    answer_put(b->data + LOG_HEAD_BYTES);
    bwrite(b);
    brelse(b);
}

// The checksum of a transaction: 32-bit FNV-1a over each of its slots'
// home block number (4 bytes, little-endian) and contents.  It detects a
// slot that never reached the medium, not a forgery.
#define FNV_OFFSET 2166136261u
#define FNV_PRIME  16777619u

static uint32_t
sum_bytes(uint32_t h, const uint8_t *p, uint32_t n)
{
    uint32_t i;

    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * FNV_PRIME;
    return h;
}

static uint32_t
sum_slot(uint32_t h, uint32_t home, const uint8_t *data)
{
    uint8_t le[4] = { home, home >> 8, home >> 16, home >> 24 };

    return sum_bytes(sum_bytes(h, le, sizeof(le)), data, BSIZE);
}

// The header's shape: a count within the slots, home blocks on the
// disk past the superblock, and, with checksums, transactions that
// end in order at the count.
static int
head_sane(void)
{
    uint32_t i, end = 0;
    struct loghead *h = &wal.head;

    if (h->lh.n < 0 || (uint32_t)h->lh.n > wal.slots)
        return 0;
    for (i = 0; i < (uint32_t)h->lh.n; i++)
        if (h->lh.block[i] <= (int32_t)SUPERBLOCK || (uint32_t)h->lh.block[i] >= sb.size)
            return 0;
    if (h->lh.n == 0 || h->magic != LOG_SUMS_MAGIC)
        return 1;
    if (h->ntxn == 0 || h->ntxn > LOGSIZE)
        return 0;
    for (i = 0; i < h->ntxn; end = h->txn[i++].end)
        if (h->txn[i].end <= end)
            return 0;
    return end == (uint32_t)h->lh.n;
}

// How many slots hold committed transactions: all the header names, or,
// with checksums, those up to the first transaction whose slots do not
// match its sum (a commit the machine stopped in).
static uint32_t
committed_slots(void)
{
    uint32_t t, i, first = 0;
    struct loghead *h = &wal.head;

    if (h->magic != LOG_SUMS_MAGIC)
        return h->lh.n;
    for (t = 0; t < h->ntxn; first = h->txn[t++].end) {
        uint32_t sum = FNV_OFFSET;
        for (i = first; i < h->txn[t].end; i++) {
            struct buf *slot = bread(wal.start + 1 + i);
            sum = sum_slot(sum, h->lh.block[i], slot->data);
            brelse(slot);
        }
        if (sum != h->txn[t].sum)
            break;
    }
    return first;
}

// Empty the log; see "checkpoint" at the top.
static void
checkpoint(void)
{
    if (wal.txn_n != 0)
        fs_panic("checkpoint: a transaction is open");
    bsync();
    bflush();
    wal.head.lh.n = 0;
    write_head();
    bflush();
}

// Redo every committed transaction the header names, in commit order.
static void
replay(void)
{
    uint32_t i, n = committed_slots();

    for (i = 0; i < n; i++) {
        struct buf *slot = bread(wal.start + 1 + i);
        bwrite_to(slot, wal.head.lh.block[i]);
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

// Step 1: the transaction's blocks into the slots from first on, and
// the header naming them with their checksum.
static void
write_slots(uint32_t first)
{
    struct loghead *h = &wal.head;
    uint32_t i, sum = FNV_OFFSET;

    if (first == 0)
        h->ntxn = 0;
    for (i = 0; i < (uint32_t)wal.txn_n; i++) {
        struct buf *b = bread(wal.txn_block[i]);
        fs_memmove(staging + i * BSIZE, b->data, BSIZE);
        brelse(b);
        h->lh.block[first + i] = wal.txn_block[i];
        sum = sum_slot(sum, wal.txn_block[i], staging + i * BSIZE);
    }
    bwrite_run(wal.start + 1 + first, wal.txn_n, staging);
    h->lh.n = first + wal.txn_n;
    h->magic = LOG_SUMS_MAGIC;
    h->txn[h->ntxn].end = h->lh.n;
    h->txn[h->ntxn].sum = sum;
    h->ntxn++;
    answer_seal();
    write_head();
}

// Step 3: the log lets go of the buffers log_write pinned, and the
// cache writes them home later.
static void
leave_to_install(void)
{
    int i;

    for (i = 0; i < wal.txn_n; i++) {
        struct buf *b = bread(wal.txn_block[i]);
        bdirty(b);
        bunpin(b);
        brelse(b);
    }
}

// Steps 1 to 3 of the comment at the top.  The transaction fits the
// free slots: begin_op kept it within capacity().
static void
commit(void)
{
    if (wal.txn_n == 0)
        return;
    write_slots(wal.head.lh.n);
    bflush();
    leave_to_install();
    wal.txn_n = 0;
}

// Blocks the open transaction may hold: a group's worth, and no more
// than the free slots.
static uint32_t
capacity(void)
{
    return MIN((uint32_t)GROUPBLOCKS, wal.slots - (uint32_t)wal.head.lh.n);
}

// An operation may change MAXOPBLOCKS blocks.  If that might not fit the
// open transaction, the transaction so far commits first (where xv6
// would wait for the commit); if it might not fit the free slots then,
// the log empties.  A request that runs several operations (a large
// write) may do this in a group.
void
begin_op(void)
{
    if (wal.in_op)
        fs_panic("begin_op: an operation is already open");
    if ((uint32_t)wal.txn_n + MAXOPBLOCKS > capacity()) {
        commit();
        if (MAXOPBLOCKS > capacity())
            checkpoint();
    }
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
    answer_clear();
}

// 1 if one more operation, changing up to MAXOPBLOCKS new blocks, fits
// in the open group.
int
fs_group_room(void)
{
    return (uint32_t)wal.txn_n + MAXOPBLOCKS <= capacity() && answer_room();
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
