// The block cache: a fixed set of buffers over the block device, reused
// least-recently-used first.  It keeps one copy of each cached block, so
// what one operation changed the next one reads, and it holds the blocks
// an operation modified until the log commits them (log.c pins them).
// A committed block is written home late: the log marks its buffer
// dirty, and the cache writes it when it reuses the buffer or when the
// log empties (bsync), once however many transactions changed it.
//
// The device interface is the embedding's blkdev_* functions.  A
// device error is fatal: the server cannot answer truthfully without
// its disk, and the log makes a restart safe.
#include "fs_rt.h"
#include "defs.h"
#include "buf.h"

static struct {
    struct buf buf[NBUF];
    struct buf lru;         // list head: next is most recent, prev least
} bcache;

// Neighbouring blocks side by side, for one device command: a
// read-ahead's, or a run of dirty blocks going home.  A read-ahead may
// reuse a dirty buffer, but one buffer goes home from its own data, so
// the run being read in stays untouched.
static uint8_t run[RUNBLOCKS * BSIZE];

static void
lru_remove(struct buf *b)
{
    b->prev->next = b->next;
    b->next->prev = b->prev;
}

static void
lru_push_front(struct buf *b)
{
    b->next = bcache.lru.next;
    b->prev = &bcache.lru;
    bcache.lru.next->prev = b;
    bcache.lru.next = b;
}

// Forget every cached block.
void
binit(void)
{
    struct buf *b;

    fs_memset(&bcache, 0, sizeof(bcache));
    bcache.lru.next = bcache.lru.prev = &bcache.lru;
    for (b = bcache.buf; b < bcache.buf + NBUF; b++)
        lru_push_front(b);
}

static struct buf *
bcached(uint32_t blockno)
{
    struct buf *b;

    for (b = bcache.lru.next; b != &bcache.lru; b = b->next)
        if (b->valid && b->blockno == blockno)
            return b;
    return 0;
}

// A held buffer with blockno's contents if the cache has them, else 0.
struct buf *
bread_cached(uint32_t blockno)
{
    struct buf *b = bcached(blockno);

    if (b)
        b->refcnt++;
    return b;
}

// Write k dirty buffers of neighbouring blocks home, as one device
// command.
static void
write_home(struct buf **b, int k)
{
    int j;

    if (k == 1) {
        bwrite(b[0]);
    } else {
        for (j = 0; j < k; j++)
            fs_memmove(run + j * BSIZE, b[j]->data, BSIZE);
        if (blkdev_write_run(b[0]->blockno, k, run) < 0)
            fs_panic("write_home: block device write failed");
    }
    for (j = 0; j < k; j++)
        b[j]->dirty = 0;
}

// The buffer to reuse: the least recently used one nobody holds, written
// home first if it is dirty.
static struct buf *
victim(void)
{
    struct buf *b;

    for (b = bcache.lru.prev; b != &bcache.lru; b = b->prev) {
        if (b->refcnt != 0)
            continue;
        if (b->dirty)
            write_home(&b, 1);
        return b;
    }
    // Callers hold at most a few buffers and the log pins at most
    // GROUPBLOCKS + MAXOPBLOCKS, no more than NBUF.
    fs_panic("bget: every buffer is held");
}

// A held buffer for blockno: the cached one, or a reused one, not yet
// filled.
static struct buf *
bget(uint32_t blockno)
{
    struct buf *b = bread_cached(blockno);

    if (b)
        return b;
    b = victim();
    b->blockno = blockno;
    b->valid = 0;
    b->refcnt = 1;
    return b;
}

// A held buffer with the contents of blockno.
struct buf *
bread(uint32_t blockno)
{
    struct buf *b = bget(blockno);

    if (!b->valid) {
        if (blkdev_read(blockno, b->data) < 0)
            fs_panic("bread: block device read failed");
        b->valid = 1;
    }
    return b;
}

// A held buffer for blockno filled with zeros, without reading the
// device: for a block whose old contents do not matter, one just
// allocated.
struct buf *
bread_zeroed(uint32_t blockno)
{
    struct buf *b = bget(blockno);

    fs_memset(b->data, 0, BSIZE);
    b->valid = 1;
    return b;
}

// Whether blockno's contents are in the cache.
int
bcached_block(uint32_t blockno)
{
    return bcached(blockno) != 0;
}

// Bring blocks blockno..blockno+n-1, none of them cached, into the cache
// with one device command: a file read's read-ahead (readi), which then
// finds its next blocks here instead of asking the disk for each.
void
bread_ahead(uint32_t blockno, uint32_t n)
{
    struct buf *held[RUNBLOCKS];
    uint32_t i, idle = 0;

    // Read-ahead is a guess: it takes only buffers nobody holds, and
    // never so many that bget could run out.
    for (i = 0; i < NBUF; i++)
        idle += bcache.buf[i].refcnt == 0;
    n = MIN(n, idle);
    if (n < 2 || n > RUNBLOCKS)
        return;
    // A failed read-ahead costs nothing but the log line: bread asks for
    // the block it needs alone, and only that failure is fatal.
    if (blkdev_read_run(blockno, n, run) < 0)
        return;
    for (i = 0; i < n; i++) {
        held[i] = bget(blockno + i);
        if (held[i]->valid)
            fs_panic("bread_ahead: block already cached");
        fs_memmove(held[i]->data, run + i * BSIZE, BSIZE);
        held[i]->valid = 1;
    }
    for (i = n; i > 0; i--)
        brelse(held[i - 1]);
}

// Write a held buffer to its block on the device.
void
bwrite(struct buf *b)
{
    if (blkdev_write(b->blockno, b->data) < 0)
        fs_panic("bwrite: block device write failed");
}

// Drop the cached copy of a block the device is about to get other
// contents for.
static void
forget(uint32_t blockno)
{
    struct buf *stale = bcached(blockno);

    if (!stale)
        return;
    if (stale->refcnt != 0)
        fs_panic("bwrite: target block is held");
    stale->valid = 0;
    stale->dirty = 0;
}

// Write a held buffer's contents to another block (the log copies
// blocks to and from its slots this way).  A cached copy of that block
// is now stale, so it is dropped.
void
bwrite_to(struct buf *b, uint32_t blockno)
{
    forget(blockno);
    if (blkdev_write(blockno, b->data) < 0)
        fs_panic("bwrite_to: block device write failed");
}

// Write n blocks from data to the blocks from blockno on, in as few
// device commands as the embedding can (the log writes its slots so).
// Cached copies of those blocks are now stale and are dropped.
void
bwrite_run(uint32_t blockno, uint32_t n, const void *data)
{
    uint32_t i;

    for (i = 0; i < n; i++)
        forget(blockno + i);
    if (blkdev_write_run(blockno, n, data) < 0)
        fs_panic("bwrite_run: block device write failed");
}

// Wait until every write so far is on the medium, not only in the
// drive's cache: the log's ordering barrier.
void
bflush(void)
{
    if (blkdev_flush() < 0)
        fs_panic("bflush: block device flush failed");
}

// Let go of a buffer; the last holder makes it the most recently used.
void
brelse(struct buf *b)
{
    if (b->refcnt <= 0)
        fs_panic("brelse: buffer not held");
    b->refcnt--;
    if (b->refcnt == 0) {
        lru_remove(b);
        lru_push_front(b);
    }
}

// Keep a buffer cached until the log has committed it.
void
bpin(struct buf *b)
{
    b->refcnt++;
}

void
bunpin(struct buf *b)
{
    brelse(b);
}

// A held buffer the log has committed: it goes home later.
void
bdirty(struct buf *b)
{
    b->dirty = 1;
}

// The dirty buffers, in block order.
static int
dirty_sorted(struct buf **out)
{
    int i, j, n = 0;

    for (i = 0; i < NBUF; i++) {
        struct buf *b = &bcache.buf[i];
        if (!b->dirty)
            continue;
        for (j = n; j > 0 && out[j - 1]->blockno > b->blockno; j--)
            out[j] = out[j - 1];
        out[j] = b;
        n++;
    }
    return n;
}

// Write every dirty buffer home, neighbours up to RUNBLOCKS together.
void
bsync(void)
{
    struct buf *dirty[NBUF];
    int i, k, n = dirty_sorted(dirty);

    for (i = 0; i < n; i += k) {
        k = 1;
        while (i + k < n && k < RUNBLOCKS && dirty[i + k]->blockno == dirty[i]->blockno + k)
            k++;
        write_home(dirty + i, k);
    }
}
