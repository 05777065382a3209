// Pipes: a PIPESIZE-byte ring buffer between a read end and a write end,
// kept in fs_state (state.h) so it could survive a server restart.
//
// Nothing here waits.  Where xv6 would sleep -- reading an empty pipe
// whose write end is open, writing a full pipe whose read end is open --
// these functions answer FS_WOULDBLOCK and the front-end parks the
// request.  Every change that could let a parked request go on (bytes in
// or out, an end closed) advances a counter the front-end watches.
#include "fs_rt.h"
#include "defs.h"
#include "state.h"

static uint32_t changes;

// A server may be killed between any two instructions, and the next one
// goes by the counters (the front end's calls.c mends a read or write it
// died in): a counter moves only after the bytes it counts.
static inline void
bytes_before_count(void)
{
    __asm__ volatile("" ::: "memory");
}

static struct pipe *
pipe_at(int pi)
{
    return &fs_state->pipe[pi];
}

// A new pipe with both ends open: its index, or E_NFILE.
int
pipealloc(void)
{
    int pi;

    for (pi = 0; pi < NPIPE; pi++) {
        struct pipe *p = pipe_at(pi);
        if (!p->used) {
            fs_memset(p, 0, sizeof(*p));
            p->used = 1;
            p->readopen = 1;
            p->writeopen = 1;
            return pi;
        }
    }
    return E_NFILE;
}

// Close one end; the pipe is freed with its last end.
void
pipeclose(int pi, int writable)
{
    struct pipe *p = pipe_at(pi);

    if (writable)
        p->writeopen = 0;
    else
        p->readopen = 0;
    if (!p->readopen && !p->writeopen)
        p->used = 0;
    changes++;
}

// Up to n buffered bytes; 0 once the buffer is empty and the write end
// closed.
int
piperead(int pi, void *dst, int n)
{
    struct pipe *p = pipe_at(pi);
    uint8_t *d = dst;
    int i;

    if (n == 0)
        return 0;
    if (p->nread == p->nwrite)
        return p->writeopen ? FS_WOULDBLOCK : 0;
    for (i = 0; i < n && p->nread + i != p->nwrite; i++)
        d[i] = p->data[(p->nread + i) % PIPESIZE];
    bytes_before_count();
    p->nread += i;
    changes++;
    return i;
}

// Buffer as many of the n bytes as fit: the count, which may be short.
// E_PIPE once the read end is closed.
int
pipewrite(int pi, const void *src, int n)
{
    struct pipe *p = pipe_at(pi);
    const uint8_t *s = src;
    int i;

    if (!p->readopen)
        return E_PIPE;
    if (n == 0)
        return 0;
    if (p->nwrite - p->nread == PIPESIZE)
        return FS_WOULDBLOCK;
    for (i = 0; i < n && p->nwrite + i - p->nread < PIPESIZE; i++)
        p->data[(p->nwrite + i) % PIPESIZE] = s[i];
    bytes_before_count();
    p->nwrite += i;
    changes++;
    return i;
}

// Bytes read from the pipe so far (or written).
uint32_t
pipe_count(int pi, int for_write)
{
    struct pipe *p = pipe_at(pi);

    return for_write ? p->nwrite : p->nread;
}

// Take the read count back to count: the bytes since are read again.
int
pipe_unread(int pi, uint32_t count)
{
    struct pipe *p = pipe_at(pi);

    // Not past what was read, nor so far back that the writer has
    // written over those bytes since.
    if (p->nread - count > p->nwrite - count || p->nwrite - count > PIPESIZE)
        return E_INVAL;
    p->nread = count;
    changes++;
    return 0;
}

// 1 if a read (or write) would now get an answer other than FS_WOULDBLOCK.
int
pipe_ready(int pi, int for_write)
{
    struct pipe *p = pipe_at(pi);

    if (for_write)
        return !p->readopen || p->nwrite - p->nread < PIPESIZE;
    return !p->writeopen || p->nread != p->nwrite;
}

uint32_t
fs_pipe_changes(void)
{
    return changes;
}
