// Big files through the file server: one of the largest size a file can
// have (12 direct and 128 indirect blocks), written in 4 KiB calls and
// read back in odd-sized ones; a byte more refused whole; sizes on each
// side of the direct/indirect boundary; a write in the middle of a big
// file; truncation giving every block back; and files of the largest
// size until the disk is full, then all removed.  fsck afterwards finds
// every block accounted for.
#include "storage.h"

#define MAXFILE_BYTES ((12 + 128) * 512)
#define DIRECT_BYTES (12 * 512)
#define MIDDLE 30000
#define PATCH 5000
#define MAXFILES 64

static uint8_t data[MAXFILE_BYTES + 512], back[MAXFILE_BYTES + 512];

static void largest_file(void)
{
    int32_t fd;
    uint32_t n;
    struct fs_devno dev;
    fill(data, MAXFILE_BYTES, 0, 1);
    expect("create big", fs_call_open("/big", O_CREATE | O_RDWR, &fd), 0);
    expect("write the largest file", write_all(fd, data, MAXFILE_BYTES, FS_MAXIO), MAXFILE_BYTES);
    expect("one byte more", fs_call_write(fd, data, 1, &n, &dev), E_TOOBIG);
    fs_call_close(fd);
    expect("size", size_of("/big"), MAXFILE_BYTES);
    memset(back, 0, sizeof(back));
    expect("open to read", fs_call_open("/big", O_RDONLY, &fd), 0);
    expect("read back in 1000-byte calls", read_all(fd, back, sizeof(back), 1000), MAXFILE_BYTES);
    fs_call_close(fd);
    expect("same bytes", matches(back, MAXFILE_BYTES, 0, 1), 1);
}

// Overwrite PATCH bytes at MIDDLE: read up to there, then write.
static void middle_write(void)
{
    int32_t fd;
    fill(data + MIDDLE, PATCH, MIDDLE, 2);
    expect("open to patch", fs_call_open("/big", O_RDWR, &fd), 0);
    expect("read to the middle", read_all(fd, back, MIDDLE, FS_MAXIO), MIDDLE);
    expect("write in the middle", write_all(fd, data + MIDDLE, PATCH, 1234), PATCH);
    fs_call_close(fd);
    expect("patched file read back", get_file("/big", back, sizeof(back)), MAXFILE_BYTES);
    expect("patched bytes", memcmp(back, data, MAXFILE_BYTES), 0);
}

static void boundaries(void)
{
    static const uint32_t sizes[] = { 0, 1, 511, 512, 513, DIRECT_BYTES - 1, DIRECT_BYTES, DIRECT_BYTES + 1,
                                      DIRECT_BYTES + 512 * 64, MAXFILE_BYTES - 1 };
    char name[16];
    int good = 0, n = sizeof(sizes) / sizeof(sizes[0]);
    for (int i = 0; i < n; i++) {
        snprintf_rt(name, sizeof(name), "/s%d", i);
        fill(data, sizes[i], 0, 10 + i);
        put_file(name, data, sizes[i]);
    }
    for (int i = 0; i < n; i++) {
        snprintf_rt(name, sizeof(name), "/s%d", i);
        int got = get_file(name, back, sizeof(back));
        good += got == (int)sizes[i] && matches(back, got, 0, 10 + i);
        fs_call_unlink(name);
    }
    expect("sizes around the block boundaries", good, n);
}

static void truncation(void)
{
    int32_t fd;
    expect("truncate big", fs_call_open("/big", O_WRONLY | O_TRUNC, &fd), 0);
    fs_call_close(fd);
    expect("truncated to nothing", size_of("/big"), 0);
    expect("remove big", fs_call_unlink("/big"), 0);
}

// Files of the largest size until the disk is full: the last write is
// short or fails with E_NOSPC, never more.
static void disk_full(void)
{
    char name[16];
    int i, r = MAXFILE_BYTES, removed = 0;
    fill(data, MAXFILE_BYTES, 0, 3);
    for (i = 0; i < MAXFILES && r == MAXFILE_BYTES; i++) {
        snprintf_rt(name, sizeof(name), "/full%d", i);
        r = put_file(name, data, MAXFILE_BYTES);
    }
    cprintf("fs_big: %d files of %d bytes, then a write of %d\n", i - 1, MAXFILE_BYTES, r);
    expect("disk fills", r < MAXFILE_BYTES && (r >= 0 || r == E_NOSPC), 1);
    for (int j = 0; j < i; j++) {
        snprintf_rt(name, sizeof(name), "/full%d", j);
        removed += fs_call_unlink(name) == 0;
    }
    expect("all removed", removed, i);
}

int main(void)
{
    start_storage();
    largest_file();
    middle_write();
    boundaries();
    truncation();
    disk_full();
    finish("fs_big");
    return 0;
}
