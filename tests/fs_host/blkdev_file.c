// A block device over an image file, with crash simulation at the log's
// commit point (see harness.h), and the core's panic routine.
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define BLOCK 512
#define SUPERBLOCK 1
#define SB_LOGSTART_WORD 4      // size nblocks ninodes nlog logstart ...

static int image_fd = -1;
static uint32_t image_blocks;
static uint32_t log_header_block;

static struct {
    int armed;
    enum crash_point when;
    int countdown;      // commit-point writes left before the crash
    int down;           // power is off: writes are dropped
} crash;

void
check_failed(const char *file, int line, const char *expr, long got, long want)
{
    fprintf(stderr, "%s:%d: check failed: %s (got %ld, want %ld)\n", file, line, expr, got, want);
    exit(1);
}

void
fs_panic(const char *msg)
{
    fprintf(stderr, "fs_panic: %s\n", msg);
    abort();
}

void
image_open(const char *path)
{
    uint32_t super[BLOCK / 4];
    off_t size;

    image_fd = open(path, O_RDWR);
    if (image_fd < 0) {
        perror(path);
        exit(2);
    }
    size = lseek(image_fd, 0, SEEK_END);
    image_blocks = size / BLOCK;
    if (pread(image_fd, super, BLOCK, SUPERBLOCK * BLOCK) != BLOCK) {
        fprintf(stderr, "%s: cannot read the superblock\n", path);
        exit(2);
    }
    log_header_block = super[SB_LOGSTART_WORD];
}

int
blkdev_read(uint32_t block, void *buf)
{
    if (block >= image_blocks)
        return E_IO;
    return pread(image_fd, buf, BLOCK, (off_t)block * BLOCK) == BLOCK ? 0 : E_IO;
}

int
blkdev_read_run(uint32_t block, uint32_t n, void *buf)
{
    if (block >= image_blocks || n > image_blocks - block)
        return E_IO;
    return pread(image_fd, buf, n * BLOCK, (off_t)block * BLOCK) == (ssize_t)(n * BLOCK) ? 0 : E_IO;
}

static int
is_commit_point(uint32_t block, const void *buf)
{
    int32_t n;

    memcpy(&n, buf, sizeof(n));
    return block == log_header_block && n != 0;
}

int
blkdev_write(uint32_t block, const void *buf)
{
    int cut_after = 0;

    if (block >= image_blocks)
        return E_IO;
    if (crash.down)
        return 0;
    if (crash.armed && is_commit_point(block, buf) && --crash.countdown == 0) {
        crash.armed = 0;
        if (crash.when == CRASH_BEFORE_COMMIT) {
            crash.down = 1;
            return 0;
        }
        cut_after = 1;
    }
    if (pwrite(image_fd, buf, BLOCK, (off_t)block * BLOCK) != BLOCK)
        return E_IO;
    crash.down = cut_after;
    return 0;
}

int
blkdev_write_run(uint32_t block, uint32_t n, const void *buf)
{
    const uint8_t *p = buf;
    uint32_t i;

    for (i = 0; i < n; i++) {
        int r = blkdev_write(block + i, p + i * BLOCK);
        if (r < 0)
            return r;
    }
    return 0;
}

// The image file is written in place with no cache in between: every
// write is already where a flush would put it.
int
blkdev_flush(void)
{
    return 0;
}

void
crash_arm(enum crash_point when, int nth)
{
    crash.armed = 1;
    crash.when = when;
    crash.countdown = nth;
    crash.down = 0;
}

int
crashed(void)
{
    return crash.down;
}

int
crash_reboot(void)
{
    crash.armed = 0;
    crash.down = 0;
    return fs_init();
}
