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
#include "bench.h"

#define CREATE_ITERS 16
#define FILE_BYTES (64 * 1024)
#define CALL_BYTES 512
#define CALLS (FILE_BYTES / CALL_BYTES)

static uint8_t block[CALL_BYTES];




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
    report("fs_create_write_unlink", per_op, ncpus());
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
    report("fs_write_seq_512", wr, ncpus());
    report("fs_read_seq_512", rd, ncpus());
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
