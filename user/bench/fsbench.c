// The file-system benchmark, run as the root task with the disk driver
// and the file server as further boot modules and a fresh disk image
// (tools/bench makes one).  Like ipcbench, each figure is the median over
// ROUNDS rounds of the time-stamp-counter cost of one operation; under
// QEMU's -icount shift=0 that is a count of guest instructions plus the
// time the guest spent waiting for the disk, in the same unit.
//
//   fs_create_write_unlink  open(O_CREATE) + write 512 bytes + close + unlink
//   fs_write_seq_512        one 512-byte write, writing a 64 KiB file from the start
//   fs_read_seq_512         one 512-byte read, reading that file from the start
//
// Every operation goes client -> fs -> ide and back; every change is a
// log operation, committed before the call returns.
#include "../ktest/storage.h"

#define ROUNDS 7
#define CREATE_ITERS 16
#define FILE_BYTES (64 * 1024)
#define CALL_BYTES 512
#define CALLS (FILE_BYTES / CALL_BYTES)

static uint8_t block[CALL_BYTES];

static inline uint64_t rdtsc(void)
{
    uint64_t v;
    asm volatile("rdtsc" : "=A"(v));
    return v;
}

static void sort(uint32_t *v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            uint32_t t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

// One figure, in ipcbench's format: the median and every round.
static void report(const char *name, uint32_t *per_op)
{
    char rounds[128];
    int n = 0;
    for (int i = 0; i < ROUNDS; i++)
        n += snprintf_rt(rounds + n, sizeof(rounds) - n, i ? ",%u" : "%u", per_op[i]);
    sort(per_op, ROUNDS);
    cprintf("bench %s median %u cpus %u rounds %s\n", name, per_op[ROUNDS / 2], ncpus(), rounds);
}

static void create_write_unlink(void)
{
    uint32_t per_op[ROUNDS];
    int32_t fd;
    uint32_t n;
    struct fs_devno dev;
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < CREATE_ITERS; i++) {
            must(fs_call_open("/f", O_CREATE | O_WRONLY, &fd), "create");
            must(fs_call_write(fd, block, CALL_BYTES, &n, &dev), "write");
            must(fs_call_close(fd), "close");
            must(fs_call_unlink("/f"), "unlink");
        }
        per_op[r] = (rdtsc() - t0) / CREATE_ITERS;
    }
    report("fs_create_write_unlink", per_op);
}

// One pass over the 64 KiB file in 512-byte calls: cost per call.
static uint32_t pass(int write)
{
    int32_t fd;
    uint32_t n;
    struct fs_devno dev;
    must(fs_call_open("/seq", write ? O_CREATE | O_WRONLY | O_TRUNC : O_RDONLY, &fd), "open");
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
    must(fs_call_close(fd), "close");
    return per_call;
}

static void sequential(void)
{
    uint32_t wr[ROUNDS], rd[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        wr[r] = pass(1);
        rd[r] = pass(0);
    }
    report("fs_write_seq_512", wr);
    report("fs_read_seq_512", rd);
}

int main(void)
{
    fill(block, sizeof(block), 0, 1);
    start_storage();
    create_write_unlink();
    sequential();
    cprintf("bench done\n");
    sys_halt(0);
    return 0;
}
