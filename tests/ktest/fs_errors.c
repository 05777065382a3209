// Everything the file server must refuse, and refuse with the right
// error, while it goes on serving: messages the generated dispatcher
// rejects (wrong interface or version, unknown operation, a path with no
// NUL or a buffer longer or shorter than its layout), requests the core
// rejects (bad descriptors, bad open modes, paths too long, names taken,
// directories used as files, removing "."), proc's operations asked by
// another task, and a request sent twice with the same sequence number,
// which is answered twice but done once.
#include "storage.h"

#define LABEL(op) IPC_LABEL(FS_IFACE_ID, FS_VERSION, op)
#define RAW_SEQ 0x70000000u     // far from the stubs' own numbers
#define NOFILE 16               // descriptors per client (xv6 param.h)

static volatile int32_t *shared;
static char path[2 * FS_MAXPATH];
static uint8_t reply[FS_MAXIO];
static uint32_t reply_w0;           // the last raw reply's first word

// A request as a malicious or broken client might send it.
static int raw(uint32_t label, uint32_t w0, uint32_t w1, uint32_t w2, const void *bytes, uint32_t len)
{
    struct ipc_msg m = msg(label, w0);
    m.w[1] = w1;
    m.w[2] = w2;
    m.sbuf = bytes;
    m.slen = len;
    m.rbuf = reply;
    m.rlen = sizeof(reply);
    int r = ipc_call(EP_FS, &m);
    reply_w0 = m.w[0];
    return r < 0 ? r : (int)m.label;
}

static void malformed(void)
{
    expect("other interface", raw(IPC_LABEL(BLK_IFACE_ID, 1, FS_OP_OPEN), 1, 0, 0, "/x", 3), E_VERSION);
    expect("other version", raw(IPC_LABEL(FS_IFACE_ID, 2, FS_OP_OPEN), 1, 0, 0, "/x", 3), E_VERSION);
    expect("unknown operation", raw(LABEL(99), 1, 0, 0, 0, 0), E_NOSYS);
    expect("operation 0", raw(LABEL(0), 1, 0, 0, 0, 0), E_NOSYS);
    expect("path without NUL", raw(LABEL(FS_OP_OPEN), 1, O_RDONLY, 0, "/abc", 4), E_BADMSG);
    expect("bytes after the NUL", raw(LABEL(FS_OP_OPEN), 1, O_RDONLY, 0, "/a\0bc", 5), E_BADMSG);
    expect("no path at all", raw(LABEL(FS_OP_OPEN), 1, O_RDONLY, 0, 0, 0), E_BADMSG);
    memset(path, 'a', sizeof(path));
    expect("path longer than its slot", raw(LABEL(FS_OP_OPEN), 1, O_RDONLY, 0, path, 200), E_BADMSG);
    expect("second path cut short", raw(LABEL(FS_OP_LINK), 1, 0, 0, "/x", 3), E_BADMSG);
    expect("read asking for too much", raw(LABEL(FS_OP_READ), 1, 0, FS_MAXIO + 1, 0, 0), E_BADMSG);
    expect("read carrying bytes", raw(LABEL(FS_OP_READ), 1, 0, 10, "xx", 2), E_BADMSG);
    expect("write length word wrong", raw(LABEL(FS_OP_WRITE), 1, 0, 10, "xx", 2), E_BADMSG);
    expect("fstat carrying bytes", raw(LABEL(FS_OP_FSTAT), 0, 0, 0, "x", 1), E_BADMSG);
}

static void bad_descriptors(void)
{
    static const int32_t bad[] = { -1, 3, NOFILE, 1000, 0x7fffffff };
    int32_t newfd;
    uint32_t n, len;
    struct fs_devno dev;
    struct fs_fileinfo st;
    int refused = 0;
    for (uint32_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        len = 10;
        refused += fs_call_read(bad[i], reply, &len, &dev) == E_BADF;
        refused += fs_call_write(bad[i], "x", 1, &n, &dev) == E_BADF;
        refused += fs_call_close(bad[i]) == E_BADF;
        refused += fs_call_fstat(bad[i], &st) == E_BADF;
        refused += fs_call_dup(bad[i], &newfd) == E_BADF;
    }
    expect("bad descriptors", refused, 5 * sizeof(bad) / sizeof(bad[0]));
}

static void bad_requests(void)
{
    int32_t fd, rfd, wfd;
    uint32_t n;
    struct fs_devno dev;
    struct fs_fileinfo st;
    put_file("/file", (const uint8_t *)"data", 4);
    fs_call_mkdir("/dir");

    expect("open mode read and write both", fs_call_open("/file", 3, &fd), E_INVAL);
    expect("open mode unknown bit", fs_call_open("/file", 0x1000, &fd), E_INVAL);
    expect("empty path", fs_call_open("", O_RDONLY, &fd), E_NOENT);
    memset(path, 'a', sizeof(path));
    path[FS_MAXPATH + 10] = 0;
    expect("path too long for the stub", fs_call_open(path, O_RDONLY, &fd), E_TOOBIG);
    expect("name of 14 is fine", put_file("/abcdefghijklmn", (const uint8_t *)"", 0), 0);
    expect("a longer name is cut to 14, as in xv6", fs_call_mkdir("/abcdefghijklmnXYZ"), E_EXIST);
    expect("missing file", fs_call_open("/nothing", O_RDONLY, &fd), E_NOENT);
    expect("missing directory", fs_call_mkdir("/nothing/x"), E_NOENT);
    expect("file as a directory", fs_call_open("/file/x", O_RDONLY, &fd), E_NOTDIR);
    expect("mkdir under a file", fs_call_mkdir("/file/x"), E_NOTDIR);
    expect("chdir to a file", fs_call_chdir("/file"), E_NOTDIR);
    expect("directory opened for writing", fs_call_open("/dir", O_RDWR, &fd), E_ISDIR);
    expect("directory created as a file", fs_call_open("/dir", O_CREATE | O_WRONLY, &fd), E_ISDIR);
    expect("mkdir over a file", fs_call_mkdir("/file"), E_EXIST);
    expect("link to a directory", fs_call_link("/dir", "/dir2"), E_ISDIR);
    expect("link over a name", fs_call_link("/file", "/dir"), E_EXIST);
    expect("unlink dot", fs_call_unlink("/dir/."), E_INVAL);
    expect("unlink dot-dot", fs_call_unlink("/dir/.."), E_INVAL);
    expect("unlink missing", fs_call_unlink("/nothing"), E_NOENT);
    expect("device number out of range", fs_call_mknod("/dev", -1, 0), E_INVAL);

    fs_call_open("/dir", O_RDONLY, &fd);
    expect("write to a read-only descriptor", fs_call_write(fd, "x", 1, &n, &dev), E_BADF);
    fs_call_close(fd);
    fs_call_open("/file", O_WRONLY, &fd);
    n = 4;
    expect("read from a write-only descriptor", fs_call_read(fd, reply, &n, &dev), E_BADF);
    fs_call_close(fd);
    fs_call_pipe(&rfd, &wfd);
    expect("fstat of a pipe", fs_call_fstat(rfd, &st), E_INVAL);
    expect("write to a pipe's read end", fs_call_write(rfd, "x", 1, &n, &dev), E_BADF);
    fs_call_close(rfd);
    fs_call_close(wfd);
}

static void not_proc(uint32_t unused)
{
    (void)unused;
    int32_t fd;
    shared[0] = fs_call_fork(sys_getid(), 0x12345);
    shared[1] = fs_call_exit(1);
    shared[2] = fs_call_open_as(1, "/file", O_RDONLY, &fd);
    shared[3] = 1;
}

static void proc_only(void)
{
    uint32_t id = fork_child(not_proc, 0, CPU_ANY);
    while (!shared[3])
        sys_yield();
    wait_gone(id);
    expect("fork from another task", shared[0], E_PERM);
    expect("exit from another task", shared[1], E_PERM);
    expect("open_as from another task", shared[2], E_PERM);
    fs_call_exit(id);
}

// The same seq twice: the stub's retry after a restart, or a confused
// client.  The second gets the first answer; nothing is done twice.
static void same_seq(void)
{
    int32_t fd;
    expect("mkdir", raw(LABEL(FS_OP_MKDIR), RAW_SEQ, 0, 0, "/once", 6), 0);
    expect("mkdir again, same seq", raw(LABEL(FS_OP_MKDIR), RAW_SEQ, 0, 0, "/once", 6), 0);
    expect("mkdir again, next seq", raw(LABEL(FS_OP_MKDIR), RAW_SEQ + 1, 0, 0, "/once", 6), E_EXIST);
    fs_call_open("/file", O_WRONLY | O_TRUNC, &fd);
    int first = raw(LABEL(FS_OP_WRITE), RAW_SEQ + 2, fd, 3, "abc", 3);
    uint32_t n1 = reply_w0;
    int again = raw(LABEL(FS_OP_WRITE), RAW_SEQ + 2, fd, 3, "abc", 3);
    expect("write, then the same write again", first == 0 && again == 0 && n1 == 3 && reply_w0 == 3, 1);
    fs_call_close(fd);
    expect("written once", size_of("/file"), 3);
    expect("seq 0 is never a repeat", raw(LABEL(FS_OP_MKDIR), 0, 0, 0, "/once", 6), E_EXIST);
}

static void still_serving(void)
{
    uint8_t back[8];
    expect("still serving", put_file("/after", (const uint8_t *)"fine", 4), 4);
    expect("and reading", get_file("/after", back, sizeof(back)) == 4 && memcmp(back, "fine", 4) == 0, 1);
}

int main(void)
{
    shared = shared_page(0x10000000);
    start_storage();
    malformed();
    bad_descriptors();
    bad_requests();
    proc_only();
    same_seq();
    still_serving();
    finish("fs_errors");
    return 0;
}
