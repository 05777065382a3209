// A file server killed and started again keeps what it acknowledged.
// The root task does what proc's supervisor does: it kills the server
// while clients hold descriptors and a working directory, while a file
// removed but still open lives on, and while a reader waits, parked, on
// an empty pipe; then it starts a new incarnation from the same boot
// module, maps the same kept segment into it, and binds EP_FS to it.
//
// Afterwards the descriptors work and their offsets are where they were,
// the working directory is the same, the removed file is still readable
// and freed at its last close, the parked reader (whose stub got
// E_RESTART and sent its request again) gets the bytes written after the
// restart exactly once, and a request sent again with the seq it had
// before the restart is answered as it was then, not done again.
#include "storage.h"

#define LABEL(op) IPC_LABEL(FS_IFACE_ID, FS_VERSION, op)
#define RAW_SEQ 0x70000000u

static volatile int32_t *shared;
static int32_t rfd, wfd;
static uint8_t buf[64];

static int raw_mkdir(uint32_t seq, const char *path)
{
    struct ipc_msg m = msg(LABEL(FS_OP_MKDIR), seq);
    m.sbuf = path;
    m.slen = strlen_rt(path) + 1;
    int r = ipc_call(EP_FS, &m);
    return r < 0 ? r : (int)m.label;
}

static void reader(uint32_t unused)
{
    (void)unused;
    static uint8_t got[16];
    fs_call_close(wfd);
    shared[0] = 1;
    shared[1] = read_all(rfd, got, sizeof(got), sizeof(got));
    shared[2] = memcmp(got, "hello", 5) == 0;
}

int main(void)
{
    int32_t fd, gone;
    uint32_t n;
    struct fs_devno dev;
    shared = shared_page(0x10000000);
    start_ide(EP_BLK);
    uint32_t fs = start_fs();

    must(fs_call_mkdir("/d"), "mkdir");
    must(fs_call_chdir("/d"), "chdir");
    must(fs_call_open("r", O_CREATE | O_RDWR, &fd), "open");
    expect("write before", fs_call_write(fd, "before,", 7, &n, &dev) == 0 && n == 7, 1);
    must(put_file("gone", (const uint8_t *)"ghost", 5), "put");
    must(fs_call_open("gone", O_RDONLY, &gone), "open gone");
    must(fs_call_unlink("gone"), "unlink gone");

    must(fs_call_pipe(&rfd, &wfd), "pipe");
    int r = cow_fork(0);
    if (r == 0) {
        reader(0);
        task_exit();
    }
    must(fs_call_fork(sys_getid(), r), "fs fork");
    sys_set_state(r, TASK_RUNNABLE);
    while (!shared[0])
        sys_yield();
    for (int i = 0; i < 50; i++)
        sys_yield();        // its read reaches the server and is parked
    // The root's latest request before the restart: the one a retry repeats.
    expect("mkdir with a seq", raw_mkdir(RAW_SEQ, "/once"), 0);

    fs = restart_fs(fs);
    cprintf("restart: file server killed and started again\n");
    expect("same seq after the restart", raw_mkdir(RAW_SEQ, "/once"), 0);
    expect("next seq does it", raw_mkdir(RAW_SEQ + 1, "/once"), E_EXIST);

    expect("same descriptor, same offset", fs_call_write(fd, "after", 5, &n, &dev) == 0 && n == 5, 1);
    fs_call_close(fd);
    expect("same working directory", get_file("r", buf, sizeof(buf)), 12);
    expect("file as written", memcmp(buf, "before,after", 12), 0);
    n = sizeof(buf);
    expect("removed file still open", fs_call_read(gone, buf, &n, &dev) == 0 && n == 5, 1);
    expect("and freed at its close", fs_call_close(gone), 0);
    expect("write to the parked reader", write_all(wfd, (const uint8_t *)"hello", 5, 5), 5);
    fs_call_close(wfd);
    fs_call_close(rfd);
    wait_gone(r);
    must(fs_call_exit(r), "fs exit");
    expect("reader got the bytes once", shared[1], 5);
    expect("reader got them right", shared[2], 1);
    finish("fs_restart");
    return 0;
}
