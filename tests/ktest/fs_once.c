// Each request done once and answered with its own result, even when
// the file server dies after committing it and before answering.
//
// A small task sits between the file server and the disk driver (as in
// fs_cut.c) and passes every block request on.  Armed, it lets the next
// commit -- the log header written with a non-zero count -- reach the
// disk, and then holds the server there: the root task kills it and
// starts a new copy, as proc's supervisor does.  The client's stub gets
// E_RESTART and sends the same request again; the answer must be the
// one the committed request had, not that of doing it a second time
// (mkdir E_EXIST, unlink E_NOENT), and a close of a file removed while
// open answers 0 and frees it (fsck finds no orphan afterwards).
#include "storage.h"

enum { ARM_OFF, ARM_ON, ARM_FIRED };
enum { NSTEPS = 6 };

struct shared {
    volatile int32_t arm;       // the cutter's state
    volatile int32_t go;        // the step the client may run
    volatile int32_t done;      // the last step the client finished
    volatile int32_t result[NSTEPS + 1];
};
static struct shared *sh;

// Armed, hold the server after the next commit has reached the disk.
static bool hold_at(bool commit, bool answered)
{
    if (answered && commit && sh->arm == ARM_ON) {
        sh->arm = ARM_FIRED;
        return false;
    }
    return true;
}

static void cutter(uint32_t unused)
{
    (void)unused;
    relay_blk(hold_at);
}

static int32_t open_fd, gone_fd;

// Step i of the client: one request, whose commit the cutter holds.
static int step(int i)
{
    switch (i) {
    case 1: return fs_call_mkdir("/d");
    case 2: return fs_call_link("/f", "/g");
    case 3: return fs_call_unlink("/f");
    case 4: {
        int r = fs_call_open("/new", O_CREATE | O_RDWR, &open_fd);
        return r < 0 ? r : open_fd;
    }
    case 5: return fs_call_unlink("/g");    // gone_fd keeps it open
    case 6: return fs_call_close(gone_fd);  // the last reference: frees it
    }
    return E_INVAL;
}

static void client(uint32_t unused)
{
    (void)unused;
    for (int i = 1; i <= NSTEPS; i++) {
        while (sh->go != i)
            sys_yield();
        sh->result[i] = step(i);
        sh->done = i;
    }
}

int main(void)
{
    sh = shared_page(0x10000000);
    start_ide(EP_TEST2);
    uint32_t c = fork_child(cutter, 0, CPU_ANY);
    must(sys_ep_bind(EP_BLK, c), "bind cutter");
    uint32_t fs = start_fs();
    must(put_file("/f", (const uint8_t *)"file", 4), "put /f");

    int r = cow_fork(0);
    if (r == 0) {
        must(fs_call_open("/f", O_RDONLY, &gone_fd), "open /f");
        client(0);
        task_exit();
    }
    sys_set_state(r, TASK_RUNNABLE);
    for (int i = 1; i <= NSTEPS; i++) {
        sh->arm = ARM_ON;
        sh->go = i;
        while (sh->arm != ARM_FIRED)
            sys_yield();
        fs = restart_fs(fs);
        sh->arm = ARM_OFF;
        while (sh->done != i)
            sys_yield();
        cprintf("once: step %d answered %d after a restart at its commit\n", i, sh->result[i]);
    }
    expect("mkdir committed, then a restart", sh->result[1], 0);
    expect("link committed, then a restart", sh->result[2], 0);
    expect("unlink committed, then a restart", sh->result[3], 0);
    expect("open O_CREATE committed, then a restart", sh->result[4] >= 0, 1);
    expect("unlink of an open file committed, then a restart", sh->result[5], 0);
    expect("last close committed, then a restart", sh->result[6], 0);
    wait_gone(r);
    must(fs_call_exit(r), "fs exit");
    int32_t fd;
    expect("mkdir done once", fs_call_mkdir("/d"), E_EXIST);
    expect("unlink done once", fs_call_open("/f", O_RDONLY, &fd), E_NOENT);
    expect("created once", fs_call_open("/new", O_RDONLY, &fd) >= 0, 1);
    finish("fs_once");
    return 0;
}
