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
//
// Then two writes to a file removed while open, as user/torture.c makes
// them: the first with the server held before its commit reaches the
// disk (the retry must write the bytes, not answer that it had), the
// second after it (the retry must not move the offset back); a read
// through a second descriptor must then give both records.
//
// Last, an open with O_TRUNC held before its commit: the dying server
// had given the client a descriptor for it in the kept tables, and the
// retry must not leave that one open beside the one it answers (before,
// every such restart leaked a descriptor, until the client had none).
#include "storage.h"

enum { ARM_OFF, ARM_ON, ARM_BEFORE, ARM_FIRED };
enum { NSTEPS = 9, REC = 64 };

// How the cutter holds each step: after its commit, or (ARM_BEFORE) at
// its commit, before the log header that commits it reaches the disk.
static const int32_t arming[NSTEPS + 1] = {
    [1 ... 6] = ARM_ON, [7] = ARM_BEFORE, [8] = ARM_ON, [9] = ARM_BEFORE,
};

struct shared {
    volatile int32_t arm;       // the cutter's state
    volatile int32_t go;        // the step the client may run
    volatile int32_t done;      // the last step the client finished
    volatile int32_t result[NSTEPS + 1];
    volatile int32_t read_back;  // bytes read through the second descriptor that match
    volatile int32_t lowest_free;  // the descriptor the client's next open gets
};
static struct shared *sh;

// Armed, hold the server after the next commit has reached the disk,
// or (ARM_BEFORE) at the next commit, which never reaches it.
static bool hold_at(bool commit, bool answered)
{
    if (commit && sh->arm == (answered ? ARM_ON : ARM_BEFORE)) {
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

static int32_t open_fd, gone_fd, wfd, rfd;
static uint8_t rec[2][REC];

static int write_rec(int i)
{
    uint32_t n;
    struct fs_devno dev;
    int r = fs_call_write(wfd, rec[i], REC, &n, &dev);
    return r < 0 ? r : (int)n;
}

// What a read through the second descriptor gives: the bytes that match
// the two records, in order.
static int read_back(void)
{
    static uint8_t got[3 * REC];
    uint32_t len = sizeof(got);
    struct fs_devno dev;
    if (fs_call_read(rfd, got, &len, &dev) < 0)
        return -1;
    int same = 0;
    while (same < (int)len && same < 2 * REC && got[same] == rec[same / REC][same % REC])
        same++;
    cprintf("once: read back %u bytes, the first %d as written\n", len, same);
    return same == (int)len ? same : -1;
}

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
    case 7: return write_rec(0);            // held before its commit
    case 8: return write_rec(1);            // held after its commit
    case 9: {                               // held before its commit
        int r = fs_call_open("/new", O_TRUNC | O_RDWR, &open_fd);
        return r < 0 ? r : open_fd;
    }
    }
    return E_INVAL;
}

static void client(uint32_t unused)
{
    (void)unused;
    for (int i = 1; i <= NSTEPS; i++) {
        if (i == NSTEPS) {
            // The descriptor an open gets now (opening for reading
            // commits nothing, so the cutter lets it by).
            int32_t fd;
            must(fs_call_open("/new", O_RDONLY, &fd), "open /new to see the descriptor");
            fs_call_close(fd);
            sh->lowest_free = fd;
        }
        while (sh->go != i)
            sys_yield();
        sh->result[i] = step(i);
        sh->done = i;
    }
    sh->read_back = read_back();
    fs_call_close(wfd);
    fs_call_close(rfd);
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
        fill(rec[0], REC, 0, 7);
        fill(rec[1], REC, REC, 7);
        must(fs_call_open("/h", O_CREATE | O_RDWR, &wfd), "open /h");
        must(fs_call_open("/h", O_RDONLY, &rfd), "open /h again");
        must(fs_call_unlink("/h"), "unlink /h");
        client(0);
        task_exit();
    }
    sys_set_state(r, TASK_RUNNABLE);
    for (int i = 1; i <= NSTEPS; i++) {
        sh->arm = arming[i];
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
    expect("write cut before its commit, then a restart", sh->result[7], REC);
    expect("write committed, then a restart", sh->result[8], REC);
    expect("open O_TRUNC cut before its commit: one descriptor", sh->result[9], sh->lowest_free);
    wait_gone(r);
    expect("both writes read back in order", sh->read_back, 2 * REC);
    must(fs_call_exit(r), "fs exit");
    int32_t fd;
    expect("mkdir done once", fs_call_mkdir("/d"), E_EXIST);
    expect("unlink done once", fs_call_open("/f", O_RDONLY, &fd), E_NOENT);
    expect("created once", fs_call_open("/new", O_RDONLY, &fd) >= 0, 1);
    finish("fs_once");
    return 0;
}
