// Scenarios for the file-system core on the host.
//
//     fs_host IMAGE SCENARIO [HOST-FILE...]
//
// Each scenario starts the core on IMAGE (made by tools/mkfs), drives it
// through the public API in fs.h as clients would, checks every answer,
// and leaves the image for tools/fsck.  It prints "ok SCENARIO" or a
// failed check and exits non-zero.
#include <string.h>

#include "harness.h"
#include "fs_rt.h"

#define MAXFILE_BYTES FS_MAXFILE_BYTES
#define CREATE_RW (FS_O_CREATE | FS_O_RDWR)
#define PIPESIZE 512
#define NFILE 100
#define NCLIENT 64
#define NINODES_DEFAULT 200      // inodes on a default mkfs image
#define DATA_BLOCKS_DEFAULT 941  // data blocks on a default mkfs image
#define BLOCK 512
#define NDIRECT 12

// Client ids, as the kernel would stamp them.
enum { A = 1, B = 2, C = 3 };

static char big[MAXFILE_BYTES + BLOCK];
static char back[MAXFILE_BYTES + BLOCK];

static void
pattern(char *buf, int n, int seed)
{
    for (int i = 0; i < n; i++)
        buf[i] = (char)(i * 7 + seed + i / 251);
}

static void
put_file(uint32_t client, const char *path, const void *data, int n)
{
    int fd = fs_open(client, path, FS_O_CREATE | FS_O_WRONLY | FS_O_TRUNC);

    CHECK(fd >= 0);
    EXPECT(fs_write(client, fd, data, n), n);
    EXPECT(fs_close(client, fd), 0);
}

// Read path whole into back; its size.
static int
get_file(uint32_t client, const char *path)
{
    int fd = fs_open(client, path, FS_O_RDONLY), n = 0, r;

    CHECK(fd >= 0);
    while ((r = fs_read(client, fd, back + n, 1000)) > 0)
        n += r;
    EXPECT(r, 0);
    EXPECT(fs_close(client, fd), 0);
    return n;
}

static void
expect_content(uint32_t client, const char *path, const char *want, int n)
{
    EXPECT(get_file(client, path), n);
    CHECK(memcmp(back, want, n) == 0);
}

static struct fs_stat
stat_path(uint32_t client, const char *path)
{
    struct fs_stat st;
    int fd = fs_open(client, path, FS_O_RDONLY);

    CHECK(fd >= 0);
    EXPECT(fs_fstat(client, fd, &st), 0);
    EXPECT(fs_close(client, fd), 0);
    return st;
}

static void
scenario_files(void)
{
    struct fs_stat st;
    char buf[64];
    int fd, i;

    fd = fs_open(A, "a", CREATE_RW);
    EXPECT(fd, 0);
    EXPECT(fs_write(A, fd, "hello", 5), 5);
    EXPECT(fs_close(A, fd), 0);
    expect_content(A, "a", "hello", 5);

    // Append: read to the end, then write on.
    fd = fs_open(A, "a", FS_O_RDWR);
    EXPECT(fs_read(A, fd, buf, sizeof(buf)), 5);
    EXPECT(fs_read(A, fd, buf, sizeof(buf)), 0);
    EXPECT(fs_write(A, fd, " world", 6), 6);
    EXPECT(fs_close(A, fd), 0);
    expect_content(A, "a", "hello world", 11);

    // Overwrite in place, O_CREATE on an existing file keeps it, O_TRUNC empties it.
    fd = fs_open(A, "a", FS_O_WRONLY);
    EXPECT(fs_write(A, fd, "J", 1), 1);
    EXPECT(fs_close(A, fd), 0);
    fd = fs_open(A, "a", CREATE_RW);
    EXPECT(fs_close(A, fd), 0);
    expect_content(A, "a", "Jello world", 11);
    st = stat_path(A, "a");
    EXPECT(st.type, FS_T_FILE);
    EXPECT(st.nlink, 1);
    EXPECT(st.size, 11);
    EXPECT(st.dev, 1);
    EXPECT(st.ino, 2);
    fd = fs_open(A, "a", FS_O_WRONLY | FS_O_TRUNC);
    EXPECT(fs_fstat(A, fd, &st), 0);
    EXPECT(st.size, 0);
    EXPECT(fs_write(A, fd, "x", 1), 1);
    EXPECT(fs_close(A, fd), 0);
    expect_content(A, "a", "x", 1);

    // Small pieces across block boundaries.
    pattern(big, 3000, 1);
    fd = fs_open(A, "pieces", CREATE_RW);
    for (i = 0; i < 3000; i += 7)
        EXPECT(fs_write(A, fd, big + i, i + 7 <= 3000 ? 7 : 3000 - i), i + 7 <= 3000 ? 7 : 3000 - i);
    EXPECT(fs_close(A, fd), 0);
    fd = fs_open(A, "pieces", FS_O_RDONLY);
    for (i = 0; i < 3000; i += 13)
        EXPECT(fs_read(A, fd, back + i, 13), i + 13 <= 3000 ? 13 : 3000 - i);
    EXPECT(fs_close(A, fd), 0);
    CHECK(memcmp(back, big, 3000) == 0);

    // Links: both names reach the data; the last unlink removes it.
    EXPECT(fs_link(A, "pieces", "p2"), 0);
    EXPECT(stat_path(A, "p2").nlink, 2);
    EXPECT(fs_unlink(A, "pieces"), 0);
    EXPECT(stat_path(A, "p2").nlink, 1);
    expect_content(A, "p2", big, 3000);
    EXPECT(fs_unlink(A, "p2"), 0);
    EXPECT(fs_open(A, "p2", FS_O_RDONLY), E_NOENT);
    EXPECT(fs_exit(A), 0);
}

static void
expect_dirent(const char *raw, int index, int inum, const char *name)
{
    unsigned short got;

    memcpy(&got, raw + 16 * index, 2);
    EXPECT(got, inum);
    CHECK(strncmp(raw + 16 * index + 2, name, 14) == 0);
}

static void
scenario_dirs(void)
{
    char raw[48];
    int fd, d_ino, e_ino;

    EXPECT(stat_path(A, "/").nlink, 1);
    EXPECT(fs_mkdir(A, "d"), 0);
    // A directory's "." is no link; its ".." is one for the parent.
    EXPECT(stat_path(A, "d").nlink, 1);
    EXPECT(stat_path(A, "/").nlink, 2);
    EXPECT(fs_mkdir(A, "d/e"), 0);
    EXPECT(stat_path(A, "d").nlink, 2);
    put_file(A, "d/e/f", "deep", 4);
    expect_content(A, "/d/e/f", "deep", 4);
    expect_content(A, "d/./e/../e/f", "deep", 4);
    expect_content(A, "//d//e//f", "deep", 4);
    EXPECT(stat_path(A, "d/e/..").ino, stat_path(A, "d").ino);

    // A directory reads as its entries.
    d_ino = stat_path(A, "d").ino;
    e_ino = stat_path(A, "d/e").ino;
    fd = fs_open(A, "d", FS_O_RDONLY);
    EXPECT(fs_read(A, fd, raw, sizeof(raw)), 48);
    EXPECT(fs_close(A, fd), 0);
    expect_dirent(raw, 0, d_ino, ".");
    expect_dirent(raw, 1, 1, "..");
    expect_dirent(raw, 2, e_ino, "e");

    EXPECT(fs_mkdir(A, "d"), E_EXIST);
    EXPECT(fs_mkdir(A, "d/e/f/g"), E_NOTDIR);
    EXPECT(fs_mkdir(A, "x/y"), E_NOENT);
    EXPECT(fs_mkdir(A, "t/"), 0);
    EXPECT(stat_path(A, "t").type, FS_T_DIR);
    EXPECT(fs_unlink(A, "t/"), 0);

    EXPECT(fs_unlink(A, "d"), E_NOTEMPTY);
    EXPECT(fs_unlink(A, "d/e"), E_NOTEMPTY);
    EXPECT(fs_unlink(A, "d/e/f"), 0);
    EXPECT(fs_unlink(A, "d/e"), 0);
    EXPECT(stat_path(A, "d").nlink, 1);
    EXPECT(fs_unlink(A, "d"), 0);
    EXPECT(stat_path(A, "/").nlink, 1);
    EXPECT(fs_open(A, "d", FS_O_RDONLY), E_NOENT);

    // A freed slot is reused before the directory grows.
    EXPECT(fs_mkdir(A, "one"), 0);
    EXPECT(fs_mkdir(A, "two"), 0);
    EXPECT(stat_path(A, "/").size, BLOCK);
    EXPECT(fs_unlink(A, "one"), 0);
    EXPECT(fs_mkdir(A, "three"), 0);
    fd = fs_open(A, "/", FS_O_RDONLY);
    EXPECT(fs_read(A, fd, raw, sizeof(raw)), 48);
    EXPECT(fs_close(A, fd), 0);
    expect_dirent(raw, 2, stat_path(A, "three").ino, "three");
    EXPECT(fs_exit(A), 0);
}

static void
scenario_chdir(void)
{
    EXPECT(fs_mkdir(A, "d"), 0);
    EXPECT(fs_chdir(A, "d"), 0);
    put_file(A, "f", "in d", 4);
    expect_content(A, "/d/f", "in d", 4);
    expect_content(A, "../d/f", "in d", 4);
    EXPECT(fs_mkdir(A, "sub"), 0);
    EXPECT(fs_link(A, "f", "sub/g"), 0);
    expect_content(A, "/d/sub/g", "in d", 4);
    EXPECT(fs_unlink(A, "sub/g"), 0);
    EXPECT(fs_chdir(A, "sub"), 0);
    expect_content(A, "../f", "in d", 4);
    EXPECT(fs_chdir(A, "nonexistent"), E_NOENT);
    EXPECT(fs_chdir(A, "../f"), E_NOTDIR);
    EXPECT(fs_chdir(A, "/"), 0);
    expect_content(A, "d/f", "in d", 4);

    // Each client has its own working directory.
    EXPECT(fs_chdir(B, "d"), 0);
    expect_content(B, "f", "in d", 4);
    EXPECT(fs_open(C, "f", FS_O_RDONLY), E_NOENT);

    // A working directory removed by someone else: nothing new can be
    // made in it, and the client's exit frees it.
    EXPECT(fs_mkdir(A, "gone"), 0);
    EXPECT(fs_chdir(C, "/gone"), 0);
    EXPECT(fs_unlink(A, "gone"), 0);
    EXPECT(fs_open(C, "x", CREATE_RW), E_NOENT);
    EXPECT(fs_mkdir(C, "y"), E_NOENT);
    EXPECT(fs_exit(C), 0);
    EXPECT(fs_exit(B), 0);
    EXPECT(fs_exit(A), 0);
}

static void
scenario_bigfile(void)
{
    struct fs_stat st;
    int fd;

    pattern(big, MAXFILE_BYTES, 3);
    fd = fs_open(A, "big", CREATE_RW);
    EXPECT(fs_write(A, fd, big, MAXFILE_BYTES), MAXFILE_BYTES);
    EXPECT(fs_write(A, fd, "!", 1), E_TOOBIG);
    EXPECT(fs_fstat(A, fd, &st), 0);
    EXPECT(st.size, MAXFILE_BYTES);
    EXPECT(fs_close(A, fd), 0);
    expect_content(A, "big", big, MAXFILE_BYTES);

    // A write that would cross the limit is refused whole.
    fd = fs_open(A, "big", FS_O_RDWR);
    EXPECT(fs_read(A, fd, back, MAXFILE_BYTES - 600), MAXFILE_BYTES - 600);
    EXPECT(fs_write(A, fd, big, 601), E_TOOBIG);
    pattern(big + MAXFILE_BYTES - 600, 600, 9);
    EXPECT(fs_write(A, fd, big + MAXFILE_BYTES - 600, 600), 600);
    EXPECT(fs_close(A, fd), 0);
    expect_content(A, "big", big, MAXFILE_BYTES);

    // Growing past the direct blocks into the indirect one, bit by bit.
    fd = fs_open(A, "grow", CREATE_RW);
    for (int off = 0; off < (NDIRECT + 3) * BLOCK; off += 1000)
        EXPECT(fs_write(A, fd, big + off, 1000), 1000);
    EXPECT(fs_close(A, fd), 0);
    expect_content(A, "grow", big, 8000);
    EXPECT(fs_exit(A), 0);
}

static void
scenario_diskfull(void)
{
    // A default image has DATA_BLOCKS_DEFAULT data blocks; the root
    // directory uses one, "twelve" NDIRECT and "one" one.  A full-size
    // file uses MAXFILE blocks plus its indirect block.
    int free_blocks = DATA_BLOCKS_DEFAULT - 1 - NDIRECT - 1;
    int files = free_blocks / (MAXFILE_BYTES / BLOCK + 1);
    int left = free_blocks - files * (MAXFILE_BYTES / BLOCK + 1);
    char name[16];
    int fd, i;

    pattern(big, MAXFILE_BYTES, 5);
    put_file(A, "twelve", big, NDIRECT * BLOCK);
    put_file(A, "one", big, BLOCK);
    for (i = 0; i < files; i++) {
        snprintf(name, sizeof(name), "big%d", i);
        put_file(A, name, big, MAXFILE_BYTES);
    }
    // The last file gets what is left, less its indirect block.
    fd = fs_open(A, "last", CREATE_RW);
    EXPECT(fs_write(A, fd, big, MAXFILE_BYTES), (left - 1) * BLOCK);
    EXPECT(fs_write(A, fd, big, 10), E_NOSPC);
    EXPECT(fs_close(A, fd), 0);
    expect_content(A, "last", big, (left - 1) * BLOCK);

    // A new directory needs a block: refused, and no inode is left behind.
    EXPECT(fs_mkdir(A, "dir"), E_NOSPC);
    EXPECT(fs_open(A, "dir", FS_O_RDONLY), E_NOENT);
    fd = fs_open(A, "empty", CREATE_RW);
    EXPECT(fs_write(A, fd, "x", 1), E_NOSPC);
    EXPECT(fs_close(A, fd), 0);

    // One free block: growing "twelve" needs an indirect block and a data
    // block, gets the first but not the second, and must give it back.
    EXPECT(fs_unlink(A, "one"), 0);
    fd = fs_open(A, "twelve", FS_O_RDWR);
    EXPECT(fs_read(A, fd, back, MAXFILE_BYTES), NDIRECT * BLOCK);
    EXPECT(fs_write(A, fd, big, 1), E_NOSPC);
    EXPECT(fs_close(A, fd), 0);
    EXPECT(fs_mkdir(A, "dir"), 0);
    EXPECT(fs_unlink(A, "dir"), 0);

    // Space comes back when a file goes.
    EXPECT(fs_unlink(A, "big0"), 0);
    put_file(A, "again", big, MAXFILE_BYTES);
    expect_content(A, "again", big, MAXFILE_BYTES);
    EXPECT(fs_unlink(A, "last"), 0);
    EXPECT(fs_mkdir(A, "dir"), 0);
    EXPECT(fs_exit(A), 0);
}

static void
scenario_inodes(void)
{
    char name[16];
    int fd, made = 0;

    // Inode 0 is never used and the root has 1.
    for (;;) {
        snprintf(name, sizeof(name), "f%d", made);
        fd = fs_open(A, name, CREATE_RW);
        if (fd < 0)
            break;
        EXPECT(fs_close(A, fd), 0);
        made++;
    }
    EXPECT(fd, E_NOSPC);
    EXPECT(made, NINODES_DEFAULT - 2);
    EXPECT(fs_mkdir(A, "dir"), E_NOSPC);
    EXPECT(fs_mknod(A, "dev", 1, 1), E_NOSPC);
    EXPECT(fs_unlink(A, "f7"), 0);
    EXPECT(fs_mkdir(A, "dir"), 0);
    EXPECT(fs_open(A, "one-more", CREATE_RW), E_NOSPC);
    EXPECT(fs_exit(A), 0);
}

static void
scenario_pipes(void)
{
    char buf[PIPESIZE * 2];
    struct fs_stat st;
    int fds[2];
    uint32_t before;

    EXPECT(fs_pipe(A, fds), 0);
    EXPECT(fds[0], 0);
    EXPECT(fds[1], 1);
    EXPECT(fs_write(A, fds[1], "abc", 3), 3);
    EXPECT(fs_read(A, fds[0], buf, sizeof(buf)), 3);
    CHECK(memcmp(buf, "abc", 3) == 0);

    // Empty with a writer: wait.  Full with a reader: wait.
    EXPECT(fs_ready(A, fds[0], 0), 0);
    EXPECT(fs_read(A, fds[0], buf, 1), FS_WOULDBLOCK);
    pattern(buf, sizeof(buf), 2);
    EXPECT(fs_write(A, fds[1], buf, 600), PIPESIZE);
    EXPECT(fs_ready(A, fds[1], 1), 0);
    EXPECT(fs_write(A, fds[1], buf + PIPESIZE, 88), FS_WOULDBLOCK);
    EXPECT(fs_ready(A, fds[0], 0), 1);

    // Reading makes room, and the change counter tells the front-end.
    before = fs_pipe_changes();
    EXPECT(fs_read(A, fds[0], back, 100), 100);
    CHECK(fs_pipe_changes() != before);
    EXPECT(fs_ready(A, fds[1], 1), 1);
    EXPECT(fs_write(A, fds[1], buf + PIPESIZE, 88), 88);
    EXPECT(fs_read(A, fds[0], back + 100, sizeof(buf)), PIPESIZE - 100 + 88);
    CHECK(memcmp(back, buf, 600) == 0);

    // The counters a restarted front end mends a cut read or write by
    // (calls.c): a read given back is read again; nothing the writer
    // has written over, or never wrote, can be given back.
    uint32_t nread, nwrite, count;
    EXPECT(fs_pipe_count(A, fds[0], 0, &nread), 0);
    EXPECT(fs_pipe_count(A, fds[1], 1, &nwrite), 0);
    EXPECT(nwrite - nread, 0);
    EXPECT(fs_write(A, fds[1], "klm", 3), 3);
    EXPECT(fs_read(A, fds[0], buf, 2), 2);
    EXPECT(fs_pipe_unread(A, fds[0], nread + 3), E_INVAL);     // past what was read
    EXPECT(fs_pipe_unread(A, fds[0], nwrite - PIPESIZE), E_INVAL);  // written over
    EXPECT(fs_pipe_unread(A, fds[0], nread), 0);
    EXPECT(fs_read(A, fds[0], buf, sizeof(buf)), 3);
    CHECK(memcmp(buf, "klm", 3) == 0);
    EXPECT(fs_pipe_count(A, fds[0], 0, &count), 0);
    EXPECT(count, nread + 3);
    EXPECT(fs_pipe_count(A, 9, 0, &count), E_BADF);

    // Wrong direction, no status.
    EXPECT(fs_read(A, fds[1], buf, 1), E_BADF);
    EXPECT(fs_write(A, fds[0], buf, 1), E_BADF);
    EXPECT(fs_ready(A, fds[1], 0), E_BADF);
    EXPECT(fs_fstat(A, fds[0], &st), E_INVAL);

    // The writer closes: what is left is read, then end of file.
    EXPECT(fs_write(A, fds[1], "xyz", 3), 3);
    before = fs_pipe_changes();
    EXPECT(fs_close(A, fds[1]), 0);
    CHECK(fs_pipe_changes() != before);
    EXPECT(fs_ready(A, fds[0], 0), 1);
    EXPECT(fs_read(A, fds[0], buf, sizeof(buf)), 3);
    EXPECT(fs_read(A, fds[0], buf, sizeof(buf)), 0);
    EXPECT(fs_close(A, fds[0]), 0);

    // The reader closes: writing is an error, not a wait.
    EXPECT(fs_pipe(A, fds), 0);
    EXPECT(fs_close(A, fds[0]), 0);
    EXPECT(fs_ready(A, fds[1], 1), 1);
    EXPECT(fs_write(A, fds[1], "x", 1), E_PIPE);
    EXPECT(fs_close(A, fds[1]), 0);
    EXPECT(fs_exit(A), 0);
}

static void
scenario_fork(void)
{
    char buf[16];
    int fd, fds[2];

    EXPECT(fs_mkdir(A, "d"), 0);
    EXPECT(fs_chdir(A, "d"), 0);
    fd = fs_open(A, "f", CREATE_RW);
    EXPECT(fs_write(A, fd, "ab", 2), 2);
    EXPECT(fs_pipe(A, fds), 0);
    EXPECT(fs_fork(A, B), 0);
    EXPECT(fs_fork(A, B), E_EXIST);
    EXPECT(fs_fork(A, A), E_INVAL);

    // One offset, shared.
    EXPECT(fs_write(B, fd, "cd", 2), 2);
    EXPECT(fs_write(A, fd, "ef", 2), 2);
    EXPECT(fs_close(B, fd), 0);
    EXPECT(fs_write(A, fd, "g", 1), 1);
    EXPECT(fs_read(B, fd, buf, 1), E_BADF);
    expect_content(A, "f", "abcdefg", 7);

    // The child's working directory is the parent's.
    expect_content(B, "f", "abcdefg", 7);
    EXPECT(fs_chdir(B, "/"), 0);
    expect_content(A, "f", "abcdefg", 7);

    // A pipe across the fork: end of file only when every writer closed.
    EXPECT(fs_close(A, fds[0]), 0);
    EXPECT(fs_close(B, fds[1]), 0);
    EXPECT(fs_write(A, fds[1], "hi", 2), 2);
    EXPECT(fs_read(B, fds[0], buf, sizeof(buf)), 2);
    EXPECT(fs_read(B, fds[0], buf, sizeof(buf)), FS_WOULDBLOCK);
    EXPECT(fs_exit(A), 0);
    EXPECT(fs_ready(B, fds[0], 0), 1);
    EXPECT(fs_read(B, fds[0], buf, sizeof(buf)), 0);

    // A grandchild inherits what is left.
    EXPECT(fs_fork(B, C), 0);
    EXPECT(fs_read(C, fds[0], buf, sizeof(buf)), 0);
    EXPECT(fs_exit(B), 0);
    EXPECT(fs_exit(C), 0);
}

static void
scenario_exit(void)
{
    struct fs_stat st;
    char buf[8];
    int fd, keep, fds[2], i, ino;

    // A file removed while open lives until its last descriptor closes.
    pattern(big, 2000, 4);
    put_file(A, "tmp", big, 2000);
    fd = fs_open(A, "tmp", FS_O_RDONLY);
    ino = stat_path(A, "tmp").ino;
    EXPECT(fs_unlink(A, "tmp"), 0);
    EXPECT(fs_open(A, "tmp", FS_O_RDONLY), E_NOENT);
    EXPECT(fs_fstat(A, fd, &st), 0);
    EXPECT(st.nlink, 0);
    EXPECT(fs_read(A, fd, back, 3000), 2000);
    CHECK(memcmp(back, big, 2000) == 0);

    // Exit closes every descriptor: files, pipe ends, duplicates.
    keep = fs_dup(A, fd);
    CHECK(keep > fd);
    EXPECT(fs_pipe(A, fds), 0);
    EXPECT(fs_fork(A, B), 0);
    EXPECT(fs_close(B, fds[1]), 0);
    EXPECT(fs_write(A, fds[1], "z", 1), 1);
    EXPECT(fs_exit(A), 0);
    EXPECT(fs_read(A, fd, buf, 1), E_BADF);
    EXPECT(fs_close(A, keep), E_BADF);
    EXPECT(fs_read(B, fds[0], buf, sizeof(buf)), 1);
    EXPECT(fs_read(B, fds[0], buf, sizeof(buf)), 0);    // A's write end is gone

    // The removed file is still open in B; B's exit frees its inode,
    // which the next new file gets.
    EXPECT(fs_exit(B), 0);
    EXPECT(fs_exit(B), 0);
    fd = fs_open(C, "new", CREATE_RW);
    EXPECT(fs_fstat(C, fd, &st), 0);
    EXPECT(st.ino, ino);

    // Every open-file slot is free again.
    EXPECT(fs_exit(C), 0);
    for (i = 0; i < NFILE; i++) {
        uint32_t client = 10 + i / FS_NOFILE;
        CHECK(fs_open(client, "new", FS_O_RDONLY) >= 0);
    }
    for (i = 0; i < NFILE; i += FS_NOFILE)
        EXPECT(fs_exit(10 + i / FS_NOFILE), 0);
}

static void
scenario_limits(void)
{
    int fd, fds[2], i, opened = 0;
    uint32_t client, last;

    put_file(A, "f", "f", 1);

    // Per client.
    for (i = 0; i < FS_NOFILE; i++)
        EXPECT(fs_open(A, "f", FS_O_RDONLY), i);
    EXPECT(fs_open(A, "f", FS_O_RDONLY), E_NFILE);
    EXPECT(fs_dup(A, 0), E_NFILE);
    EXPECT(fs_pipe(A, fds), E_NFILE);
    EXPECT(fs_open(A, "new", CREATE_RW), E_NFILE);
    EXPECT(fs_open(A, "/", FS_O_RDONLY), E_NFILE);
    EXPECT(fs_close(A, 3), 0);
    EXPECT(fs_dup(A, 0), 3);
    EXPECT(fs_exit(A), 0);

    // System wide: NFILE open files among all clients.
    for (client = 10; opened < NFILE; client++)
        for (i = 0; i < FS_NOFILE && opened < NFILE; i++, opened++)
            CHECK(fs_open(client, "f", FS_O_RDONLY) >= 0);
    EXPECT(fs_open(client, "f", FS_O_RDONLY), E_NFILE);
    EXPECT(fs_pipe(client, fds), E_NFILE);
    EXPECT(fs_close(10, 0), 0);
    EXPECT(fs_pipe(client, fds), E_NFILE);     // a pipe needs two
    fd = fs_open(client, "f", FS_O_RDONLY);
    EXPECT(fd, 0);
    last = client;
    for (client = 10; client <= last; client++)
        EXPECT(fs_exit(client), 0);
    EXPECT(fs_pipe(A, fds), 0);
    EXPECT(fs_exit(A), 0);

    // Clients.
    for (client = 100; client < 100 + NCLIENT; client++)
        EXPECT(fs_chdir(client, "/"), 0);
    EXPECT(fs_open(client, "f", FS_O_RDONLY), E_NOMEM);
    EXPECT(fs_fork(100, client), E_NOMEM);
    EXPECT(fs_exit(100), 0);
    EXPECT(fs_fork(101, client), 0);
    for (client = 101; client <= 100 + NCLIENT; client++)
        EXPECT(fs_exit(client), 0);
}

static void
scenario_badinput(void)
{
    char path[FS_MAXPATH + 80];
    char buf[8];
    struct fs_stat st;
    int fd, fd2, fds[2], i;

    put_file(A, "f", "0123456789", 10);
    EXPECT(fs_mkdir(A, "d"), 0);

    // Descriptors that are not open.
    fd = fs_open(A, "f", FS_O_RDWR);
    EXPECT(fd, 0);
    int bad[] = { -1, 1, FS_NOFILE - 1, FS_NOFILE, 1000 };
    for (i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++) {
        EXPECT(fs_read(A, bad[i], buf, 1), E_BADF);
        EXPECT(fs_write(A, bad[i], buf, 1), E_BADF);
        EXPECT(fs_close(A, bad[i]), E_BADF);
        EXPECT(fs_fstat(A, bad[i], &st), E_BADF);
        EXPECT(fs_dup(A, bad[i]), E_BADF);
        EXPECT(fs_ready(A, bad[i], 0), E_BADF);
    }
    EXPECT(fs_read(B, fd, buf, 1), E_BADF);       // another client's number
    EXPECT(fs_read(A, fd, buf, -1), E_INVAL);
    EXPECT(fs_write(A, fd, buf, -1), E_INVAL);
    EXPECT(fs_close(A, fd), 0);
    EXPECT(fs_close(A, fd), E_BADF);

    // Paths: too long, not terminated, empty; a name longer than DIRSIZ
    // is cut to DIRSIZ bytes, as in xv6.
    memset(path, 'a', sizeof(path));
    path[sizeof(path) - 1] = '\0';
    EXPECT(fs_open(A, path, CREATE_RW), E_TOOBIG);
    EXPECT(fs_open(A, path, CREATE_RW), E_TOOBIG);
    memset(path, 'a', FS_MAXPATH);      // no NUL in the first FS_MAXPATH bytes
    EXPECT(fs_open(A, path, FS_O_RDONLY), E_TOOBIG);
    EXPECT(fs_mkdir(A, path), E_TOOBIG);
    EXPECT(fs_unlink(A, ""), E_NOENT);
    EXPECT(fs_open(A, "", FS_O_RDONLY), E_NOENT);
    EXPECT(fs_chdir(A, ""), E_NOENT);
    EXPECT(fs_link(A, "f", ""), E_NOENT);
    fd = fs_open(A, "abcdefghijklmno", CREATE_RW);                // 15 bytes
    CHECK(fd >= 0);
    EXPECT(fs_close(A, fd), 0);
    fd = fs_open(A, "abcdefghijklmn", FS_O_RDONLY);               // the file's name
    CHECK(fd >= 0);
    EXPECT(fs_close(A, fd), 0);
    EXPECT(fs_mkdir(A, "abcdefghijklmnXYZ/x"), E_NOTDIR);         // a file, not a directory
    EXPECT(fs_link(A, "abcdefghijklmnXYZ", "abcdefghijklmnABC"), E_EXIST);
    EXPECT(fs_unlink(A, "abcdefghijklmnopqrstuvwxyz"), 0);
    EXPECT(fs_open(A, "abcdefghijklmn", FS_O_RDONLY), E_NOENT);
    // The longest path that ends in time: 127 bytes, nested 14-byte names.
    memset(path, 0, sizeof(path));
    for (i = 0; i < 8; i++)
        strcat(path, "abcdefghijklmn/");
    memset(path + strlen(path), 'x', FS_MAXPATH - 1 - strlen(path));
    EXPECT(strlen(path), FS_MAXPATH - 1);
    EXPECT(fs_open(A, path, FS_O_RDONLY), E_NOENT);

    // Names that cannot be removed or made.
    EXPECT(fs_unlink(A, "."), E_INVAL);
    EXPECT(fs_unlink(A, ".."), E_INVAL);
    EXPECT(fs_unlink(A, "d/.."), E_INVAL);
    EXPECT(fs_unlink(A, "d/."), E_INVAL);
    EXPECT(fs_unlink(A, "/"), E_INVAL);
    EXPECT(fs_unlink(A, "missing"), E_NOENT);
    EXPECT(fs_unlink(A, "f/x"), E_NOTDIR);
    put_file(A, "d/inner", "i", 1);
    EXPECT(fs_unlink(A, "d"), E_NOTEMPTY);
    EXPECT(fs_mkdir(A, "/"), E_INVAL);
    EXPECT(fs_mkdir(A, "d"), E_EXIST);
    EXPECT(fs_mkdir(A, "f"), E_EXIST);
    EXPECT(fs_mknod(A, "f", 1, 1), E_EXIST);
    EXPECT(fs_mknod(A, "dev", -1, 0), E_INVAL);
    EXPECT(fs_mknod(A, "dev", 1, 70000), E_INVAL);
    EXPECT(fs_link(A, "d", "d2"), E_ISDIR);
    EXPECT(fs_link(A, "f", "d/inner"), E_EXIST);
    EXPECT(fs_link(A, "missing", "m2"), E_NOENT);
    EXPECT(fs_link(A, "f", "nodir/f"), E_NOENT);
    EXPECT(stat_path(A, "f").nlink, 1);         // failed links leave no count behind

    // Open modes.
    EXPECT(fs_open(A, "d", FS_O_WRONLY), E_ISDIR);
    EXPECT(fs_open(A, "d", FS_O_RDWR), E_ISDIR);
    EXPECT(fs_open(A, "d", FS_O_CREATE | FS_O_RDONLY), E_ISDIR);
    EXPECT(fs_open(A, "missing", FS_O_RDONLY), E_NOENT);
    EXPECT(fs_open(A, "f/x", FS_O_RDONLY), E_NOTDIR);
    EXPECT(fs_open(A, "nodir/x", CREATE_RW), E_NOENT);
    EXPECT(fs_open(A, "f", FS_O_WRONLY | FS_O_RDWR), E_INVAL);
    EXPECT(fs_open(A, "f", 0x1000), E_INVAL);

    // Wrong direction.
    fd = fs_open(A, "f", FS_O_WRONLY);
    EXPECT(fs_read(A, fd, buf, 1), E_BADF);
    fd2 = fs_open(A, "f", FS_O_RDONLY);
    EXPECT(fs_write(A, fd2, buf, 1), E_BADF);
    EXPECT(fs_ready(A, fd2, 1), E_BADF);
    EXPECT(fs_ready(A, fd2, 0), 1);

    // An offset left past the end by a truncation elsewhere: reads see
    // the end, writes are refused (files have no holes).
    EXPECT(fs_write(A, fd, "abcd", 4), 4);
    EXPECT(fs_read(A, fd2, buf, 2), 2);
    EXPECT(fs_close(A, fs_open(A, "f", FS_O_WRONLY | FS_O_TRUNC)), 0);
    EXPECT(fs_write(A, fd, "e", 1), E_INVAL);
    EXPECT(fs_read(A, fd2, buf, 2), 0);
    EXPECT(fs_device(A, fd2, &i, &i), E_INVAL);
    EXPECT(fs_pipe(A, fds), 0);
    EXPECT(fs_device(A, fds[0], &i, &i), E_INVAL);
    EXPECT(fs_exit(A), 0);
}

static void
scenario_devices(void)
{
    struct fs_stat st;
    int fd, major = 0, minor = 0;

    EXPECT(fs_mknod(A, "console", 1, 2), 0);
    EXPECT(fs_mknod(A, "console", 1, 2), E_EXIST);
    fd = fs_open(A, "console", FS_O_RDWR);
    CHECK(fd >= 0);
    EXPECT(fs_read(A, fd, back, 10), FS_REDIRECT);
    EXPECT(fs_write(A, fd, "hi", 2), FS_REDIRECT);
    EXPECT(fs_device(A, fd, &major, &minor), 0);
    EXPECT(major, 1);
    EXPECT(minor, 2);
    EXPECT(fs_ready(A, fd, 0), 1);
    EXPECT(fs_fstat(A, fd, &st), 0);
    EXPECT(st.type, FS_T_DEV);
    EXPECT(st.size, 0);
    EXPECT(fs_close(A, fd), 0);
    fd = fs_open(A, "console", CREATE_RW);     // O_CREATE opens an existing device
    EXPECT(fs_device(A, fd, &major, &minor), 0);
    EXPECT(fs_exit(A), 0);
    EXPECT(fs_unlink(A, "console"), 0);
    EXPECT(fs_exit(A), 0);
}

// The log: a crash after the commit point keeps the operation, one
// before it loses it, and a split write keeps whole chunks.
static void
crash_scenario(enum crash_point when)
{
    int keep = when == CRASH_AFTER_COMMIT;
    int fd;

    put_file(A, "f", "old!", 4);
    fd = fs_open(A, "f", FS_O_RDWR);
    crash_arm(when, 1);
    EXPECT(fs_write(A, fd, "new!", 4), 4);
    CHECK(crashed());
    EXPECT(crash_reboot(), 0);
    expect_content(A, "f", keep ? "new!" : "old!", 4);

    crash_arm(when, 1);
    EXPECT(fs_mkdir(A, "d"), 0);
    CHECK(crashed());
    EXPECT(crash_reboot(), 0);
    EXPECT(fs_chdir(A, "d"), keep ? 0 : E_NOENT);
    EXPECT(stat_path(A, "/").nlink, keep ? 2 : 1);

    crash_arm(when, 1);
    EXPECT(fs_unlink(A, "/f"), 0);
    CHECK(crashed());
    EXPECT(crash_reboot(), 0);
    EXPECT(fs_open(A, "/f", FS_O_RDONLY) >= 0, !keep);
    EXPECT(fs_exit(A), 0);
}

static void
scenario_crash_after_commit(void)
{
    crash_scenario(CRASH_AFTER_COMMIT);
}

static void
scenario_crash_before_commit(void)
{
    crash_scenario(CRASH_BEFORE_COMMIT);
}

static void
scenario_crash_split_write(void)
{
    int fd, chunk = 3 * BLOCK;      // WRITE_CHUNK in file.c

    pattern(big, 5000, 6);
    fd = fs_open(A, "f", CREATE_RW);
    crash_arm(CRASH_AFTER_COMMIT, 2);
    EXPECT(fs_write(A, fd, big, 5000), 5000);
    CHECK(crashed());
    EXPECT(crash_reboot(), 0);
    expect_content(A, "f", big, 2 * chunk);
    EXPECT(fs_exit(A), 0);
}

// Leave a committed but uninstalled operation for tools/fsck: the new
// file "pending" exists only in the log.
static void
scenario_crash_pending(void)
{
    crash_arm(CRASH_AFTER_COMMIT, 1);
    CHECK(fs_open(A, "pending", CREATE_RW) >= 0);
    CHECK(crashed());
}

// Start up (recovering the log) and nothing else.
static void
scenario_mount(void)
{
}

static const char *
fs_name(const char *host_path)
{
    const char *slash = strrchr(host_path, '/');
    const char *name = slash ? slash + 1 : host_path;

    return name[0] == '_' ? name + 1 : name;
}

// Every host file named on the command line is on the image, under its
// mkfs name, with the same bytes.
static void
scenario_readback(int nfiles, char **files)
{
    for (int i = 0; i < nfiles; i++) {
        FILE *f = fopen(files[i], "rb");
        size_t n;

        CHECK(f != NULL);
        n = fread(big, 1, sizeof(big), f);
        fclose(f);
        expect_content(A, fs_name(files[i]), big, n);
        EXPECT(stat_path(A, fs_name(files[i])).size, n);
    }
    EXPECT(fs_exit(A), 0);
}

// exec's open: the path as one client sees it, the descriptor another's.
static void
scenario_open_as(void)
{
    char buf[8];
    int fd;

    EXPECT(fs_mkdir(B, "bin"), 0);
    EXPECT(fs_chdir(B, "bin"), 0);
    put_file(B, "prog", "code", 4);
    fd = fs_open_as(A, B, "prog", FS_O_RDONLY);
    CHECK(fd >= 0);
    EXPECT(fs_read(A, fd, buf, sizeof(buf)), 4);
    CHECK(memcmp(buf, "code", 4) == 0);
    EXPECT(fs_read(B, fd, buf, sizeof(buf)), E_BADF);
    EXPECT(fs_open(A, "prog", FS_O_RDONLY), E_NOENT);      // not from A's directory
    EXPECT(fs_open_as(A, B, "nothing", FS_O_RDONLY), E_NOENT);
    EXPECT(fs_open_as(A, B, "prog", 3), E_INVAL);
    EXPECT(fs_open_as(A, C, "bin/prog", FS_O_RDONLY), fd + 1);  // C is new: from /
    EXPECT(fs_exit(A), 0);
    EXPECT(fs_exit(B), 0);
}

// A restarted server: the tables stay (fs_resume), the caches go.
// Descriptors, offsets, working directories, a removed file still open,
// bytes in a pipe and what a fork shared all carry on.
static void
scenario_resume(void)
{
    char buf[16];
    int fd, gone, fds[2];

    EXPECT(fs_mkdir(A, "d"), 0);
    EXPECT(fs_chdir(A, "d"), 0);
    fd = fs_open(A, "f", CREATE_RW);
    EXPECT(fs_write(A, fd, "abc", 3), 3);
    put_file(A, "gone", "ghost", 5);
    gone = fs_open(A, "gone", FS_O_RDONLY);
    EXPECT(fs_unlink(A, "gone"), 0);
    EXPECT(fs_pipe(A, fds), 0);
    EXPECT(fs_write(A, fds[1], "pp", 2), 2);
    EXPECT(fs_fork(A, B), 0);

    EXPECT(fs_resume(), 0);
    EXPECT(fs_offset(A, fd), 3);
    EXPECT(fs_write(A, fd, "de", 2), 2);
    expect_content(A, "f", "abcde", 5);
    EXPECT(fs_set_offset(A, fd, 1), 0);
    EXPECT(fs_read(A, fd, buf, sizeof(buf)), 4);
    CHECK(memcmp(buf, "bcde", 4) == 0);
    EXPECT(fs_offset(A, fds[0]), E_INVAL);
    EXPECT(fs_read(A, gone, buf, sizeof(buf)), 5);
    EXPECT(fs_read(B, fds[0], buf, sizeof(buf)), 2);
    EXPECT(fs_exit(A), 0);
    EXPECT(fs_read(B, fds[0], buf, sizeof(buf)), FS_WOULDBLOCK);   // B still has a writer
    EXPECT(fs_exit(B), 0);      // the last reference to "gone" frees it
}

// A file removed while open, and the machine stops: at the next mount
// nobody holds it, so it is freed rather than left without a name.
static void
scenario_orphan_at_mount(void)
{
    put_file(A, "f", "ghost", 5);
    CHECK(fs_open(A, "f", FS_O_RDONLY) >= 0);
    EXPECT(fs_unlink(A, "f"), 0);
    EXPECT(fs_init(), 0);
    EXPECT(fs_open(A, "f", FS_O_RDONLY), E_NOENT);
}

// The server dies inside the last close of a file removed while open,
// after the reference went and before the inode was freed: the restart
// frees it.
static void
scenario_resume_cut_close(void)
{
    char buf[8];
    int fd, keep;

    put_file(A, "f", "ghost", 5);
    put_file(A, "g", "alive", 5);
    fd = fs_open(A, "f", FS_O_RDONLY);
    keep = fs_open(A, "g", FS_O_RDONLY);
    EXPECT(fs_unlink(A, "f"), 0);
    cut_close(A, fd);
    EXPECT(fs_resume(), 1);
    EXPECT(fs_read(A, fd, buf, sizeof(buf)), E_BADF);
    EXPECT(fs_read(A, keep, buf, sizeof(buf)), 5);
    EXPECT(fs_exit(A), 0);
}

// A request that committed carries its answer on the disk, found after a
// restart (the tables kept) or a reboot; one that did not commit has
// none, and neither has another request or one begun later.
static void
scenario_answers(void)
{
    enum { OP_UNLINK = 9, OP_OPEN = 1 };
    uint32_t since;
    int32_t r;
    int fd;

    put_file(A, "f", "x", 1);
    since = fs_commits();
    fs_answer_key(A, 5, OP_UNLINK);
    EXPECT(fs_unlink(A, "f"), 0);
    EXPECT(fs_resume(), 0);
    EXPECT(fs_answered(A, 5, OP_UNLINK, since, &r), 1);
    EXPECT(r, 0);
    EXPECT(fs_answered(A, 6, OP_UNLINK, since, &r), 0);
    EXPECT(fs_answered(B, 5, OP_UNLINK, since, &r), 0);
    EXPECT(fs_answered(A, 5, OP_OPEN, since, &r), 0);
    EXPECT(fs_answered(A, 5, OP_UNLINK, fs_commits(), &r), 0);

    since = fs_commits();
    fs_answer_key(A, 6, OP_UNLINK);
    EXPECT(fs_unlink(A, "f"), E_NOENT);     // changes nothing, commits nothing
    EXPECT(fs_resume(), 0);
    EXPECT(fs_answered(A, 6, OP_UNLINK, since, &r), 0);

    since = fs_commits();
    crash_arm(CRASH_BEFORE_COMMIT, 1);
    fs_answer_key(A, 7, OP_OPEN);
    CHECK(fs_open(A, "g", CREATE_RW) >= 0);
    CHECK(crashed());
    EXPECT(crash_reboot(), 0);
    EXPECT(fs_answered(A, 7, OP_OPEN, since, &r), 0);

    crash_arm(CRASH_AFTER_COMMIT, 1);
    fs_answer_key(A, 8, OP_OPEN);
    fd = fs_open(A, "g", CREATE_RW);
    CHECK(fd >= 0);
    CHECK(crashed());
    EXPECT(crash_reboot(), 0);
    EXPECT(fs_answered(A, 8, OP_OPEN, since, &r), 1);
    EXPECT(r, fd);
    EXPECT(fs_exit(A), 0);
}

// A restart after a crash that left the tables half-changed: each kind
// of damage is repaired, and afterwards every table works in full.
static void
scenario_resume_repair(void)
{
    char buf[4];
    int fd, fds[2], want, i;

    fd = fs_open(A, "f", CREATE_RW);
    EXPECT(fs_write(A, fd, "x", 1), 1);
    EXPECT(fs_pipe(A, fds), 0);
    want = damage_tables(A, fd, fds[0], NINODES_DEFAULT - 1);

    EXPECT(fs_resume(), want);
    EXPECT(fs_read(A, 9, buf, 1), E_BADF);
    EXPECT(fs_read(A, 10, buf, 1), E_BADF);
    EXPECT(fs_read(A, 11, buf, 1), E_BADF);
    expect_content(A, "f", "x", 1);                 // the working directory is / again
    EXPECT(fs_write(A, fds[1], "p", 1), 1);
    EXPECT(fs_read(A, fds[0], buf, sizeof(buf)), 1);
    EXPECT(fs_close(A, fd), 0);
    EXPECT(fs_exit(A), 0);
    for (i = 0; i < NFILE; i++)                     // every slot is free again
        CHECK(fs_open(10 + i / FS_NOFILE, "f", FS_O_RDONLY) >= 0);
    for (i = 0; i < NFILE; i += FS_NOFILE)
        EXPECT(fs_exit(10 + i / FS_NOFILE), 0);
}

// The core's fs_memmove against libc's, every alignment of source and
// destination, both directions of overlap, lengths around the word.
static void
scenario_memmove(void)
{
    unsigned char got[64], want[64];
    int from, to, n, i;

    for (from = 0; from < 8; from++)
        for (to = 0; to < 8 + 24; to++)
            for (n = 0; n <= 32; n++) {
                for (i = 0; i < 64; i++)
                    got[i] = want[i] = (unsigned char)(i * 7 + 1);
                memmove(want + to, want + from, n);
                CHECK(fs_memmove(got + to, got + from, n) == got + to);
                CHECK(memcmp(got, want, sizeof(got)) == 0);
            }
}

static const struct {
    const char *name;
    void (*run)(void);
} scenarios[] = {
    { "files", scenario_files },
    { "dirs", scenario_dirs },
    { "chdir", scenario_chdir },
    { "bigfile", scenario_bigfile },
    { "diskfull", scenario_diskfull },
    { "inodes", scenario_inodes },
    { "pipes", scenario_pipes },
    { "fork", scenario_fork },
    { "exit", scenario_exit },
    { "limits", scenario_limits },
    { "badinput", scenario_badinput },
    { "devices", scenario_devices },
    { "crash_after_commit", scenario_crash_after_commit },
    { "crash_before_commit", scenario_crash_before_commit },
    { "crash_split_write", scenario_crash_split_write },
    { "crash_pending", scenario_crash_pending },
    { "mount", scenario_mount },
    { "open_as", scenario_open_as },
    { "resume", scenario_resume },
    { "resume_repair", scenario_resume_repair },
    { "orphan_at_mount", scenario_orphan_at_mount },
    { "resume_cut_close", scenario_resume_cut_close },
    { "answers", scenario_answers },
    { "memmove", scenario_memmove },
};

int
main(int argc, char **argv)
{
    size_t i;

    if (argc < 3) {
        fprintf(stderr, "usage: fs_host IMAGE SCENARIO [HOST-FILE...]\n");
        return 2;
    }
    image_open(argv[1]);
    EXPECT(fs_init(), 0);
    if (strcmp(argv[2], "readback") == 0) {
        scenario_readback(argc - 3, argv + 3);
        printf("ok %s\n", argv[2]);
        return 0;
    }
    for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
        if (strcmp(argv[2], scenarios[i].name) == 0) {
            scenarios[i].run();
            printf("ok %s\n", argv[2]);
            return 0;
        }
    }
    fprintf(stderr, "fs_host: no scenario %s\n", argv[2]);
    return 2;
}
