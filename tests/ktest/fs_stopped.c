// Mono mode: the file server, linked into the kernel, when the disk fails
// under it.  The image and the failing reads are fs_diskfail's: the
// server cannot read /data's first block and gives up with a fault
// (fs_panic).  In micro mode its supervisor restarts it and the client's
// retry is answered; in the kernel nothing can restart it, and the fault
// must not take the kernel down.  It stops the server instead
// (mono/resident.c, resident_fail): the reader's request is answered
// E_IO, so is a read parked on an empty pipe (a deferred answer fs can
// no longer give) and every later call to fs, and the rest of the
// system goes on.
#include "storage.h"

#define DATA_BYTES 1000

static volatile int32_t *shared;
static uint8_t buf[DATA_BYTES + 1];
static int32_t rfd, wfd;

static void pipe_reader(uint32_t unused)
{
    (void)unused;
    shared[2] = read_all(rfd, buf, 1, 1);
    shared[3] = 1;
}

// Wait until task id is blocked in its call.
static void wait_blocked(uint32_t id)
{
    struct task_info info;
    while (sys_task_info(id, &info) == 0 && info.state != TASK_INFO_BLOCKED)
        sys_yield();
}

static void reader(uint32_t unused)
{
    (void)unused;
    shared[0] = get_file("/data", buf, sizeof(buf));
    shared[1] = 1;
}

int main(void)
{
    shared = shared_page(0x10000000);
    start_storage();
    must(fs_call_pipe(&rfd, &wfd), "pipe");
    uint32_t p = fs_child(pipe_reader);
    wait_blocked(p);
    uint32_t r = fork_child(reader, 0, CPU_ANY);
    wait_gone(r);
    wait_gone(p);
    expect("the reader went on after the server's fault", shared[1], 1);
    expect("its read answered E_IO", shared[0], E_IO);
    expect("the read parked on the pipe answered E_IO", shared[3] == 1 && shared[2] == E_IO, 1);
    expect("a later read of the file is answered E_IO", get_file("/data", buf, sizeof(buf)), E_IO);
    expect("and so is a call that needs no disk", fs_call_exit(r), E_IO);
    cprintf("fs_stopped: the kernel goes on without the file server\n");
    finish("fs_stopped");
    return 0;
}
