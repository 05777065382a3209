// The requests that name files by path: open, mkdir, mknod, link,
// unlink, chdir.  Each runs as one log operation, so it happens on disk
// completely or not at all.  Paths are relative to the client's working
// directory unless they start with '/'.
#include "fs_rt.h"
#include "defs.h"
#include "inode.h"
#include "state.h"

static int
is_dot_or_dotdot(const char *name)
{
    return namecmp(name, ".") == 0 || namecmp(name, "..") == 0;
}

// Undo a half-made inode: with no links, dropping it frees it.
static int
create_failed(struct inode *ip, struct inode *dp, int err)
{
    ip->nlink = 0;
    iupdate(ip);
    iput(ip);
    iput(dp);
    return err;
}

// Make path a new inode of the given type, held in *ipp.  Asked for a
// plain file where a file or device already exists, return that instead
// (open with O_CREATE).  Inside an operation.
static int
create(uint32_t cwd, const char *path, int16_t type, int16_t major, int16_t minor,
       struct inode **ipp)
{
    char name[DIRSIZ + 1];
    struct inode *dp, *ip;
    int r;

    if ((r = nameiparent(cwd, path, name, &dp)) < 0)
        return r;
    if ((ip = dirlookup(dp, name, 0)) != 0) {
        iput(dp);
        if (type == T_FILE && (ip->type == T_FILE || ip->type == T_DEV)) {
            *ipp = ip;
            return 0;
        }
        r = (type == T_FILE && ip->type == T_DIR) ? E_ISDIR : E_EXIST;
        iput(ip);
        return r;
    }
    if (dp->nlink == 0) {
        // The directory was removed while someone still had it as cwd.
        iput(dp);
        return E_NOENT;
    }
    if ((ip = ialloc(type)) == 0) {
        iput(dp);
        return E_NOSPC;
    }
    ip->major = major;
    ip->minor = minor;
    ip->nlink = 1;
    iupdate(ip);
    if (type == T_DIR) {
        // "." is not counted in nlink: it would keep the directory alive.
        if ((r = dirlink(ip, ".", ip->inum)) < 0 || (r = dirlink(ip, "..", dp->inum)) < 0)
            return create_failed(ip, dp, r);
    }
    if ((r = dirlink(dp, name, ip->inum)) < 0)
        return create_failed(ip, dp, r);
    if (type == T_DIR) {
        dp->nlink++;    // the new directory's ".."
        iupdate(dp);
    }
    iput(dp);
    *ipp = ip;
    return 0;
}

static int
omode_valid(int omode)
{
    return (omode & ~(FS_O_ACCMODE | FS_O_CREATE | FS_O_TRUNC)) == 0 &&
           (omode & FS_O_ACCMODE) != FS_O_ACCMODE;
}

// Find or create the inode path names for open; inside an operation.
static int
open_inode(uint32_t cwd, const char *path, int omode, struct inode **ipp)
{
    int r;

    if (omode & FS_O_CREATE)
        r = create(cwd, path, T_FILE, 0, 0, ipp);
    else
        r = namei(cwd, path, ipp);
    if (r < 0)
        return r;
    if ((*ipp)->type == T_DIR && (omode & FS_O_ACCMODE) != FS_O_RDONLY) {
        iput(*ipp);
        return E_ISDIR;
    }
    if ((omode & FS_O_TRUNC) && (*ipp)->type == T_FILE)
        itrunc(*ipp);
    return 0;
}

// Open path, looked up from the directory cwd, as a new descriptor of
// client c.
static int
open_in(struct client *c, uint32_t cwd, const char *path, int omode)
{
    struct file *f;
    struct inode *ip;
    int fd, r;

    // Take the descriptor and file first, so running out of them
    // leaves the disk untouched.
    if (!(f = filealloc()))
        return E_NFILE;
    if ((fd = fdalloc(c, f)) < 0) {
        fileclose(f);
        return fd;
    }
    // The file is made whole before the commit, so that the descriptor
    // the commit's answer names (answer.c) is there after a restart.
    begin_op();
    r = open_inode(cwd, path, omode, &ip);
    if (r == 0) {
        f->type = FD_INODE;
        f->inum = ip->inum;     // the file keeps ip's reference
        f->off = 0;
        f->readable = (omode & FS_O_ACCMODE) != FS_O_WRONLY;
        f->writable = (omode & FS_O_ACCMODE) != FS_O_RDONLY;
    }
    answer_result(r < 0 ? r : fd);
    end_op();
    if (r < 0) {
        fd_clear(c, fd);
        fileclose(f);
        return r;
    }
    return fd;
}

static int
open_check(const char *path, int omode)
{
    int r;

    if ((r = path_check(path)) < 0)
        return r;
    return omode_valid(omode) ? 0 : E_INVAL;
}

int
fs_open(uint32_t client, const char *path, int omode)
{
    return fs_open_as(client, client, path, omode);
}

// exec: the program is opened as task would see the path, from task's
// working directory, but the descriptor is the caller's (proc's).
int
fs_open_as(uint32_t client, uint32_t task, const char *path, int omode)
{
    struct client *c;
    int r;

    if ((r = open_check(path, omode)) < 0)
        return r;
    if (!(c = client_get(client)))
        return E_NOMEM;
    return open_in(c, client_cwd(task), path, omode);
}

static int
make(uint32_t client, const char *path, int16_t type, int major, int minor)
{
    struct inode *ip;
    int r;

    if ((r = path_check(path)) < 0)
        return r;
    begin_op();
    r = create(client_cwd(client), path, type, major, minor, &ip);
    if (r == 0)
        iput(ip);
    answer_result(r);
    end_op();
    return r;
}

int
fs_mkdir(uint32_t client, const char *path)
{
    return make(client, path, T_DIR, 0, 0);
}

int
fs_mknod(uint32_t client, const char *path, int major, int minor)
{
    if (major < 0 || major > INT16_MAX || minor < 0 || minor > INT16_MAX)
        return E_INVAL;
    return make(client, path, T_DEV, major, minor);
}

// Name the inode at oldpath also newpath; inside an operation.
static int
link_op(uint32_t cwd, const char *oldpath, const char *newpath)
{
    char name[DIRSIZ + 1];
    struct inode *ip, *dp;
    int r;

    if ((r = namei(cwd, oldpath, &ip)) < 0)
        return r;
    if (ip->type == T_DIR) {
        iput(ip);
        return E_ISDIR;
    }
    // Count the link first: a crash must never leave an entry the
    // count does not cover.  The log makes both happen or neither.
    ip->nlink++;
    iupdate(ip);
    if ((r = nameiparent(cwd, newpath, name, &dp)) == 0) {
        r = dirlink(dp, name, ip->inum);
        iput(dp);
    }
    if (r < 0) {
        ip->nlink--;
        iupdate(ip);
    }
    iput(ip);
    return r;
}

int
fs_link(uint32_t client, const char *oldpath, const char *newpath)
{
    int r;

    if ((r = path_check(oldpath)) < 0 || (r = path_check(newpath)) < 0)
        return r;
    begin_op();
    r = link_op(client_cwd(client), oldpath, newpath);
    answer_result(r);
    end_op();
    return r;
}

// Remove path's entry; inside an operation.
static int
unlink_op(uint32_t cwd, const char *path)
{
    char name[DIRSIZ + 1];
    struct inode *dp, *ip;
    uint32_t off;
    int r;

    if ((r = nameiparent(cwd, path, name, &dp)) < 0)
        return r;
    if (is_dot_or_dotdot(name)) {
        iput(dp);
        return E_INVAL;
    }
    if ((ip = dirlookup(dp, name, &off)) == 0) {
        iput(dp);
        return E_NOENT;
    }
    if (ip->type == T_DIR && !dir_isempty(ip)) {
        iput(ip);
        iput(dp);
        return E_NOTEMPTY;
    }
    dirclear(dp, off);
    if (ip->type == T_DIR) {
        dp->nlink--;    // ip's ".." is gone with it
        iupdate(dp);
    }
    iput(dp);
    ip->nlink--;
    iupdate(ip);
    iput(ip);           // frees ip unless it is still open
    return 0;
}

int
fs_unlink(uint32_t client, const char *path)
{
    int r;

    if ((r = path_check(path)) < 0)
        return r;
    begin_op();
    r = unlink_op(client_cwd(client), path);
    answer_result(r);
    end_op();
    return r;
}

int
fs_chdir(uint32_t client, const char *path)
{
    struct client *c;
    struct inode *ip;
    int r;

    if ((r = path_check(path)) < 0)
        return r;
    if (!(c = client_get(client)))
        return E_NOMEM;
    begin_op();
    if ((r = namei(c->cwd, path, &ip)) == 0) {
        if (ip->type != T_DIR) {
            iput(ip);
            r = E_NOTDIR;
        } else {
            iput(ifind(c->cwd));
            c->cwd = ip->inum;      // c keeps ip's reference
        }
    }
    end_op();
    return r;
}
