// The on-disk format: xv6's, block for block, so images move freely
// between this system, xv6 and tools/mkfs and tools/fsck.
//
// [ boot | super | log header, log blocks | inode blocks | bitmap | data ]
//
// Integers are little-endian; both i386 and the hosts we test on are,
// so the structures below are copied to and from blocks as they are.
#ifndef FS_ONDISK_H
#define FS_ONDISK_H

#include "fs_rt.h"
#include "fs.h"
#include "fsparam.h"

#define BSIZE      512   // block size
#define SUPERBLOCK 1     // block number of the superblock
#define ROOTINO    1     // inode number of the root directory

#define T_DIR  FS_T_DIR
#define T_FILE FS_T_FILE
#define T_DEV  FS_T_DEV

struct superblock {
    uint32_t size;        // blocks in the image
    uint32_t nblocks;     // data blocks
    uint32_t ninodes;     // inodes (numbered 0..ninodes-1; 0 is never used)
    uint32_t nlog;        // log blocks, header included
    uint32_t logstart;    // first log block (the header)
    uint32_t inodestart;  // first inode block
    uint32_t bmapstart;   // first free-bitmap block
};

#define NDIRECT   12
#define NINDIRECT (BSIZE / sizeof(uint32_t))
#define MAXFILE   (NDIRECT + NINDIRECT)    // blocks in the largest file
#define MAXFILE_BYTES (MAXFILE * BSIZE)

struct dinode {
    int16_t type;                   // T_DIR, T_FILE, T_DEV; 0 = free
    int16_t major;                  // device numbers (T_DEV only)
    int16_t minor;
    int16_t nlink;                  // directory entries naming this inode
    uint32_t size;                  // bytes
    uint32_t addrs[NDIRECT + 1];    // data blocks; the last is the indirect block
};

#define IPB (BSIZE / sizeof(struct dinode))        // inodes per block
#define IBLOCK(inum, sb) ((inum) / IPB + (sb).inodestart)
#define BPB (BSIZE * 8)                            // bitmap bits per block
#define BBLOCK(b, sb) ((b) / BPB + (sb).bmapstart)

// A directory is a file of these.  A name of exactly DIRSIZ bytes has
// no terminating NUL.
#define DIRSIZ 14

struct dirent {
    uint16_t inum;        // 0 = free slot
    char name[DIRSIZ];
};

// The first log block: how many of the following blocks hold a
// committed transaction, and where each belongs.
struct logheader {
    int32_t n;
    int32_t block[LOGSIZE];
};

_Static_assert(sizeof(struct dinode) == 64, "dinode is 64 bytes");
_Static_assert(sizeof(struct dirent) == 16, "dirent is 16 bytes");
_Static_assert(sizeof(struct logheader) <= BSIZE, "log header fits a block");
_Static_assert(MAXFILE_BYTES == FS_MAXFILE_BYTES, "fs.h agrees on the file size limit");
_Static_assert(DIRSIZ == FS_DIRSIZ && MAXPATH == FS_MAXPATH && NOFILE == FS_NOFILE &&
               PIPESIZE == FS_PIPESIZE, "fs.h agrees on the limits");

#endif
