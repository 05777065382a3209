// What file operations cost the disk, read from the driver's counters
// (blk.idl, op counters): device commands and flushes.  The test checks
// them against what the log protocol allows (servers/fs/log.c): each
// committed transaction 1 flush, plus 2 for each checkpoint, which
// comes at most once every LOGSIZE - MAXOPBLOCKS blocks logged.  A driver
// that flushed after every block, as this one once did, would need a
// flush per block: about 30 per create cycle.  Committed blocks go home
// at the checkpoint, once each, not after every commit.
//
//   alone:    CYCLES times create + write 512 bytes + close + unlink, one
//             client.  Three of the four commit (close of a linked file
//             changes nothing), so 3 flushes a cycle plus checkpoints
//             (a cycle logs 8 blocks: under 1 checkpoint a cycle).
//   together: WORKERS clients doing the same at once; their requests
//             wait at the server while it waits for the disk, so group
//             commit puts several into one transaction and a cycle costs
//             fewer flushes than alone.  Not in mono mode, where each
//             client runs fs in its own thread and there are no groups
//             (docs/mono.md): there a cycle costs its 3 commits.
//   bigfile:  a 64 KiB file in 4 KiB writes: each write is a few log
//             operations, its blocks go to the log as runs.
#include "storage.h"

#define CYCLES 32
#define WORKERS 4
#define WORKER_CYCLES 16
#define BIG (64 * 1024)
#define CHUNK 4096

struct counts {
    uint32_t commands, flushes;
};

static uint8_t data[CHUNK];

static struct counts counts(void)
{
    struct counts c;
    uint32_t sectors;
    must(blk_call_counters(&c.commands, &c.flushes, &sectors), "counters");
    return c;
}

// Print what the driver did since before, per op in hundredths, and
// return the flushes per op in hundredths.
static uint32_t cost(const char *what, struct counts before, uint32_t ops)
{
    struct counts now = counts();
    uint32_t commands = (now.commands - before.commands) * 100 / ops;
    uint32_t flushes = (now.flushes - before.flushes) * 100 / ops;
    cprintf("diskcost: %s: %u ops, commands x100 per op %u, flushes x100 per op %u\n", what, ops, commands,
            flushes);
    return flushes;
}

static int cycle(const char *name)
{
    int32_t fd;
    int r = fs_call_open(name, O_CREATE | O_WRONLY, &fd);
    if (r < 0)
        return r;
    if ((r = write_all(fd, data, 512, 512)) != 512)
        return r < 0 ? r : E_IO;
    if ((r = fs_call_close(fd)) < 0)
        return r;
    return fs_call_unlink(name);
}

static void worker(uint32_t n)
{
    char name[] = "/w0";
    name[2] = '0' + n;
    for (int i = 0; i < WORKER_CYCLES; i++)
        must(cycle(name), "worker cycle");
}

int main(void)
{
    fill(data, sizeof(data), 0, 5);
    start_storage();

    struct counts before = counts();
    int ok = 1;
    for (int i = 0; i < CYCLES; i++)
        ok &= cycle("/alone") == 0;
    expect("create cycles", ok, 1);
    uint32_t alone = cost("alone", before, CYCLES);
    expect("1 flush a commit and a checkpoint's share", alone <= 400, 1);

    before = counts();
    uint32_t ids[WORKERS];
    for (uint32_t w = 0; w < WORKERS; w++)
        ids[w] = fork_child(worker, w, CPU_ANY);
    for (uint32_t w = 0; w < WORKERS; w++)
        wait_gone(ids[w]);
    expect("every worker's files are gone", size_of("/w0") == E_NOENT && size_of("/w3") == E_NOENT, 1);
    uint32_t together = cost("together", before, WORKERS * WORKER_CYCLES);
    if (endpoint_resident(EP_FS))
        expect("mono mode, no groups: 3 commits a cycle and checkpoints", together >= 300 && together <= 400, 1);
    else
        expect("group commit: fewer flushes a cycle than alone", together < alone, 1);

    before = counts();
    expect("a 64 KiB file", put_file("/big", data, CHUNK) == CHUNK, 1);
    int32_t fd;
    must(fs_call_open("/big", O_WRONLY | O_TRUNC, &fd), "open /big");
    ok = 1;
    for (int i = 0; i < BIG / CHUNK; i++)
        ok &= write_all(fd, data, CHUNK, CHUNK) == CHUNK;
    must(fs_call_close(fd), "close /big");
    expect("its writes", ok, 1);
    cost("bigfile", before, BIG / CHUNK);
    expect("its size", size_of("/big"), BIG);
    finish("fs_diskcost");
    return 0;
}
