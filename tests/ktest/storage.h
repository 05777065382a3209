// Helpers for the storage tests (blk_*.c, fs_*.c).  Each boots as the
// root task with the disk driver and the file server as further boot
// modules, and starts them as proc does: the driver gets the primary
// ATA channel's ports and IRQ 14 and nothing else, and each server is
// bound to its endpoint before it runs.  The driver must run before the
// file server, which reads the disk as it starts.  A restarted file
// server gets its predecessor's state segment, as proc gives it.
#ifndef STORAGE_H
#define STORAGE_H

// ktest.h's fork_child forks a task that runs a function; the runtime's
// spawn starts a task from an ELF image.
#include "ktest.h"
#include "spawn.h"
#include "ide_boot.h"           // servers/ide/ide_boot.h: what the driver is given
#include "blk_client.h"
#include "fs_client.h"

#define FS_DISK 1               // the file system's disk: xv6's ROOTDEV
#define SERVER_PRIO (PRIO_MAX - 2)
#define CARRY (USTATE - USTATE_PAGES * PGSIZE)  // a dead server's state, on its way

#define O_RDONLY FS_O_RDONLY    // xv6's names for idl/fs.idl's open modes
#define O_WRONLY FS_O_WRONLY
#define O_RDWR   FS_O_RDWR
#define O_CREATE FS_O_CREATE
#define O_TRUNC  FS_O_TRUNC
#define LOGSTART 2              // the log header's block (tools/mkfs)

static inline void must(int r, const char *what)
{
    if (r < 0) {
        cprintf("storage: %s: %s\n", what, ipc_strerror(r));
        sys_halt(3);
    }
}

// A stopped task running the boot module name, with the argument arg
// if it is not 0.
static inline uint32_t load_server(const char *name, const char *arg)
{
    const struct bootmodule *m = boot_module(name);
    char *argv[] = { (char *)name, (char *)arg, 0 };
    if (!m) {
        cprintf("storage: no boot module %s\n", name);
        sys_halt(3);
    }
    int id = spawn((const void *)m->va, m->size, arg ? 2 : 1, argv, 0);
    must(id, name);
    return id;
}

static inline void run_server(uint32_t id, uint32_t ep)
{
    must(sys_set_priority(id, SERVER_PRIO), "priority");
    must(sys_ep_bind(ep, id), "bind");
    must(sys_set_state(id, TASK_RUNNABLE), "start");
}

// The disk driver with the argument arg (0: none), serving at ep.
static inline uint32_t start_ide_with(uint32_t ep, const char *arg)
{
    uint32_t id = load_server("ide", arg);
    must(ide_grant(id), "grant the channel");
    run_server(id, ep);
    return id;
}

// The disk driver, serving at ep (EP_BLK, unless a test puts something
// between it and the file server), with IDE_ARG_SINGLE if the kernel's
// command line has it.  In mono mode the kernel serves EP_BLK itself:
// there is no task.
static inline uint32_t start_ide(uint32_t ep)
{
    if (ep == EP_BLK && endpoint_resident(ep))
        return 0;
    return start_ide_with(ep, boot_option(IDE_ARG_SINGLE) ? IDE_ARG_SINGLE : 0);
}

// In mono mode the kernel serves EP_FS too.
static inline uint32_t start_fs(void)
{
    if (endpoint_resident(EP_FS))
        return 0;
    uint32_t id = load_server("fs", 0);
    run_server(id, EP_FS);
    return id;
}

// Restart the file server as proc does: the pages of the old copy's
// state segment (those it has) go to the new copy, at the same address,
// before it runs.
static inline uint32_t restart_fs(uint32_t old)
{
    for (uint32_t off = 0; off < USTATE_PAGES * PGSIZE; off += PGSIZE)
        sys_page_map(old, USTATE + off, 0, CARRY + off, PTE_P | PTE_U | PTE_W);
    sys_task_destroy(old);
    wait_gone(old);
    uint32_t id = load_server("fs", 0);
    for (uint32_t off = 0; off < USTATE_PAGES * PGSIZE; off += PGSIZE)
        if (sys_page_map(0, CARRY + off, id, USTATE + off, PTE_P | PTE_U | PTE_W) == 0)
            sys_page_unmap(0, CARRY + off);
    run_server(id, EP_FS);
    return id;
}

static inline void start_storage(void)
{
    start_ide(EP_BLK);
    start_fs();
}

// A child task that runs fn and shares this task's descriptors in fs (as
// a process's fork does), started only once fs knows of it.
static inline uint32_t fs_child(void (*fn)(uint32_t))
{
    int id = cow_fork(0);
    if (id == 0) {
        fn(0);
        task_exit();
    }
    must(id, "fork");
    must(fs_call_fork(sys_getid(), id), "fs fork");
    must(sys_set_state(id, TASK_RUNNABLE), "start child");
    return id;
}

// Bytes that depend on where they are and on a seed, so a block in the
// wrong place or from the wrong write shows.
static inline uint8_t pattern(uint32_t i, uint32_t seed)
{
    return (uint8_t)(i * 7 + seed * 13 + i / 509);
}

static inline void fill(uint8_t *buf, uint32_t n, uint32_t off, uint32_t seed)
{
    for (uint32_t i = 0; i < n; i++)
        buf[i] = pattern(off + i, seed);
}

// 1 if buf holds the pattern fill() makes.
static inline int matches(const uint8_t *buf, uint32_t n, uint32_t off, uint32_t seed)
{
    for (uint32_t i = 0; i < n; i++)
        if (buf[i] != pattern(off + i, seed))
            return 0;
    return 1;
}

// Write n bytes of data to fd in calls of at most chunk bytes: the bytes
// written, or the first error.
static inline int write_all(int fd, const uint8_t *data, uint32_t n, uint32_t chunk)
{
    uint32_t done = 0, w;
    struct fs_devno dev;
    while (done < n) {
        uint32_t len = n - done < chunk ? n - done : chunk;
        int r = fs_call_write(fd, data + done, len, &w, &dev);
        if (r < 0)
            return r;
        if (w == 0)
            break;
        done += w;
    }
    return done;
}

// Read up to n bytes from fd in calls of at most chunk bytes, until end
// of file: the bytes read, or the first error.
static inline int read_all(int fd, uint8_t *data, uint32_t n, uint32_t chunk)
{
    uint32_t done = 0;
    struct fs_devno dev;
    while (done < n) {
        uint32_t len = n - done < chunk ? n - done : chunk;
        int r = fs_call_read(fd, data + done, &len, &dev);
        if (r < 0)
            return r;
        if (len == 0)
            break;
        done += len;
    }
    return done;
}

// The whole of path into buf: its size, or an error.
static inline int get_file(const char *path, uint8_t *buf, uint32_t max)
{
    int32_t fd;
    int r = fs_call_open(path, O_RDONLY, &fd);
    if (r < 0)
        return r;
    r = read_all(fd, buf, max, FS_MAXIO);
    fs_call_close(fd);
    return r;
}

// path made to hold exactly data: the bytes written, or an error.
static inline int put_file(const char *path, const uint8_t *data, uint32_t n)
{
    int32_t fd;
    int r = fs_call_open(path, O_CREATE | O_WRONLY | O_TRUNC, &fd);
    if (r < 0)
        return r;
    r = write_all(fd, data, n, FS_MAXIO);
    int c = fs_call_close(fd);
    return r < 0 ? r : c < 0 ? c : r;
}

// The size fstat reports for path, or an error.
static inline int size_of(const char *path)
{
    int32_t fd;
    struct fs_fileinfo st;
    int r = fs_call_open(path, O_RDONLY, &fd);
    if (r < 0)
        return r;
    r = fs_call_fstat(fd, &st);
    fs_call_close(fd);
    return r < 0 ? r : (int)st.size;
}

// A write of the log header that commits an operation.
static inline bool is_commit(const struct ipc_msg *m, const uint8_t *bytes)
{
    int32_t count;
    if (m->label != IPC_LABEL(BLK_IFACE_ID, BLK_VERSION, BLK_OP_WRITE) || m->w[1] != LOGSTART
        || m->rlen != BLK_BSIZE)
        return false;
    memcpy(&count, bytes, sizeof(count));
    return count != 0;
}

// What a relay does at one block request: asked before the request goes
// on to the driver (answered false) and after the driver answered it.
// Returning false holds the request (before: it never reaches the
// driver) or its answer: the relay answers nobody and waits for the
// next request, so the file server waits until it is killed.
typedef bool (*relay_fn)(bool commit, bool answered);

// A task between the file server and the disk driver (the driver serves
// at EP_TEST2, the relay at EP_BLK): it passes every block request on and
// the answer back, and asks at() about each (fs_cut.c, fs_once.c).
static inline void relay_blk(relay_fn at)
{
    static uint8_t req[IPC_MAXBUF], rep[IPC_MAXBUF];
    struct ipc_msg m, fwd;
    uint32_t client = 0;
    bool answer = false;
    memset(&m, 0, sizeof(m));
    for (;;) {
        m.rbuf = req;
        m.rlen = sizeof(req);
        if (answer)
            ipc_reply_recv(client, &m, IPC_FOREVER);
        else
            ipc_recv(&m, IPC_FOREVER);
        client = m.sender;
        bool commit = is_commit(&m, req);
        if (!at(commit, false)) {
            answer = false;
            memset(&m, 0, sizeof(m));
            continue;
        }
        fwd = m;
        fwd.sbuf = req;
        fwd.slen = m.rlen;
        fwd.rbuf = rep;
        fwd.rlen = sizeof(rep);
        if (ipc_call(EP_TEST2, &fwd) < 0)
            fwd.label = (uint32_t)E_IO;
        answer = at(commit, true);
        if (!answer) {
            memset(&m, 0, sizeof(m));
            continue;
        }
        m = fwd;
        m.sbuf = rep;
        m.slen = fwd.rlen;
        m.spage = m.rpage = 0;
    }
}

// Every check prints one line (ktest.h) and is counted; finish() prints
// the count the tests look for and powers off.
static int checks_passed, checks_total;

static inline void expect(const char *name, int got, int want)
{
    checks_total++;
    checks_passed += check(name, got, want);
}

static inline void finish(const char *program)
{
    cprintf("%s: %d of %d checks passed\n", program, checks_passed, checks_total);
    sys_halt(0);
}

#endif
