// Clients: for every task that uses the file system, its descriptor
// table and working directory, found by the task id the kernel stamped
// on its request.  A task the server has not heard of starts with no
// descriptors in the root directory; proc tells the server about fork
// and exit so descriptors are inherited and closed as in xv6.
//
// The table lives in fs_state (state.h).  A client holds one reference
// to its working directory's inode; a descriptor holds one reference to
// its open file.
#include "fs_rt.h"
#include "defs.h"
#include "inode.h"
#include "state.h"

struct client *
client_find(uint32_t id)
{
    struct client *c;

    for (c = fs_state->client; c < fs_state->client + NCLIENT; c++)
        if (c->used && c->id == id)
            return c;
    return 0;
}

static struct client *
client_new(uint32_t id, uint32_t cwd)
{
    struct client *c;

    for (c = fs_state->client; c < fs_state->client + NCLIENT; c++) {
        if (!c->used) {
            fs_memset(c, 0, sizeof(*c));
            c->used = 1;
            c->id = id;
            c->cwd = cwd;
            iget(cwd);
            return c;
        }
    }
    return 0;
}

// The client's record, made if it is new; 0 if the table is full.
struct client *
client_get(uint32_t id)
{
    struct client *c = client_find(id);

    return c ? c : client_new(id, ROOTINO);
}

// The working directory of a client, which may not have a record yet.
uint32_t
client_cwd(uint32_t id)
{
    struct client *c = client_find(id);

    return c ? c->cwd : ROOTINO;
}

// Give f, already counted for this use, the lowest free descriptor.
int
fdalloc(struct client *c, struct file *f)
{
    int fd;

    for (fd = 0; fd < NOFILE; fd++) {
        if (c->fd[fd] == 0) {
            c->fd[fd] = fileindex(f) + 1;
            return fd;
        }
    }
    return E_NFILE;
}

// The open file behind a client's descriptor; 0 if it is not open.
struct file *
fd_file(uint32_t id, int fd)
{
    struct client *c = client_find(id);

    if (!c || fd < 0 || fd >= NOFILE || c->fd[fd] == 0)
        return 0;
    return &fs_state->file[c->fd[fd] - 1];
}

void
fd_clear(struct client *c, int fd)
{
    c->fd[fd] = 0;
}

// The child starts with the parent's descriptors, sharing its open
// files, and the parent's working directory.  E_EXIST if the server
// still has a record for the child id: proc must fs_exit() every task.
int
fs_fork(uint32_t parent, uint32_t child)
{
    struct client *p, *c;
    int fd;

    if (parent == child)
        return E_INVAL;
    if (client_find(child))
        return E_EXIST;
    p = client_get(parent);
    if (!p || !(c = client_new(child, p->cwd)))
        return E_NOMEM;
    for (fd = 0; fd < NOFILE; fd++) {
        if (p->fd[fd]) {
            c->fd[fd] = p->fd[fd];
            filedup(&fs_state->file[p->fd[fd] - 1]);
        }
    }
    return 0;
}

uint32_t
fs_client_at(int i)
{
    if (i < 0 || i >= NCLIENT)
        return FS_NOCLIENT;
    return fs_state->client[i].used ? fs_state->client[i].id : 0;
}

// Close all of a client's descriptors and forget it.  A client the
// server never heard of has nothing to close.
int
fs_exit(uint32_t client)
{
    struct client *c = client_find(client);
    int fd;

    if (!c)
        return 0;
    for (fd = 0; fd < NOFILE; fd++) {
        if (c->fd[fd]) {
            struct file *f = &fs_state->file[c->fd[fd] - 1];
            fd_clear(c, fd);
            fileclose(f);
        }
    }
    // The working directory may have been removed meanwhile; then this
    // last reference frees it, which writes the disk.
    begin_op();
    iput(ifind(c->cwd));
    end_op();
    c->used = 0;
    return 0;
}
