// Sizes of the file server's tables and limits.  Where xv6 has the same
// table, the value is xv6's (param.h), so programs see the same limits.
#ifndef FS_FSPARAM_H
#define FS_FSPARAM_H

#define NFILE       100                // open files, system wide
#define NOFILE      16                 // descriptors per client
#define NCLIENT     64                 // clients with descriptors or a cwd (xv6's NPROC)
#define NPIPE       (NFILE / 2)        // a pipe needs two open files
#define PIPESIZE    512                // bytes buffered in one pipe
#define MAXOPBLOCKS 10                 // most distinct blocks one operation writes
#define LOGSIZE     (MAXOPBLOCKS * 3)  // slots in the on-disk log header
#define NBUF        (MAXOPBLOCKS * 3)  // buffers in the block cache
#define RUNBLOCKS   8                  // most blocks a read-ahead brings in: one device
                                       // command of the disk driver (blk.idl, MAXBYTES)
#define MAXPATH     128                // a path ends with NUL within this many bytes
#define ROOTDEV     1                  // the device number fstat reports

// In-memory inodes.  Every open file holds one inode and every client
// its working directory; an operation holds at most a few more while it
// walks a path or creates a name.  With this many slots the cache can
// never run out, which inode.c relies on.
#define NINODE_TRANSIENT 8
#define NINODE (NFILE + NCLIENT + NINODE_TRANSIENT)

#endif
