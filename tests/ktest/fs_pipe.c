// Pipes between tasks, through the file server.  The root task plays
// proc's part: it gives each child a copy of its descriptors (fs.fork)
// and tells the server when a child has ended (fs.exit).
//
//   1. A writer sends 20000 bytes in 700-byte writes through the 512-byte
//      pipe while the reader takes 300 at a time: both sides keep being
//      parked and resumed, and every byte arrives once and in order.
//   2. The reader closes its end: the writer's next write fails with E_PIPE.
//   3. A writer ends without closing; fs.exit closes its end, and the
//      reader parked on the empty pipe gets end of file.
//   4. A reader parked on an empty pipe (blocked in its call, in the
//      kernel in mono mode) is killed; what is written next is not lost
//      with it but read by the next reader.
#include "storage.h"

#define TOTAL 20000
#define WCHUNK 700
#define RCHUNK 300

static volatile int32_t *shared;    // results the children leave for the root
static int32_t rfd, wfd;
static uint8_t buf[TOTAL];

// The root's part of a child's end, as proc does it.
static void reap(uint32_t id)
{
    wait_gone(id);
    must(fs_call_exit(id), "fs exit");
}

static void writer(uint32_t unused)
{
    (void)unused;
    static uint8_t data[TOTAL];
    fs_call_close(rfd);
    fill(data, TOTAL, 0, 5);
    shared[0] = write_all(wfd, data, TOTAL, WCHUNK);
    fs_call_close(wfd);
}

static void stream(void)
{
    must(fs_call_pipe(&rfd, &wfd), "pipe");
    uint32_t w = fs_child(writer);
    fs_call_close(wfd);
    int n = read_all(rfd, buf, TOTAL, RCHUNK);
    fs_call_close(rfd);
    reap(w);
    expect("writer wrote everything", shared[0], TOTAL);
    expect("reader got everything", n, TOTAL);
    expect("in order", matches(buf, TOTAL, 0, 5), 1);
}

static void write_until_broken(uint32_t unused)
{
    (void)unused;
    uint32_t n;
    struct fs_devno dev;
    int r;
    fs_call_close(rfd);
    while ((r = fs_call_write(wfd, buf, WCHUNK, &n, &dev)) == 0)
        ;
    shared[1] = r;
}

static void broken_pipe(void)
{
    must(fs_call_pipe(&rfd, &wfd), "pipe");
    uint32_t w = fs_child(write_until_broken);
    fs_call_close(wfd);
    expect("read some", read_all(rfd, buf, 2000, RCHUNK), 2000);
    fs_call_close(rfd);
    reap(w);
    expect("write to a pipe without reader", shared[1], E_PIPE);
}

static void read_to_end(uint32_t unused)
{
    (void)unused;
    fs_call_close(wfd);
    shared[2] = read_all(rfd, buf, TOTAL, RCHUNK);
}

static void leave_open(uint32_t unused)
{
    (void)unused;
    fs_call_close(rfd);
    write_all(wfd, (const uint8_t *)"bye", 3, 3);
    // Ends still holding wfd.
}

static void exit_closes(void)
{
    must(fs_call_pipe(&rfd, &wfd), "pipe");
    shared[2] = -1;
    uint32_t r = fs_child(read_to_end);
    uint32_t w = fs_child(leave_open);
    fs_call_close(rfd);
    fs_call_close(wfd);
    reap(w);
    reap(r);
    expect("reader sees end of file after the writer's exit", shared[2], 3);
}

static void read_forever(uint32_t unused)
{
    (void)unused;
    shared[3] = 1;
    shared[4] = read_all(rfd, buf, 1, 1);   // never answered: killed first
}

// Wait until task id is blocked (in its call): 1, or 0 if it ended first.
static int blocked_in_call(uint32_t id)
{
    struct task_info info;
    int r;
    while ((r = sys_task_info(id, &info)) == 0 && info.state != TASK_INFO_BLOCKED)
        sys_yield();
    return r == 0;
}

static void dead_reader(void)
{
    must(fs_call_pipe(&rfd, &wfd), "pipe");
    shared[3] = 0;
    uint32_t r = fs_child(read_forever);
    while (!shared[3])
        sys_yield();
    expect("reader blocked in its read of the empty pipe", blocked_in_call(r), 1);
    sys_task_destroy(r);
    wait_gone(r);
    expect("write after the reader died", write_all(wfd, (const uint8_t *)"x", 1, 1), 1);
    expect("next reader gets it", read_all(rfd, buf, 1, 1) == 1 && buf[0] == 'x', 1);
    must(fs_call_exit(r), "fs exit");
    fs_call_close(rfd);
    fs_call_close(wfd);
}

int main(void)
{
    shared = shared_page(0x10000000);
    start_storage();
    stream();
    broken_pipe();
    exit_closes();
    dead_reader();
    finish("fs_pipe");
    return 0;
}
