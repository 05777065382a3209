// Taking over from a server that died.  The tables of state.h outlived
// it (the embedding attached them to memory its supervisor kept); the
// caches did not, and the disk may hold a committed log.  fs_resume()
// mounts as fs_init() does, then trusts nothing in the tables it did not
// check: the old server may have died anywhere, even halfway through
// changing them, and a bug may have scribbled on them.
//
// The rules, each making the tables consistent with the disk and with
// themselves:
//   - an open inode file must name an allocated inode; a pipe end, a
//     pipe in use; anything else is closed;
//   - a descriptor must name an open file; a working directory, a
//     directory (else the client starts over in /);
//   - an open file's reference count is the number of descriptors that
//     name it, so a file reserved by an open() that never finished (no
//     descriptor, or a descriptor of a file never filled in) is freed;
//   - a pipe end is open while an open file names it, and a pipe's
//     counters may differ by at most its size.
// Then every open inode file and every working directory takes its
// inode reference again, which fills the inode cache as it was.
#include "fs_rt.h"
#include "defs.h"
#include "inode.h"
#include "state.h"

static int repairs;

static int
inum_valid(uint32_t inum)
{
    return inum >= ROOTINO && inum < sb.ninodes;
}

// A new reference to inode inum if it is allocated on disk (and a
// directory, if dir is set); 0 otherwise.
static struct inode *
iget_checked(uint32_t inum, int dir)
{
    struct inode *ip;

    if (!inum_valid(inum))
        return 0;
    ip = iget(inum);
    if (ip->type != 0 && (!dir || ip->type == T_DIR))
        return ip;
    begin_op();
    iput(ip);
    end_op();
    return 0;
}

// Close open file i and every descriptor that names it.
static void
close_file(int i)
{
    struct client *c;
    int fd;

    fs_memset(&fs_state->file[i], 0, sizeof(struct file));
    for (c = fs_state->client; c < fs_state->client + NCLIENT; c++)
        for (fd = 0; fd < NOFILE; fd++)
            if (c->fd[fd] == i + 1)
                c->fd[fd] = 0;
    repairs++;
}

// An open file that is sane in itself, judged without the disk.
static int
file_sane(const struct file *f)
{
    if (f->type == FD_PIPE)
        return f->pipe < NPIPE && f->readable != f->writable;
    if (f->type == FD_INODE)
        return inum_valid(f->inum) && (f->readable || f->writable);
    return f->type == FD_NONE;
}

// A file's reference count is the number of descriptors naming it.
static void
recount_files(void)
{
    uint32_t refs[NFILE];
    struct client *c;
    int i, fd;

    fs_memset(refs, 0, sizeof(refs));
    for (c = fs_state->client; c < fs_state->client + NCLIENT; c++) {
        if (!c->used) {
            fs_memset(c, 0, sizeof(*c));
            continue;
        }
        for (fd = 0; fd < NOFILE; fd++) {
            i = c->fd[fd];
            if (i > NFILE || (i > 0 && fs_state->file[i - 1].type == FD_NONE)) {
                c->fd[fd] = 0;
                repairs++;
            } else if (i > 0) {
                refs[i - 1]++;
            }
        }
    }
    for (i = 0; i < NFILE; i++) {
        struct file *f = &fs_state->file[i];
        if (f->ref != refs[i])
            repairs++;
        f->ref = refs[i];
        if (f->ref == 0)
            fs_memset(f, 0, sizeof(*f));
    }
}

// Each open inode file and each working directory takes its inode
// reference; what names a free inode (or a working directory that is no
// directory) goes.
static void
take_inodes(void)
{
    struct client *c;
    int i;

    for (i = 0; i < NFILE; i++)
        if (fs_state->file[i].type == FD_INODE && !iget_checked(fs_state->file[i].inum, 0))
            close_file(i);
    for (c = fs_state->client; c < fs_state->client + NCLIENT; c++) {
        if (c->used && !iget_checked(c->cwd, 1)) {
            c->cwd = ROOTINO;
            iget(ROOTINO);
            repairs++;
        }
    }
}

// Pipe ends are open exactly while an open file names them.
static void
recount_pipes(void)
{
    uint8_t rd[NPIPE], wr[NPIPE];
    int i;

    fs_memset(rd, 0, sizeof(rd));
    fs_memset(wr, 0, sizeof(wr));
    for (i = 0; i < NFILE; i++) {
        struct file *f = &fs_state->file[i];
        if (f->type == FD_PIPE) {
            rd[f->pipe] |= f->readable;
            wr[f->pipe] |= f->writable;
        }
    }
    for (i = 0; i < NPIPE; i++) {
        struct pipe *p = &fs_state->pipe[i];
        if (p->readopen != rd[i] || p->writeopen != wr[i])
            repairs++;
        if (p->nwrite - p->nread > PIPESIZE) {
            p->nread = p->nwrite;   // counters from a half-done change: the data goes
            repairs++;
        }
        p->readopen = rd[i];
        p->writeopen = wr[i];
        p->used = rd[i] || wr[i];
    }
}

int
fs_resume(void)
{
    int i, r;

    if ((r = mount()) < 0)
        return r;
    repairs = 0;
    for (i = 0; i < NFILE; i++)
        if (!file_sane(&fs_state->file[i]))
            close_file(i);
    recount_files();
    take_inodes();
    recount_pipes();
    repairs += ifree_orphans();     // files whose last close the crash cut short
    return repairs;
}
