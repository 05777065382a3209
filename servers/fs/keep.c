// The state segment: what the server cannot rebuild from the disk, in
// the runtime's memory that outlives it (state_segment, rt.h: pages at
// USTATE in user space).  When proc restarts a server it maps the old
// copy's pages there into the new copy before it runs.  They hold the core's tables (state.h) and each
// client's latest request (calls.c), behind a header that says whose
// they are.  At start-up the server finds one of two things:
//
//   - pages marked as this server's (magic, layout version, size of the
//     core's tables): a previous copy died, so carry on with its state.
//     fs_resume() checks the core's tables entry by entry and repairs
//     what the crash left half-done; calls_attach() turns the requests
//     the old copy owed answers to into requests to be done again when
//     their clients retry.
//   - anything else (nothing there on a first start, another layout):
//     start empty, allocating whatever pages are missing.
//
// The mark is written last, once the state behind it is whole, so a
// server that dies while starting empty leaves nothing to be trusted.
#include "front.h"

#define KEEP_MAGIC   0x6b656570u    // "keep"
#define KEEP_VERSION 3

struct keep {
    uint32_t magic;
    uint32_t version;
    uint32_t core_size;             // fs_state_size() of the server that wrote it
    uint32_t incarnation;           // servers that have run on it, this one included
    struct call calls[NCALL];
    uint8_t core[] __attribute__((aligned(8)));  // the core's tables, core_size bytes
};

_Static_assert(sizeof(struct keep) < USTATE_PAGES * PGSIZE, "the calls fit the state segment");

static bool marked_ours(const struct keep *k)
{
    return k->magic == KEEP_MAGIC && k->version == KEEP_VERSION && k->core_size == fs_state_size();
}

static int take_over(struct keep *k)
{
    int repairs = fs_resume();
    if (repairs < 0)
        return repairs;
    calls_attach(k->calls, true);
    k->incarnation++;
    cprintf("fs: incarnation %u: took over the open files and pipes, %d entries repaired\n",
            k->incarnation, repairs);
    return 0;
}

static int start_empty(struct keep *k)
{
    k->magic = 0;
    memset(k->calls, 0, sizeof(k->calls));
    int r = fs_init();
    if (r < 0)
        return r;
    calls_attach(k->calls, false);
    k->version = KEEP_VERSION;
    k->core_size = fs_state_size();
    k->incarnation = 1;
    k->magic = KEEP_MAGIC;
    cprintf("fs: incarnation 1: empty tables\n");
    return 0;
}

// Attach the segment, then mount the disk: 0, or the error that leaves
// the server without a file system.
int keep_start(void)
{
    void *segment;
    struct keep *k;
    bool kept;
    int r = state_segment(sizeof(*k) + fs_state_size(), &segment, &kept);
    if (r < 0)
        return r;
    k = segment;
    fs_attach_state(k->core);
    return kept && marked_ours(k) ? take_over(k) : start_empty(k);
}
