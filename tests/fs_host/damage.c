// The tables as a server that died in the middle of a request (or
// scribbled on them) could leave them, for the resume scenarios.  Only
// this file of the harness reaches into the core's state (state.h).
#include "state.h"
#include "harness.h"

static struct client *
client_of(uint32_t id)
{
    for (int i = 0; i < NCLIENT; i++)
        if (fs_state->client[i].used && fs_state->client[i].id == id)
            return &fs_state->client[i];
    return 0;
}

static int
free_file_slot(void)
{
    for (int i = NFILE - 1; i >= 0; i--)
        if (fs_state->file[i].ref == 0)
            return i;
    return -1;
}

// Damage client's tables in seven ways, each of which fs_resume() must
// repair: descriptors 9, 10 and 11 end up naming nothing; the file open
// at ok_fd keeps its one descriptor; pipe_rfd's pipe keeps both ends.
// Returns the number of repairs fs_resume() should report.
int
damage_tables(uint32_t client, int ok_fd, int pipe_rfd, uint32_t free_inum)
{
    struct client *c = client_of(client);
    struct file *f;
    int i;

    CHECK(c != 0);
    // An open() that died after reserving its slot and descriptor.
    i = free_file_slot();
    fs_state->file[i].ref = 1;
    c->fd[9] = i + 1;
    // A wrong reference count.
    fs_state->file[c->fd[ok_fd] - 1].ref += 4;
    // A descriptor naming no slot at all.
    c->fd[10] = NFILE + 100;
    // An open file naming a free inode.
    i = free_file_slot();
    f = &fs_state->file[i];
    f->type = FD_INODE;
    f->readable = 1;
    f->inum = free_inum;
    f->ref = 1;
    c->fd[11] = i + 1;
    // A working directory that is a free inode.
    c->cwd = free_inum;
    // A pipe whose read end is open but marked closed.
    fs_state->pipe[fs_state->file[c->fd[pipe_rfd] - 1].pipe].readopen = 0;
    // A slot of no known type.
    i = free_file_slot();
    fs_state->file[i].type = 7;
    fs_state->file[i].ref = 3;
    return 2 + 1 + 1 + 1 + 1 + 1 + 1;
}

// What a server that died inside fs_close leaves: client's descriptor
// fd cleared and the file's reference dropped, its inode not yet put.
void
cut_close(uint32_t client, int fd)
{
    struct client *c = client_of(client);
    struct file *f;

    CHECK(c != 0 && c->fd[fd] != 0);
    f = &fs_state->file[c->fd[fd] - 1];
    c->fd[fd] = 0;
    f->ref--;
    if (f->ref == 0)
        f->type = FD_NONE;
}
