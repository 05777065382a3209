// The state the file server cannot rebuild from the disk: the open-file
// table, every client's descriptors and working directory, and the pipe
// buffers.  Everything else -- block cache, inode cache, log -- is read
// back from the disk at start-up.
//
// It is one plain struct on purpose.  It holds no pointers: an open file
// names its inode by number and its pipe by index, a descriptor names
// its open file by index.  All-zero memory is the valid empty state.
// The core reaches it through a pointer the embedding may move
// (fs_attach_state in fs.h): the user-mode server puts it in a segment
// its supervisor keeps across a restart, and the next incarnation takes
// it over with fs_resume (resume.c), which checks every entry before
// trusting it.
#ifndef FS_STATE_H
#define FS_STATE_H

#include "fsparam.h"
#include "fs_rt.h"

enum file_type { FD_NONE, FD_PIPE, FD_INODE };

struct file {
    uint8_t type;           // enum file_type
    uint8_t readable;
    uint8_t writable;
    uint8_t pipe;           // index into fs_state.pipe (FD_PIPE)
    uint32_t ref;           // descriptors naming this file; 0: slot free
    uint32_t inum;          // FD_INODE
    uint32_t off;           // FD_INODE: next byte to read or write
};

struct pipe {
    uint8_t used;
    uint8_t readopen;       // a read end is still open
    uint8_t writeopen;      // a write end is still open
    uint32_t nread;         // bytes read so far (counts on past PIPESIZE)
    uint32_t nwrite;        // bytes written so far
    uint8_t data[PIPESIZE];
};

struct client {
    uint8_t used;
    uint32_t id;            // kernel task id
    uint32_t cwd;           // inode number of the working directory
    uint8_t fd[NOFILE];     // open-file index + 1; 0: descriptor closed
};

struct fs_state {
    struct file file[NFILE];
    struct pipe pipe[NPIPE];
    struct client client[NCLIENT];
};

_Static_assert(NFILE < 255, "a descriptor slot holds a file index + 1 in a byte");
_Static_assert(NPIPE <= 256, "a pipe index fits a byte");

extern struct fs_state *fs_state;

#endif
