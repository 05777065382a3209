// System-wide limits with xv6's names and values.  Programs use them
// to size buffers (MAXARG) or to know how far a resource can go (NOFILE).

#ifndef XV6_PARAM_H
#define XV6_PARAM_H

#define NPROC        64             // maximum number of processes
#define NOFILE       16             // open files per process
#define NFILE       100             // open files per system
#define NINODE       50             // maximum number of active in-memory inodes
#define NDEV         10             // maximum major device number
#define ROOTDEV       1             // device number of the file system root disk
#define MAXARG       32             // max exec arguments
#define MAXOPBLOCKS  10             // max # of blocks any FS op writes
#define LOGSIZE      (MAXOPBLOCKS*3)  // max data blocks in on-disk log
#define NBUF         (MAXOPBLOCKS*3)  // size of disk block cache
#define FSSIZE       1000           // size of file system in blocks

#endif
