// The host test harness for the file-system core (servers/fs): a block
// device over an image file that can simulate a crash at a commit point,
// the panic routine, and the checks the scenarios use.
#ifndef FS_HOST_HARNESS_H
#define FS_HOST_HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fs.h"

// Open the image that blkdev_read/blkdev_write will use.
void image_open(const char *path);

// Crash simulation.  The log's commit point is the write of its header
// with a non-zero count.  Armed, the device "loses power" at the nth such
// write from now: before it (the write and all later ones are dropped)
// or right after it (only the later ones are dropped).  The core does
// not notice; the scenario then calls crash_reboot(), which lets writes
// through again and runs fs_init() as a restarted machine would.
enum crash_point { CRASH_BEFORE_COMMIT, CRASH_AFTER_COMMIT };
void crash_arm(enum crash_point when, int nth);
int crashed(void);
int crash_reboot(void);

void check_failed(const char *file, int line, const char *expr, long got, long want);

// damage.c: break client's tables as a crash could; the repairs expected.
int damage_tables(uint32_t client, int ok_fd, int pipe_rfd, uint32_t free_inum);
// damage.c: a close cut short after dropping the reference, before the
// inode was put.
void cut_close(uint32_t client, int fd);

// EXPECT(got, want): integers compare equal, else the scenario fails
// with both values shown.
#define EXPECT(got, want)                                                   \
    do {                                                                    \
        long got_ = (long)(got), want_ = (long)(want);                      \
        if (got_ != want_)                                                  \
            check_failed(__FILE__, __LINE__, #got " == " #want, got_, want_); \
    } while (0)

#define CHECK(cond) EXPECT(!!(cond), 1)

#endif
