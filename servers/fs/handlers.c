// The fs interface (idl/fs.idl): one handler per operation, each a thin
// layer over the core (fs.h).  The generated dispatcher has checked the
// message (lengths, terminated strings) before a handler runs; the core
// checks the meaning (descriptors, paths, names, sizes).  What the
// handlers add is the interface's promises:
//
//   - a request sent again with the same seq gets the recorded answer
//     (calls.c), so a retry after a restart never does anything twice;
//   - a pipe read or write that would wait is parked (IDL_DEFER) and
//     answered later by resume_parked();
//   - a read or write on a device file transfers nothing and answers
//     FS_USE_DEVICE with the device's numbers (the core's FS_REDIRECT);
//   - fork, exit and open_as are proc's alone.
#include "front.h"

// A device number travels in one recorded word.
static uint32_t dev_word(const struct fs_devno *d)
{
    return (uint32_t)d->major << 16 | d->minor;
}

static void dev_of_word(struct fs_devno *d, uint32_t w)
{
    d->major = w >> 16;
    d->minor = w & 0xffff;
}

// The result of a read or write on a device file: which device it is.
static int redirect(uint32_t client, int fd, struct fs_devno *dev)
{
    int major, minor;
    int r = fs_device(client, fd, &major, &minor);
    if (r < 0)
        return r;
    dev->major = major;
    dev->minor = minor;
    return FS_USE_DEVICE;
}

// Where a file offset is recorded, so that a restarted server can move a
// read or write it died in back to its start; -1 for a pipe.
static int32_t offset_now(uint32_t client, int fd)
{
    int off = fs_offset(client, fd);
    return off < 0 ? -1 : off;
}

int fs_do_open(uint32_t client, uint32_t seq, const char *path, uint32_t omode, int32_t *fd)
{
    bool repeat;
    struct call *c = call_begin(client, seq, FS_OP_OPEN, &repeat);
    if (!c)
        return E_NOMEM;
    if (!repeat) {
        int r = fs_open(client, path, omode);
        call_answer(c, r < 0 ? r : 0, r, 0);
    }
    *fd = c->out[0];
    return c->result;
}

// c->done notes that the descriptor was open when the close began.  If
// it is closed when the same request comes again, the old server closed
// it and died before answering: the answer is 0 (and a file removed
// while open that it did not get to free is freed by fs_resume).
int fs_do_close(uint32_t client, uint32_t seq, int32_t fd)
{
    bool repeat;
    struct call *c = call_begin(client, seq, FS_OP_CLOSE, &repeat);
    if (!c)
        return E_NOMEM;
    if (repeat)
        return c->result;
    bool open = fs_isopen(client, fd);
    if (c->done && !open)
        return call_answer(c, 0, 0, 0);
    c->done = open;
    return call_answer(c, fs_close(client, fd), 0, 0);
}

// Record the outcome r of fs_read into c: the bytes (made in the slot's
// buffer; a pipe's are kept, see front.h), the device, or the error.
static void read_done(struct call *c, uint32_t client, int r)
{
    struct fs_devno dev = { 0, 0 };
    c->len = r >= 0 ? (uint32_t)r : 0;
    if (c->off < 0 && r > 0 && r <= FS_PIPESIZE)
        memcpy(c->piped, call_buf(c), r);
    if (r == FS_REDIRECT)
        r = redirect(client, c->fd, &dev);
    else if (r >= 0)
        r = 0;
    call_answer(c, r, 0, dev_word(&dev));
}

// The answer to a read asked again, in the slot's buffer.  A pipe's
// bytes were kept; a file's are read again from where the first read
// began, which leaves the offset where the first answer left it (the
// bytes are the file's as it is now: the client never saw the others).
static void read_again(struct call *c, uint32_t client)
{
    if (c->result != 0 || c->len == 0)
        return;     // an error, a device or the end of the file: nothing to send again
    if (c->off < 0) {
        memcpy(call_buf(c), c->piped, c->len);
        return;
    }
    fs_set_offset(client, c->fd, c->off);
    int r = fs_read(client, c->fd, call_buf(c), c->len);
    c->len = r >= 0 ? (uint32_t)r : 0;
    c->result = r >= 0 ? 0 : r;
}

// The serve loop has the dispatcher build a read's answer in the slot's
// buffer (main.c), so data is call_buf(c) and nothing is copied.
int fs_do_read(uint32_t client, uint32_t seq, int32_t fd, void *data, uint32_t *data_len,
               struct fs_devno *dev)
{
    bool repeat;
    struct call *c = call_begin(client, seq, FS_OP_READ, &repeat);
    if (!c)
        return E_NOMEM;
    if (repeat) {
        read_again(c, client);
    } else {
        c->fd = fd;
        c->off = offset_now(client, fd);
        c->len = *data_len;
        call_pipe_begin(c, false);
        int r = fs_read(client, fd, call_buf(c), c->len);
        if (r != FS_WOULDBLOCK)
            read_done(c, client, r);
        call_pipe_end(c);
        if (r == FS_WOULDBLOCK)
            return call_park(c, fd, false);
    }
    idl_copy(data, call_buf(c), c->len);
    *data_len = c->len;
    dev_of_word(dev, c->out[1]);
    return c->result;
}

// Write data[c->done, c->len) to a file or pipe: 0 once everything is
// written (or the disk filled after some of it), FS_WOULDBLOCK while a
// full pipe holds the rest back, FS_REDIRECT for a device, or an error.
// A pipe takes what fits each time, so keep going while it moves: xv6's
// write returns only when all is written.  A pipe whose reader has gone
// is E_PIPE even after a part went in, as in xv6.
static int write_from(struct call *c, uint32_t client, const uint8_t *data)
{
    for (;;) {
        uint32_t before = c->done;
        call_pipe_begin(c, true);
        int r = fs_write(client, c->fd, data + before, c->len - before);
        if (r > 0)
            c->done = before + r;
        call_pipe_end(c);
        if (r == FS_WOULDBLOCK || r == FS_REDIRECT)
            return r;
        if (r < 0)
            return c->done > 0 && r != E_PIPE ? 0 : r;
        if (c->done == c->len || r == 0)
            return 0;
    }
}

static void write_done(struct call *c, uint32_t client, int r)
{
    struct fs_devno dev = { 0, 0 };
    if (r == FS_REDIRECT)
        r = redirect(client, c->fd, &dev);
    call_answer(c, r, c->done, dev_word(&dev));
}

int fs_do_write(uint32_t client, uint32_t seq, int32_t fd, const void *data, uint32_t data_len,
                uint32_t *n, struct fs_devno *dev)
{
    bool repeat;
    struct call *c = call_begin(client, seq, FS_OP_WRITE, &repeat);
    if (!c)
        return E_NOMEM;
    if (!repeat) {
        c->fd = fd;
        c->off = offset_now(client, fd);
        c->len = data_len;
        int r = write_from(c, client, data);
        if (r == FS_WOULDBLOCK) {
            // The rest is written from the slot's buffer as the pipe drains.
            memcpy(call_buf(c), data, data_len);
            return call_park(c, fd, true);
        }
        write_done(c, client, r);
    }
    *n = c->out[0];
    dev_of_word(dev, c->out[1]);
    return c->result;
}

// A parked request whose pipe has changed: go on, and answer if done.
void resume_parked(struct call *c)
{
    struct fs_devno dev;
    if (c->for_write) {
        int r = write_from(c, c->client, call_buf(c));
        if (r == FS_WOULDBLOCK)
            return;
        write_done(c, c->client, r);
        dev_of_word(&dev, c->out[1]);
        fs_reply_write(c->client, c->result, c->out[0], &dev);
    } else {
        call_pipe_begin(c, false);
        int r = fs_read(c->client, c->fd, call_buf(c), c->len);
        if (r != FS_WOULDBLOCK)
            read_done(c, c->client, r);
        call_pipe_end(c);
        if (r == FS_WOULDBLOCK)
            return;
        dev_of_word(&dev, c->out[1]);
        fs_reply_read(c->client, c->result, call_buf(c), c->len, &dev);
    }
}

int fs_do_fstat(uint32_t client, int32_t fd, struct fs_fileinfo *st)
{
    struct fs_stat s;
    int r = fs_fstat(client, fd, &s);
    if (r < 0)
        return r;
    st->type = s.type;
    st->dev = s.dev;
    st->ino = s.ino;
    st->nlink = s.nlink;
    st->size = s.size;
    return 0;
}

// The record of the operations marked `once` in fs.idl (calls.c): the
// generated dispatcher runs their handlers only for a request it has not
// seen, and answers one sent again with the recorded result.
int fs_once_begin(uint32_t client, uint32_t seq, uint32_t op)
{
    bool repeat;
    struct call *c = call_begin(client, seq, op, &repeat);
    if (!c)
        return E_NOMEM;
    return repeat ? c->result : IDL_ONCE_NEW;
}

int fs_once_end(uint32_t client, int result)
{
    return call_answer(call_get(client), result, 0, 0);
}

// The operations on names answer only a result, and are once operations.
int fs_do_link(uint32_t client, const char *old, const char *new)
{
    return fs_link(client, old, new);
}

int fs_do_unlink(uint32_t client, const char *path)
{
    return fs_unlink(client, path);
}

int fs_do_mkdir(uint32_t client, const char *path)
{
    return fs_mkdir(client, path);
}

int fs_do_mknod(uint32_t client, const char *path, int16_t major, int16_t minor)
{
    return fs_mknod(client, path, major, minor);
}

int fs_do_chdir(uint32_t client, const char *path)
{
    return fs_chdir(client, path);
}

int fs_do_dup(uint32_t client, uint32_t seq, int32_t fd, int32_t *newfd)
{
    bool repeat;
    struct call *c = call_begin(client, seq, FS_OP_DUP, &repeat);
    if (!c)
        return E_NOMEM;
    if (!repeat) {
        int r = fs_dup(client, fd);
        call_answer(c, r < 0 ? r : 0, r, 0);
    }
    *newfd = c->out[0];
    return c->result;
}

int fs_do_pipe(uint32_t client, uint32_t seq, int32_t *rfd, int32_t *wfd)
{
    bool repeat;
    struct call *c = call_begin(client, seq, FS_OP_PIPE, &repeat);
    if (!c)
        return E_NOMEM;
    if (!repeat) {
        int fds[2];
        int r = fs_pipe(client, fds);
        call_answer(c, r, fds[0], fds[1]);
    }
    *rfd = c->out[0];
    *wfd = c->out[1];
    return c->result;
}

// fork and exit are keyed by the tasks they name, so a retry is harmless
// without a seq: a child that already has a table is left alone.
int fs_do_fork(uint32_t client, uint32_t parent, uint32_t child)
{
    if (client != FS_ROOT_TASK)
        return E_PERM;
    int r = fs_fork(parent, child);
    return r == E_EXIST ? 0 : r;
}

// A task that was never a process (a program's exofork children, which
// die with it) ends without proc telling us; its descriptors would stay
// open for ever.  So whenever proc reports an exit, every client whose
// task no longer exists goes too.
static void drop_ended_clients(void)
{
    uint32_t id;
    for (int i = 0; (id = fs_client_at(i)) != FS_NOCLIENT; i++) {
        struct task_info info;
        if (id && sys_task_info(id, &info) == E_NOTASK) {
            calls_drop(id);
            fs_exit(id);
        }
    }
}

int fs_do_exit(uint32_t client, uint32_t task)
{
    if (client != FS_ROOT_TASK)
        return E_PERM;
    calls_drop(task);
    int r = fs_exit(task);
    drop_ended_clients();
    return r;
}

int fs_do_open_as(uint32_t client, uint32_t seq, uint32_t task, const char *path, uint32_t omode,
                  int32_t *fd)
{
    if (client != FS_ROOT_TASK)
        return E_PERM;
    bool repeat;
    struct call *c = call_begin(client, seq, FS_OP_OPEN_AS, &repeat);
    if (!c)
        return E_NOMEM;
    if (!repeat) {
        int r = fs_open_as(client, task, path, omode);
        call_answer(c, r < 0 ? r : 0, r, 0);
    }
    *fd = c->out[0];
    return c->result;
}
