// The fs server's front end: the files that turn IPC requests into calls
// of the core (fs.h) and answers back.  The core knows nothing of IPC;
// these files are the user-mode embedding of it:
//
//   main.c      start-up and the receive loop
//   handlers.c  one handler per fs operation (the generated dispatcher calls them)
//   calls.c     each client's latest request: retries answered once, parked requests
//   keep.c      the state segment that outlives the server, and taking it over
//   disk.c      the core's block device, through the blk interface, and fs_panic
#ifndef FS_FRONT_H
#define FS_FRONT_H

#include "fs_server.h"
#include "fs.h"
#include "rt.h"

// The disk the file system is on: xv6's ROOTDEV, device 1 of the primary
// channel (blk.idl numbers disks as xv6 does).
#define FS_DISK 1

// The root task (proc), the only client allowed fork, exit and open_as.
// The kernel gives it this id (TASK_ROOT, abi/sysno.h) and stamps it
// on its messages, so nobody else can claim it.
#define FS_ROOT_TASK TASK_ROOT

// The latest request of one client, kept so that the same request sent
// again (the stub's retry after a restart: same seq) gets the same
// answer instead of being done twice, and so that a request that has to
// wait for a pipe can be answered later.  It lives in the state segment
// (keep.c); the bytes a request moves do not (call_buf): a retry brings
// a write's bytes again, and a read's answer is kept only for a pipe,
// whose bytes cannot be read twice.
enum call_state {
    CALL_FREE,
    CALL_RUNNING,       // being served (seen after a restart: the old server died in it)
    CALL_PARKED,        // waiting for a pipe; answered by calls_kick()
    CALL_ANSWERED,      // done: result and outs recorded
};

enum pipe_step { PIPE_IDLE, PIPE_READING, PIPE_WRITING };

struct call {
    uint32_t client;            // task id; 0 while the slot is free
    uint32_t seq;               // the request's sequence number
    uint16_t op;                // FS_OP_*
    uint8_t state;              // enum call_state
    uint8_t for_write;          // a parked write (else a parked read)
    uint32_t ticket;            // parked: order of arrival, oldest served first
    int32_t fd;                 // read, write: the descriptor
    int32_t off;                // read, write: the file offset it began at; -1 for a pipe
    uint32_t len;               // write: bytes to write; read: capacity, then bytes answered
    uint32_t done;              // write: bytes written so far; close: the fd was open;
                                // open, dup, pipe: the descriptors open before, a bit each
    uint32_t commit;            // fs_commits() when the request began (answer.c)
    uint8_t in_pipe;            // enum pipe_step: moving bytes through a pipe now (call_pipe_begin)
    uint32_t pipe_count;        // in_pipe: the pipe's count before
    uint32_t done_before;       // in_pipe: done before
    int32_t result;             // answered: the result
    uint32_t out[2];            // answered: fd; n; rfd, wfd; or the device (major, minor)
    uint8_t piped[FS_PIPESIZE]; // answered pipe read: its bytes
};

#define NCALL 64                // as many as the core has clients

// calls.c
void calls_attach(struct call *table, bool resumed);
struct call *call_get(uint32_t client);
uint8_t *call_buf(struct call *c);
struct call *call_begin(uint32_t client, uint32_t seq, uint16_t op, bool *repeat);
int call_answer(struct call *c, int result, uint32_t out0, uint32_t out1);
void call_committed(struct call *c);
int call_park(struct call *c, int fd, bool for_write);
void call_pipe_begin(struct call *c, bool for_write);
void call_pipe_end(struct call *c);
void calls_kick(void);
void calls_drop(uint32_t client);

// handlers.c
void resume_parked(struct call *c);

// keep.c
int keep_start(void);

#endif
