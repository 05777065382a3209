// The file-system benchmark, run as the root task with the disk driver
// and the file server as further boot modules and a fresh disk image
// (tools/bench makes one).  Like ipcbench, each figure is the median over
// ROUNDS rounds of the time-stamp-counter cost of one operation; under
// QEMU's -icount shift=0 that is a count of guest instructions plus the
// time the guest spent waiting for the disk, in the same unit.
//
//   fs_create_write_unlink  open(O_CREATE) + write 512 bytes + close + unlink
//   fs_write_seq_512        one 512-byte write, writing a 64 KiB file from the start
//   fs_write_64k            the whole 64 KiB file: open(O_TRUNC), 128 such writes, close
//   fs_read_seq_512         one 512-byte read, reading that file from the start
//   fs_fstat                fstat of an open file
//   fs_read_hot_512         one 512-byte read of a 4 KiB file whose blocks are all cached
//   fs_read_hot_4k          one 4 KiB read of that file
//   fs_null                 a call fs does not serve (an operation number
//                           no interface version has), answered E_NOSYS by
//                           its dispatcher: the price of reaching fs and back
//
// Every operation goes client -> fs -> ide and back; every change is a
// log operation, committed before the call returns.  Beside each figure
// a "count" line says what the disk driver did for it over all rounds
// (blk's counters): device commands and flushes, and how many of the
// operation were done, so tools/bench can print them per operation.
#include "storage.h"
#include "bench.h"

#define CREATE_ITERS 16
#define FILE_BYTES (64 * 1024)
#define CALL_BYTES 512
#define CALLS (FILE_BYTES / CALL_BYTES)

#define HOT_BYTES 4096         // a file small enough to stay in the block cache (NBUF)
#define HOT_PASSES 16
#define FSTAT_ITERS 500

static uint8_t block[CALL_BYTES];
static uint8_t hot_buf[HOT_BYTES];

struct counts {
    uint32_t commands, flushes, sectors;
};

static struct counts counts(void)
{
    struct counts c;
    must(blk_call_counters(&c.commands, &c.flushes, &c.sectors), "blk counters");
    return c;
}

// What the driver did between before and now, for ops operations of name.
static void report_counts(const char *name, struct counts before, uint32_t ops)
{
    struct counts now = counts();
    cprintf("count %s ops %u commands %u flushes %u\n", name, ops, now.commands - before.commands,
            now.flushes - before.flushes);
}

// Add what the driver did from a to b to *sum.
static void add(struct counts *sum, struct counts a, struct counts b)
{
    sum->commands += b.commands - a.commands;
    sum->flushes += b.flushes - a.flushes;
}

static void create_cycle(void)
{
    int32_t fd;
    uint32_t n;
    struct fs_devno dev;
    must(fs_call_open("/f", O_CREATE | O_WRONLY, &fd), "create");
    must(fs_call_write(fd, block, CALL_BYTES, &n, &dev), "write");
    must(fs_call_close(fd), "close");
    must(fs_call_unlink("/f"), "unlink");
}

// The first cycle is not measured: its open carries fs's start-up (in
// micro mode the first request waits while fs mounts the disk; in mono
// mode the first caller runs the mount) and the first reads of the root
// directory and the bitmaps, which cost more than ten later opens.  The
// mean of the rounds, which tools/bench uses, would spread that over
// the cycles as if each paid a share (docs/mono.md).
static void create_write_unlink(void)
{
    uint32_t per_op[ROUNDS];
    uint32_t k0[KSTAT_N], ks[KSTAT_N] = { 0 };
    create_cycle();
    struct counts before = counts();
    kstat_begin(k0);
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < CREATE_ITERS; i++)
            create_cycle();
        per_op[r] = (rdtsc() - t0) / CREATE_ITERS;
    }
    kstat_end(ks, k0);
    report_counts("fs_create_write_unlink", before, ROUNDS * CREATE_ITERS);
    report_kstat("fs_create_write_unlink", ks, ROUNDS * CREATE_ITERS);
    report("fs_create_write_unlink", per_op, ncpus());
}

// What a stretch of a figure did: the kernel's counters and the disk
// driver's, added into the sums.
struct stretch {
    uint32_t kstat[KSTAT_N];
    struct counts disk;
};

static void stretch_begin(struct stretch *at)
{
    at->disk = counts();
    kstat_begin(at->kstat);
}

static void stretch_end(struct stretch *sum, const struct stretch *at)
{
    kstat_end(sum->kstat, at->kstat);
    add(&sum->disk, at->disk, counts());
}

// One pass over the 64 KiB file in 512-byte calls: the cost per call,
// and in *whole the cost of the pass with its open and close.  The
// calls alone go into *calls, the whole pass into *file, so that each
// figure's counters cover what its time does.
static uint32_t pass(int write, uint32_t *whole, struct stretch *calls, struct stretch *file)
{
    int32_t fd;
    uint32_t n;
    struct fs_devno dev;
    struct stretch at_file, at_calls;
    stretch_begin(&at_file);
    uint64_t start = rdtsc();
    must(fs_call_open("/seq", write ? O_CREATE | O_WRONLY | O_TRUNC : O_RDONLY, &fd), "open");
    stretch_begin(&at_calls);
    uint64_t t0 = rdtsc();
    for (int i = 0; i < CALLS; i++) {
        n = CALL_BYTES;
        if (write)
            must(fs_call_write(fd, block, CALL_BYTES, &n, &dev), "write");
        else
            must(fs_call_read(fd, block, &n, &dev), "read");
        if (n != CALL_BYTES)
            must(E_IO, "short transfer");
    }
    uint32_t per_call = (rdtsc() - t0) / CALLS;
    stretch_end(calls, &at_calls);
    must(fs_call_close(fd), "close");
    *whole = rdtsc() - start;
    stretch_end(file, &at_file);
    return per_call;
}

static void report_stretch(const char *name, const struct stretch *s, uint32_t ops)
{
    cprintf("count %s ops %u commands %u flushes %u\n", name, ops, s->disk.commands, s->disk.flushes);
    report_kstat(name, s->kstat, ops);
}

static void sequential(void)
{
    uint32_t wr[ROUNDS], rd[ROUNDS], wr_file[ROUNDS], rd_file[ROUNDS];
    struct stretch writes = { { 0 }, { 0, 0, 0 } }, file = { { 0 }, { 0, 0, 0 } };
    struct stretch reads = { { 0 }, { 0, 0, 0 } }, read_file = { { 0 }, { 0, 0, 0 } };
    for (int r = 0; r < ROUNDS; r++) {
        wr[r] = pass(1, &wr_file[r], &writes, &file);
        rd[r] = pass(0, &rd_file[r], &reads, &read_file);
    }
    report_stretch("fs_write_seq_512", &writes, ROUNDS * CALLS);
    report_stretch("fs_write_64k", &file, ROUNDS);
    report_stretch("fs_read_seq_512", &reads, ROUNDS * CALLS);
    report("fs_write_seq_512", wr, ncpus());
    report("fs_write_64k", wr_file, ncpus());
    report("fs_read_seq_512", rd, ncpus());
}

static void bench_fstat(void)
{
    uint32_t per_op[ROUNDS], k0[KSTAT_N], ks[KSTAT_N] = { 0 };
    int32_t fd;
    struct fs_fileinfo st;
    must(fs_call_open("/seq", O_RDONLY, &fd), "open");
    kstat_begin(k0);
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < FSTAT_ITERS; i++)
            must(fs_call_fstat(fd, &st), "fstat");
        per_op[r] = (rdtsc() - t0) / FSTAT_ITERS;
    }
    kstat_end(ks, k0);
    must(fs_call_close(fd), "close");
    report_kstat("fs_fstat", ks, ROUNDS * FSTAT_ITERS);
    report("fs_fstat", per_op, ncpus());
}

// Reads of size bytes from /hot, which one earlier pass has brought
// into the block cache: opening and closing are not timed.
static void hot_reads(const char *name, uint32_t size)
{
    uint32_t per_op[ROUNDS], k0[KSTAT_N], ks[KSTAT_N] = { 0 };
    uint32_t per_pass = HOT_BYTES / size;
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t sum = 0;
        for (int p = 0; p < HOT_PASSES; p++) {
            int32_t fd;
            struct fs_devno dev;
            must(fs_call_open("/hot", O_RDONLY, &fd), "open");
            kstat_begin(k0);
            uint64_t t0 = rdtsc();
            for (uint32_t i = 0; i < per_pass; i++) {
                uint32_t n = size;
                must(fs_call_read(fd, hot_buf, &n, &dev), "read");
                if (n != size)
                    must(E_IO, "short read");
            }
            sum += rdtsc() - t0;
            kstat_end(ks, k0);
            must(fs_call_close(fd), "close");
        }
        per_op[r] = sum / (HOT_PASSES * per_pass);
    }
    report_kstat(name, ks, ROUNDS * HOT_PASSES * per_pass);
    report(name, per_op, ncpus());
}

static void hot_file(void)
{
    int32_t fd;
    uint32_t n = HOT_BYTES;
    struct fs_devno dev;
    must(fs_call_open("/hot", O_CREATE | O_WRONLY, &fd), "create");
    must(fs_call_write(fd, hot_buf, HOT_BYTES, &n, &dev), "write");
    must(fs_call_close(fd), "close");
    hot_reads("fs_read_hot_512", 512);
    hot_reads("fs_read_hot_4k", HOT_BYTES);
}

// An operation fs does not have: its dispatcher answers E_NOSYS at once,
// so the figure is the crossing (an IPC round trip in micro mode, a
// resident call in mono mode) and fs's loop around the dispatcher.
#define FS_OP_NONE 0xffff

static void bench_null(void)
{
    uint32_t per_op[ROUNDS], k0[KSTAT_N], ks[KSTAT_N] = { 0 };
    kstat_begin(k0);
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < FSTAT_ITERS; i++) {
            struct ipc_msg m;
            memset(&m, 0, sizeof(m));
            m.label = IPC_LABEL(FS_IFACE_ID, FS_VERSION, FS_OP_NONE);
            if (ipc_call(EP_FS, &m) < 0 || (int32_t)m.label != E_NOSYS)
                must(E_IO, "fs answered an operation it does not have");
        }
        per_op[r] = (rdtsc() - t0) / FSTAT_ITERS;
    }
    kstat_end(ks, k0);
    report_kstat("fs_null", ks, ROUNDS * FSTAT_ITERS);
    report("fs_null", per_op, ncpus());
}

int main(void)
{
    fill(block, sizeof(block), 0, 1);
    start_storage();
    create_write_unlink();
    sequential();
    bench_fstat();
    bench_null();
    hot_file();
    cprintf("bench done\n");
    sys_halt(0);
    return 0;
}
