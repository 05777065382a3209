// The open-file table, with xv6's semantics: an open file is a pipe end
// or an inode with an offset, shared by every descriptor that dup() or
// fork() made from the same open(), so they move one offset.  The table
// lives in fs_state (state.h); an open inode file holds one reference
// to its cached inode for as long as the file is open.
#include "fs_rt.h"
#include "defs.h"
#include "inode.h"
#include "state.h"

// Bytes one transaction of a large write may carry: the blocks written,
// plus the inode, the indirect block and a bitmap block, plus two for
// writes that start or end inside a block, stay within MAXOPBLOCKS.
#define WRITE_CHUNK (((MAXOPBLOCKS - 1 - 1 - 2) / 2) * BSIZE)

// A free slot, held once (ref 1) and of type FD_NONE; 0 if none.
struct file *
filealloc(void)
{
    struct file *f;

    for (f = fs_state->file; f < fs_state->file + NFILE; f++) {
        if (f->ref == 0) {
            fs_memset(f, 0, sizeof(*f));
            f->ref = 1;
            return f;
        }
    }
    return 0;
}

struct file *
filedup(struct file *f)
{
    f->ref++;
    return f;
}

int
fileindex(struct file *f)
{
    return f - fs_state->file;
}

// Drop a reference; the last one closes the pipe end or the inode.
void
fileclose(struct file *f)
{
    if (f->ref == 0)
        fs_panic("fileclose: file not open");
    if (--f->ref > 0)
        return;
    if (f->type == FD_PIPE) {
        pipeclose(f->pipe, f->writable);
    } else if (f->type == FD_INODE) {
        begin_op();
        iput(ifind(f->inum));
        end_op();
    }
    f->type = FD_NONE;
}

int
fileread(struct file *f, void *dst, int n)
{
    struct inode *ip;
    int r;

    if (!f->readable)
        return E_BADF;
    if (f->type == FD_PIPE)
        return piperead(f->pipe, dst, n);
    ip = ifind(f->inum);
    if (ip->type == T_DEV)
        return FS_REDIRECT;
    r = readi(ip, dst, f->off, n);
    f->off += r;
    return r;
}

// Write to an inode in WRITE_CHUNK transactions.  The whole write is
// refused with E_TOOBIG if it would pass the largest file size.
static int
inode_write(struct file *f, struct inode *ip, const uint8_t *src, int n)
{
    int done = 0, r;

    if (f->off > MAXFILE_BYTES || (uint32_t)n > MAXFILE_BYTES - f->off)
        return E_TOOBIG;
    while (done < n) {
        int chunk = MIN(n - done, WRITE_CHUNK);

        begin_op();
        r = writei(ip, src + done, f->off, chunk);
        end_op();
        if (r < 0)
            return done > 0 ? done : r;
        f->off += r;
        done += r;
        if (r < chunk)
            break;      // the disk is full
    }
    return done;
}

int
filewrite(struct file *f, const void *src, int n)
{
    struct inode *ip;

    if (!f->writable)
        return E_BADF;
    if (f->type == FD_PIPE)
        return pipewrite(f->pipe, src, n);
    ip = ifind(f->inum);
    if (ip->type == T_DEV)
        return FS_REDIRECT;
    return inode_write(f, ip, src, n);
}

// Like xv6, only inode files have a status; E_INVAL for a pipe.
int
filestat(struct file *f, struct fs_stat *st)
{
    if (f->type != FD_INODE)
        return E_INVAL;
    stati(ifind(f->inum), st);
    return 0;
}

// 1 if a read (or write) would not answer FS_WOULDBLOCK; only pipes wait.
int
fileready(struct file *f, int for_write)
{
    if (for_write ? !f->writable : !f->readable)
        return E_BADF;
    if (f->type != FD_PIPE)
        return 1;
    return pipe_ready(f->pipe, for_write);
}

int
filedevice(struct file *f, int *major, int *minor)
{
    struct inode *ip;

    if (f->type != FD_INODE)
        return E_INVAL;
    ip = ifind(f->inum);
    if (ip->type != T_DEV)
        return E_INVAL;
    *major = ip->major;
    *minor = ip->minor;
    return 0;
}
