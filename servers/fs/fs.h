// The file server's core, as the server front-end sees it: one function
// per request, each taking the requesting client's id (the kernel task
// id stamped on its message) and returning a non-negative result or a
// negative error code from libipc/ipc.h.  The core does no IPC itself;
// the embedding supplies the block device and a panic routine (bottom
// of this file), so the same code runs in the user-mode fs server, in a
// monolithic kernel build and in the host test harness.
//
// The core is single-threaded and never waits: a request that would
// have to wait answers FS_WOULDBLOCK and the front-end retries it later.
#ifndef FS_FS_H
#define FS_FS_H

#include "ipc.h"

// Open modes, with xv6's values (fcntl.h), written as idl/fs.idl's
// constants are generated, so that the front-end, which sees both, finds
// the same definitions: 0x200 and 0x400 for CREATE and TRUNC (xv6-riscv's
// value; xv6-x86 has no O_TRUNC).
#define FS_O_RDONLY 0
#define FS_O_WRONLY 1
#define FS_O_RDWR 2
#define FS_O_ACCMODE 0x003   // the bits above
#define FS_O_CREATE 512
#define FS_O_TRUNC 1024

// File types, as in xv6's stat.h.
#define FS_T_DIR  1
#define FS_T_FILE 2
#define FS_T_DEV  3

#define FS_MAXPATH 128   // a path must end with NUL within this many bytes
#define FS_DIRSIZ  14    // longest name of one path element
#define FS_MAXFILE_BYTES ((12 + 128) * 512)   // direct + indirect blocks
#define FS_NOFILE  16    // descriptors per client
#define FS_PIPESIZE 512  // bytes a pipe buffers: the most one pipe read answers

// What fs_fstat reports; the same layout as xv6's struct stat.
struct fs_stat {
    int16_t type;    // FS_T_DIR, FS_T_FILE or FS_T_DEV
    int32_t dev;     // device the file system is on (always 1)
    uint32_t ino;    // inode number
    int16_t nlink;   // directory entries naming the file
    uint32_t size;   // bytes
};

// Results for the front-end only, never to be sent to a client.  They
// lie below every ipc.h error code.
//
// FS_WOULDBLOCK: a pipe read found no data while a writer is still open,
// or a pipe write found the buffer full while a reader is still open.
// Nothing happened; park the request and call it again once
// fs_pipe_changes() has moved and fs_ready() says 1.
//
// FS_REDIRECT: the descriptor names a device (T_DEV inode); the data
// does not pass through the file server.  fs_device() gives the major
// and minor numbers for the reply, and the client library then talks to
// the device's server directly.
#define FS_WOULDBLOCK (-100)
#define FS_REDIRECT   (-101)
_Static_assert(FS_WOULDBLOCK <= -E_NERRORS && FS_REDIRECT <= -E_NERRORS,
               "front-end results never collide with error codes");

// Bring the file system up: read the superblock, replay a committed log,
// start with empty tables.  0, or E_IO if the superblock or log header
// is not sane.  Calling it again starts over (the tests use that to
// simulate a reboot).
int fs_init(void);

// Restart.  The tables that cannot be rebuilt from the disk (open files,
// pipes, clients: state.h) are one plain block of fs_state_size() bytes
// holding no pointers.  They are the core's own memory unless
// fs_attach_state() moves them, before fs_init() (which empties them)
// or fs_resume() (which keeps them): the user-mode server attaches a
// segment its supervisor preserves.  fs_resume() starts like fs_init()
// but carries on with the tables a dead server left, after checking
// every entry and repairing what a crash left half-done (resume.c); it
// answers the number of repairs or E_IO.
uint32_t fs_state_size(void);
void fs_attach_state(void *mem);
int fs_resume(void);

// Exactly once (answer.c).  Before running a request, the front end
// names it with fs_answer_key (client, its sequence number, and the
// operation); a request that commits changes to the disk leaves its
// result in the same commit.  After a restart, fs_answered says whether
// a request begun when fs_commits() was since did commit, and with what
// result: the core's return value (for open, the descriptor).
void fs_answer_key(uint32_t client, uint32_t seq, uint32_t op);
uint32_t fs_commits(void);
int fs_answered(uint32_t client, uint32_t seq, uint32_t op, uint32_t since, int32_t *result);

// A client id the server has not seen yet starts with no descriptors
// and the root as working directory.  A path must end with NUL within
// FS_MAXPATH bytes; the core reads no further than that.  Besides the
// obvious codes: E_BADF for a descriptor that is not open or not open in
// that direction, E_TOOBIG for a path or name too long, E_NFILE when the
// client's descriptors or the open-file table run out, E_NOMEM when the
// client table does, E_NOSPC when inodes or blocks do.

// Descriptors.  fs_read answers 0 at the end of a file or of a pipe
// whose writers have all closed.  fs_write to a file writes all n bytes
// or, if the disk fills, fewer; one that would pass FS_MAXFILE_BYTES is
// refused whole (E_TOOBIG).  fs_write to a pipe takes what fits and may
// answer fewer than n bytes: to keep xv6's semantics (write returns only
// when all is written) the front-end writes the rest before replying,
// parking the request whenever the answer is FS_WOULDBLOCK.
int fs_open(uint32_t client, const char *path, int omode);   // -> fd
// exec's open: path is looked up from task's working directory, the
// descriptor goes to client (proc).
int fs_open_as(uint32_t client, uint32_t task, const char *path, int omode);
int fs_close(uint32_t client, int fd);
int fs_read(uint32_t client, int fd, void *buf, int n);       // -> bytes
int fs_write(uint32_t client, int fd, const void *buf, int n);// -> bytes
int fs_fstat(uint32_t client, int fd, struct fs_stat *st);
int fs_dup(uint32_t client, int fd);                          // -> new fd
int fs_pipe(uint32_t client, int fds[2]);                     // fds[0] reads, fds[1] writes
// Whether fd is open; the offset of the inode file open at fd (E_INVAL
// for a pipe), and setting it: a restarted front-end moves a read or
// write that its predecessor died in back to where that request started.
int fs_isopen(uint32_t client, int fd);
int fs_offset(uint32_t client, int fd);
int fs_set_offset(uint32_t client, int fd, uint32_t off);
// The same for a pipe: how many bytes have gone through the pipe open
// at fd, read (for_write 0) or written (E_INVAL if it is no pipe), and
// giving back to it the bytes read since its read count was count (a
// read the server died in; E_INVAL if they are not all still there).
int fs_pipe_count(uint32_t client, int fd, int for_write, uint32_t *count);
int fs_pipe_unread(uint32_t client, int fd, uint32_t count);

// Names.
int fs_link(uint32_t client, const char *oldpath, const char *newpath);
int fs_unlink(uint32_t client, const char *path);
int fs_mkdir(uint32_t client, const char *path);
int fs_mknod(uint32_t client, const char *path, int major, int minor);
int fs_chdir(uint32_t client, const char *path);

// Process life cycle, called on behalf of proc.  fs_fork gives child a
// copy of parent's descriptors (sharing the open files and so their
// offsets) and working directory; fs_exit closes everything client has.
int fs_fork(uint32_t parent, uint32_t child);
int fs_exit(uint32_t client);
// The client the server keeps a record for in slot i, 0 if the slot is
// free; FS_NOCLIENT once i is past the last slot.
#define FS_NOCLIENT 0xffffffffu
uint32_t fs_client_at(int i);

// For parked requests: 1 if a read (for_write == 0) or write on fd would
// now make progress instead of answering FS_WOULDBLOCK, 0 if not, or an
// error for a bad descriptor.  fs_pipe_changes() counts every change of
// any pipe (data in or out, an end closed); while it stays the same, no
// parked request can have become ready.
int fs_ready(uint32_t client, int fd, int for_write);
uint32_t fs_pipe_changes(void);

// Major and minor number of the device fd names; E_INVAL if it is not a
// device.
int fs_device(uint32_t client, int fd, int *major, int *minor);

// Group commit (log.c).  Between fs_group_begin() and fs_group_end()
// the changes of every request go into one transaction, committed by
// fs_group_end().  A request answered in between that changed the disk
// (fs_log_changes() moved) must not be answered to its client before
// that: a crash would lose the change.  fs_group_room() says whether one
// more request fits in the group.
void fs_group_begin(void);
int fs_group_room(void);
void fs_group_end(void);
uint32_t fs_log_changes(void);

// Supplied by the embedding.  Each block is 512 bytes; the functions
// return 0 or a negative error code.  A write may sit in a volatile
// cache and reach the medium in any order until blkdev_flush(), which
// returns when every write before it is on the medium.
// blkdev_read_run and blkdev_write_run move n consecutive blocks, n up
// to RUNBLOCKS, in as few device commands as the device allows.
// fs_panic reports a broken internal invariant or an unusable disk and
// must not return.
int blkdev_read(uint32_t block, void *buf);
int blkdev_read_run(uint32_t block, uint32_t n, void *buf);
int blkdev_write(uint32_t block, const void *buf);
int blkdev_write_run(uint32_t block, uint32_t n, const void *buf);
int blkdev_flush(void);
void fs_panic(const char *msg) __attribute__((noreturn));

#endif
