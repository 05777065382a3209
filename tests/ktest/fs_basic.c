// The file server through its IPC interface, as a program uses it:
// files created, written, read back, appended to, overwritten,
// truncated and removed (also while open); directories, nested and
// relative paths, links, dup's shared offset, directory contents as
// bytes, and many files at once.  The test runs fsck on the image
// afterwards.
#include "storage.h"

#define NMANY 60
#define DIRENT_BYTES 16

static uint8_t buf[8192], want[8192];

static int read_some(int fd, uint8_t *dst, uint32_t n)
{
    struct fs_devno dev;
    int r = fs_call_read(fd, dst, &n, &dev);
    return r < 0 ? r : (int)n;
}

static int write_str(int fd, const char *s)
{
    uint32_t n;
    struct fs_devno dev;
    int r = fs_call_write(fd, s, strlen_rt(s), &n, &dev);
    return r < 0 ? r : (int)n;
}

// 1 if path holds exactly the string s.
static int holds(const char *path, const char *s)
{
    int n = get_file(path, buf, sizeof(buf));
    return n == (int)strlen_rt(s) && memcmp(buf, s, n) == 0;
}

static void files(void)
{
    int32_t fd, fd2;
    expect("create", fs_call_open("/a", O_CREATE | O_WRONLY, &fd), 0);
    expect("first descriptor", fd, 0);
    expect("write", write_str(fd, "hello"), 5);
    expect("close", fs_call_close(fd), 0);
    expect("read back", holds("/a", "hello"), 1);
    expect("size", size_of("/a"), 5);

    // xv6 has no O_APPEND: read to the end, then write on.
    expect("open to append", fs_call_open("/a", O_RDWR, &fd), 0);
    expect("read to the end", read_some(fd, buf, sizeof(buf)), 5);
    expect("read at the end", read_some(fd, buf, sizeof(buf)), 0);
    expect("append", write_str(fd, ", world"), 7);
    expect("close appended", fs_call_close(fd), 0);
    expect("appended", holds("/a", "hello, world"), 1);

    expect("open to overwrite", fs_call_open("/a", O_WRONLY, &fd), 0);
    expect("overwrite", write_str(fd, "J"), 1);
    fs_call_close(fd);
    expect("overwritten", holds("/a", "Jello, world"), 1);

    expect("truncate", fs_call_open("/a", O_WRONLY | O_TRUNC, &fd), 0);
    fs_call_close(fd);
    expect("truncated", size_of("/a"), 0);

    // A removed file lives on while it is open.
    put_file("/b", (const uint8_t *)"still here", 10);
    expect("open before unlink", fs_call_open("/b", O_RDONLY, &fd), 0);
    expect("unlink open file", fs_call_unlink("/b"), 0);
    expect("name gone", fs_call_open("/b", O_RDONLY, &fd2), E_NOENT);
    expect("data still readable", read_some(fd, buf, sizeof(buf)), 10);
    expect("close frees it", fs_call_close(fd), 0);
    expect("unlink", fs_call_unlink("/a"), 0);
    expect("unlinked", fs_call_open("/a", O_RDONLY, &fd), E_NOENT);
}

static void directories(void)
{
    int32_t fd;
    struct fs_fileinfo st;
    expect("mkdir", fs_call_mkdir("/d"), 0);
    expect("mkdir nested", fs_call_mkdir("/d/e"), 0);
    expect("mkdir again", fs_call_mkdir("/d/e"), E_EXIST);
    expect("create nested", put_file("/d/e/f", (const uint8_t *)"deep", 4), 4);
    expect("nested path", holds("/d/e/f", "deep"), 1);
    expect("slashes and dots", holds("//d/./e/../e//f", "deep"), 1);
    expect("chdir", fs_call_chdir("/d"), 0);
    expect("relative path", holds("e/f", "deep"), 1);
    expect("dot-dot path", holds("../d/e/f", "deep"), 1);
    expect("create relative", put_file("g", (const uint8_t *)"rel", 3), 3);
    expect("chdir back", fs_call_chdir(".."), 0);
    expect("made in cwd", holds("/d/g", "rel"), 1);

    expect("open a directory", fs_call_open("/d", O_RDONLY, &fd), 0);
    expect("fstat a directory", fs_call_fstat(fd, &st), 0);
    expect("directory type", st.type, FS_FTYPE_DIR);
    // ".", "..", "e", "g": a directory reads as its entries.
    expect("directory bytes", read_some(fd, buf, sizeof(buf)), 4 * DIRENT_BYTES);
    expect("first entry is dot", buf[2] == '.' && buf[3] == 0, 1);
    fs_call_close(fd);

    expect("remove non-empty", fs_call_unlink("/d/e"), E_NOTEMPTY);
    expect("remove file", fs_call_unlink("/d/e/f"), 0);
    expect("remove empty dir", fs_call_unlink("/d/e"), 0);
    expect("removed dir", fs_call_chdir("/d/e"), E_NOENT);
}

static void links_and_dup(void)
{
    int32_t fd, fd2;
    struct fs_fileinfo s1, s2;
    expect("link", fs_call_link("/d/g", "/h"), 0);
    fs_call_open("/d/g", O_RDONLY, &fd);
    fs_call_open("/h", O_RDONLY, &fd2);
    fs_call_fstat(fd, &s1);
    fs_call_fstat(fd2, &s2);
    expect("same inode", s1.ino == s2.ino, 1);
    expect("two links", s2.nlink, 2);
    fs_call_close(fd2);
    expect("dup", fs_call_dup(fd, &fd2), 0);
    int first = read_some(fd, buf, 1);
    int second = read_some(fd2, buf + 1, 2);
    expect("dup shares the offset", first + second, 3);
    expect("in order", memcmp(buf, "rel", 3), 0);
    fs_call_close(fd);
    fs_call_close(fd2);
    expect("unlink a link", fs_call_unlink("/h"), 0);
    fs_call_open("/d/g", O_RDONLY, &fd);
    fs_call_fstat(fd, &s1);
    fs_call_close(fd);
    expect("one link left", s1.nlink, 1);
}

static void many_files(void)
{
    char name[32];
    int good = 0;
    expect("mkdir many", fs_call_mkdir("/many"), 0);
    for (int i = 0; i < NMANY; i++) {
        snprintf_rt(name, sizeof(name), "/many/f%d", i);
        fill(want, 100 + i * 97, 0, i);
        good += put_file(name, want, 100 + i * 97) == 100 + i * 97;
    }
    expect("many created", good, NMANY);
    good = 0;
    for (int i = 0; i < NMANY; i++) {
        snprintf_rt(name, sizeof(name), "/many/f%d", i);
        int n = get_file(name, buf, sizeof(buf));
        good += n == 100 + i * 97 && matches(buf, n, 0, i);
    }
    expect("many read back", good, NMANY);
    good = 0;
    for (int i = 0; i < NMANY; i += 2) {
        snprintf_rt(name, sizeof(name), "/many/f%d", i);
        good += fs_call_unlink(name) == 0;
    }
    expect("half removed", good, NMANY / 2);
    good = 0;
    for (int i = 1; i < NMANY; i += 2) {
        snprintf_rt(name, sizeof(name), "/many/f%d", i);
        good += size_of(name) == 100 + i * 97;
    }
    expect("other half intact", good, NMANY / 2);
}

int main(void)
{
    start_storage();
    files();
    directories();
    links_and_dup();
    many_files();
    finish("fs_basic");
    return 0;
}
