// The requests on descriptors: close, read, write, fstat, dup, pipe,
// the offset a restarted front-end rewinds, and the two questions the
// front-end asks about parked requests and devices.  Each checks what
// the client sent and hands the work to the open file (file.c).
#include "fs_rt.h"
#include "defs.h"
#include "state.h"

int
fs_close(uint32_t client, int fd)
{
    struct file *f = fd_file(client, fd);

    if (!f)
        return E_BADF;
    fd_clear(client_find(client), fd);
    fileclose(f);
    return 0;
}

int
fs_read(uint32_t client, int fd, void *buf, int n)
{
    struct file *f = fd_file(client, fd);

    if (!f)
        return E_BADF;
    if (n < 0)
        return E_INVAL;
    return fileread(f, buf, n);
}

// A pipe takes what fits and answers the count, possibly short; the
// front-end writes the rest later to keep xv6's all-or-wait pipe writes.
int
fs_write(uint32_t client, int fd, const void *buf, int n)
{
    struct file *f = fd_file(client, fd);

    if (!f)
        return E_BADF;
    if (n < 0)
        return E_INVAL;
    return filewrite(f, buf, n);
}

int
fs_fstat(uint32_t client, int fd, struct fs_stat *st)
{
    struct file *f = fd_file(client, fd);

    if (!f)
        return E_BADF;
    return filestat(f, st);
}

int
fs_dup(uint32_t client, int fd)
{
    struct file *f = fd_file(client, fd);
    int newfd;

    if (!f)
        return E_BADF;
    newfd = fdalloc(client_find(client), f);
    if (newfd >= 0)
        filedup(f);
    return newfd;
}

static void
pipe_end(struct file *f, int pi, int writable)
{
    f->type = FD_PIPE;
    f->pipe = pi;
    f->readable = !writable;
    f->writable = writable;
}

int
fs_pipe(uint32_t client, int fds[2])
{
    struct client *c = client_get(client);
    struct file *rf, *wf;
    int pi;

    if (!c)
        return E_NOMEM;
    if ((pi = pipealloc()) < 0)
        return pi;
    rf = filealloc();
    wf = rf ? filealloc() : 0;
    if (!wf) {
        if (rf)
            fileclose(rf);
        pipeclose(pi, 0);
        pipeclose(pi, 1);
        return E_NFILE;
    }
    pipe_end(rf, pi, 0);
    pipe_end(wf, pi, 1);
    fds[0] = fdalloc(c, rf);
    fds[1] = fds[0] >= 0 ? fdalloc(c, wf) : E_NFILE;
    if (fds[1] < 0) {
        if (fds[0] >= 0)
            fd_clear(c, fds[0]);
        fileclose(rf);
        fileclose(wf);
        return E_NFILE;
    }
    return 0;
}

int
fs_isopen(uint32_t client, int fd)
{
    return fd_file(client, fd) != 0;
}

int
fs_offset(uint32_t client, int fd)
{
    struct file *f = fd_file(client, fd);

    if (!f)
        return E_BADF;
    return f->type == FD_INODE ? (int)f->off : E_INVAL;
}

int
fs_set_offset(uint32_t client, int fd, uint32_t off)
{
    struct file *f = fd_file(client, fd);

    if (!f)
        return E_BADF;
    if (f->type != FD_INODE || off > MAXFILE_BYTES)
        return E_INVAL;
    f->off = off;
    return 0;
}

// The pipe open at fd, or an error.
static int
fd_pipe(uint32_t client, int fd)
{
    struct file *f = fd_file(client, fd);

    if (!f)
        return E_BADF;
    return f->type == FD_PIPE ? f->pipe : E_INVAL;
}

int
fs_pipe_count(uint32_t client, int fd, int for_write, uint32_t *count)
{
    int pi = fd_pipe(client, fd);

    if (pi < 0)
        return pi;
    *count = pipe_count(pi, for_write);
    return 0;
}

int
fs_pipe_unread(uint32_t client, int fd, uint32_t count)
{
    int pi = fd_pipe(client, fd);

    return pi < 0 ? pi : pipe_unread(pi, count);
}

int
fs_ready(uint32_t client, int fd, int for_write)
{
    struct file *f = fd_file(client, fd);

    if (!f)
        return E_BADF;
    return fileready(f, for_write);
}

int
fs_device(uint32_t client, int fd, int *major, int *minor)
{
    struct file *f = fd_file(client, fd);

    if (!f)
        return E_BADF;
    return filedevice(f, major, minor);
}
