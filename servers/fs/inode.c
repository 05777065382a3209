// Inodes: allocation on disk, the in-memory cache, and reading and
// writing an inode's data through its block map.
//
// An inode is cached exactly while someone holds a reference: an open
// file, a client's working directory, or an operation in progress.
// Because the server does one request at a time there are no locks; a
// cached inode is loaded from disk when it is first referenced and
// every change goes straight back through iupdate().
//
// A file's data is addressed by NDIRECT direct block numbers and one
// indirect block of NINDIRECT more.  Files have no holes: writei()
// only writes at or before the end, so every block below the size is
// allocated and none above it.
#include "fs_rt.h"
#include "defs.h"
#include "buf.h"
#include "inode.h"

static struct inode icache[NINODE];

void
iinit(void)
{
    fs_memset(icache, 0, sizeof(icache));
}

// Copy inode inum between its disk block (held in b) and d.
static void
dinode_get(struct buf *b, uint32_t inum, struct dinode *d)
{
    fs_memmove(d, b->data + (inum % IPB) * sizeof(*d), sizeof(*d));
}

static void
dinode_put(struct buf *b, uint32_t inum, const struct dinode *d)
{
    fs_memmove(b->data + (inum % IPB) * sizeof(*d), d, sizeof(*d));
}

// Write a cached inode's fields to disk; inside an operation.
void
iupdate(struct inode *ip)
{
    struct buf *b = bread(IBLOCK(ip->inum, sb));
    struct dinode d;

    d.type = ip->type;
    d.major = ip->major;
    d.minor = ip->minor;
    d.nlink = ip->nlink;
    d.size = ip->size;
    fs_memmove(d.addrs, ip->addrs, sizeof(d.addrs));
    dinode_put(b, ip->inum, &d);
    log_write(b);
    brelse(b);
}

static void
iload(struct inode *ip)
{
    struct buf *b = bread(IBLOCK(ip->inum, sb));
    struct dinode d;

    dinode_get(b, ip->inum, &d);
    brelse(b);
    ip->type = d.type;
    ip->major = d.major;
    ip->minor = d.minor;
    ip->nlink = d.nlink;
    ip->size = d.size;
    fs_memmove(ip->addrs, d.addrs, sizeof(ip->addrs));
}

// A new reference to inode inum, loading it if nobody holds it yet.
struct inode *
iget(uint32_t inum)
{
    struct inode *ip, *empty = 0;

    for (ip = icache; ip < icache + NINODE; ip++) {
        if (ip->ref > 0 && ip->inum == inum) {
            ip->ref++;
            return ip;
        }
        if (!empty && ip->ref == 0)
            empty = ip;
    }
    if (!empty)
        fs_panic("iget: inode cache full (see NINODE in fsparam.h)");
    empty->inum = inum;
    empty->ref = 1;
    iload(empty);
    return empty;
}

// The cached inode for inum, which the caller knows is held already
// (by an open file or a working directory); no new reference.
struct inode *
ifind(uint32_t inum)
{
    struct inode *ip;

    for (ip = icache; ip < icache + NINODE; ip++)
        if (ip->ref > 0 && ip->inum == inum)
            return ip;
    fs_panic("ifind: inode is not held");
}

// Claim a free inode on disk and return it held; 0 if none is left.
struct inode *
ialloc(int16_t type)
{
    uint32_t inum;

    for (inum = ROOTINO; inum < sb.ninodes; inum++) {
        struct buf *b = bread(IBLOCK(inum, sb));
        struct dinode d;

        dinode_get(b, inum, &d);
        if (d.type == 0) {
            fs_memset(&d, 0, sizeof(d));
            d.type = type;
            dinode_put(b, inum, &d);
            log_write(b);
            brelse(b);
            return iget(inum);
        }
        brelse(b);
    }
    return 0;
}

// Drop a reference.  The last reference to an inode no directory names
// any more frees it on disk, so this must run inside an operation when
// that can happen.
void
iput(struct inode *ip)
{
    if (ip->ref <= 0)
        fs_panic("iput: inode not held");
    if (ip->ref == 1 && ip->type != 0 && ip->nlink == 0) {
        itrunc(ip);
        ip->type = 0;
        iupdate(ip);
    }
    ip->ref--;
}

static uint32_t
indirect_get(uint32_t ind, uint32_t i)
{
    struct buf *b = bread(ind);
    uint32_t addr;

    fs_memmove(&addr, b->data + i * sizeof(addr), sizeof(addr));
    brelse(b);
    return addr;
}

static void
indirect_put(uint32_t ind, uint32_t i, uint32_t addr)
{
    struct buf *b = bread(ind);

    fs_memmove(b->data + i * sizeof(addr), &addr, sizeof(addr));
    log_write(b);
    brelse(b);
}

// The disk block holding block bn of the file.  With alloc set, a
// missing block is allocated (the caller then iupdate()s the inode);
// 0 means "not allocated" or, with alloc, "disk full".
static uint32_t
bmap(struct inode *ip, uint32_t bn, int alloc)
{
    uint32_t ind, addr;
    int new_ind = 0;

    if (bn < NDIRECT) {
        if (ip->addrs[bn] == 0 && alloc)
            ip->addrs[bn] = balloc();
        return ip->addrs[bn];
    }
    bn -= NDIRECT;
    if (bn >= NINDIRECT)
        fs_panic("bmap: block beyond the largest file");
    ind = ip->addrs[NDIRECT];
    if (ind == 0) {
        if (!alloc || (ind = balloc()) == 0)
            return 0;
        new_ind = 1;
    }
    addr = indirect_get(ind, bn);
    if (addr == 0 && alloc) {
        addr = balloc();
        if (addr != 0)
            indirect_put(ind, bn, addr);
    }
    if (new_ind) {
        // Keep the indirect block only if it now maps something, so a
        // full disk leaves no empty indirect block behind.
        if (addr != 0)
            ip->addrs[NDIRECT] = ind;
        else
            bfree(ind);
    }
    return addr;
}

// Free all of the file's blocks; inside an operation.
void
itrunc(struct inode *ip)
{
    uint32_t i, addr;

    for (i = 0; i < NDIRECT; i++) {
        if (ip->addrs[i])
            bfree(ip->addrs[i]);
        ip->addrs[i] = 0;
    }
    if (ip->addrs[NDIRECT]) {
        struct buf *b = bread(ip->addrs[NDIRECT]);

        for (i = 0; i < NINDIRECT; i++) {
            fs_memmove(&addr, b->data + i * sizeof(addr), sizeof(addr));
            if (addr)
                bfree(addr);
        }
        brelse(b);
        bfree(ip->addrs[NDIRECT]);
        ip->addrs[NDIRECT] = 0;
    }
    ip->size = 0;
    iupdate(ip);
}

// How many of the file's blocks from bn on, whose block bn is disk
// block addr, follow one another on the disk from addr and are not
// cached, up to RUNBLOCKS: what one device command can read ahead.
// xv6's allocator hands out free blocks in order, so a file written in
// one go mostly lies in such runs.
static uint32_t
run_ahead(struct inode *ip, uint32_t bn, uint32_t addr)
{
    uint32_t n = 1, blocks = (ip->size + BSIZE - 1) / BSIZE;

    while (n < RUNBLOCKS && bn + n < blocks && bmap(ip, bn + n, 0) == addr + n && !bcached_block(addr + n))
        n++;
    return n;
}

// Read up to n bytes at off; the count read, 0 at or past the end.  A
// block not cached comes with the blocks after it (run_ahead), since a
// file is mostly read on from where a read stopped.
int
readi(struct inode *ip, void *dst, uint32_t off, uint32_t n)
{
    uint8_t *p = dst;
    uint32_t done, m;

    if (off >= ip->size)
        return 0;
    n = MIN(n, ip->size - off);
    for (done = 0; done < n; done += m, off += m) {
        uint32_t addr = bmap(ip, off / BSIZE, 0);

        m = MIN(n - done, BSIZE - off % BSIZE);
        if (addr == 0) {
            // Only a damaged image has a hole; read it as zeros.
            fs_memset(p + done, 0, m);
        } else {
            // One look into the cache when the block is there.
            struct buf *b = bread_cached(addr);
            if (!b) {
                bread_ahead(addr, run_ahead(ip, off / BSIZE, addr));
                b = bread(addr);
            }
            fs_memmove(p + done, b->data + off % BSIZE, m);
            brelse(b);
        }
    }
    return n;
}

// Write n bytes at off, growing the file; inside an operation.  The
// count written, which is short only if the disk filled up; E_INVAL if
// off is past the end (files have no holes), E_TOOBIG if the file would
// grow beyond MAXFILE_BYTES (then nothing is written), E_NOSPC if not
// a byte fitted.
int
writei(struct inode *ip, const void *src, uint32_t off, uint32_t n)
{
    const uint8_t *p = src;
    uint32_t done, m;

    if (off > ip->size)
        return E_INVAL;
    if (off > MAXFILE_BYTES || n > MAXFILE_BYTES - off)
        return E_TOOBIG;
    for (done = 0; done < n; done += m, off += m) {
        uint32_t addr = bmap(ip, off / BSIZE, 1);
        struct buf *b;

        if (addr == 0)
            break;
        m = MIN(n - done, BSIZE - off % BSIZE);
        b = bread(addr);
        fs_memmove(b->data + off % BSIZE, p + done, m);
        log_write(b);
        brelse(b);
    }
    if (off > ip->size)
        ip->size = off;
    // Even an unchanged size needs writing: bmap may have added blocks.
    iupdate(ip);
    if (done == 0 && n > 0)
        return E_NOSPC;
    return done;
}

void
stati(struct inode *ip, struct fs_stat *st)
{
    st->type = ip->type;
    st->dev = ROOTDEV;
    st->ino = ip->inum;
    st->nlink = ip->nlink;
    st->size = ip->size;
}

// Free every inode that no directory names and nobody holds: a file
// removed while open whose last close a crash cut short (the reference
// was gone but the inode not yet freed).  Run at mount, when nobody
// holds anything, and after a restart has taken its references again.
// Answers how many were freed.
int
ifree_orphans(void)
{
    uint32_t inum;
    int freed = 0;

    for (inum = ROOTINO + 1; inum < sb.ninodes; inum++) {
        struct buf *b = bread(IBLOCK(inum, sb));
        struct dinode d;

        dinode_get(b, inum, &d);
        brelse(b);
        if (d.type == 0 || d.nlink != 0)
            continue;
        struct inode *ip = iget(inum);
        if (ip->ref == 1)
            freed++;
        begin_op();
        iput(ip);       // the last reference frees it
        end_op();
    }
    return freed;
}
