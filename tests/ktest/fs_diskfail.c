// The file server when the disk fails under it, and its supervisor.  The
// test boots on an image behind QEMU's blkdebug layer that fails the
// first two reads of /data's first block.  A client reads /data: the
// driver answers the file server's read-ahead of the file's two blocks
// E_IO, which the server lets go, then its read of the first block
// alone E_IO too; the server cannot go on without the
// block and ends itself with a fault (fs_panic), leaving its state
// segment behind.  The root, its supervisor, gets the fault report and
// restarts it as proc does; the client's stub, answered E_RESTART, sends
// its request again, and the new server reads the block and answers.
#include "storage.h"

#define DATA_BYTES 1000
#define DATA_SEED 4     // tests/test_storage.py writes /data with this pattern

static volatile int32_t *shared;

static void reader(uint32_t unused)
{
    (void)unused;
    static uint8_t buf[DATA_BYTES + 1];
    int n = get_file("/data", buf, sizeof(buf));
    shared[0] = n;
    shared[1] = n == DATA_BYTES && matches(buf, n, 0, DATA_SEED);
    shared[2] = 1;
}

int main(void)
{
    shared = shared_page(0x10000000);
    start_ide(EP_BLK);
    uint32_t fs = start_fs();
    uint32_t r = fork_child(reader, 0, CPU_ANY);

    struct ipc_msg m = msg(0, 0);
    int got = ipc_recv(&m, 1000);
    expect("fault report from the file server", got == 0 && m.label == IPC_LABEL_FAULT && m.w[0] == fs, 1);
    cprintf("diskfail: file server faulted (trap %d); restarting it\n", m.w[1]);
    restart_fs(fs);

    while (!shared[2])
        sys_yield();
    wait_gone(r);
    fs_call_exit(r);
    expect("reader answered after the restart", shared[0], DATA_BYTES);
    expect("with the right bytes", shared[1], 1);
    finish("fs_diskfail");
    return 0;
}
