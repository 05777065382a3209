// The xv6 on-disk file system layout, as user programs see it: ls reads
// struct dirent records from directories, and the limits below bound
// how big a file can grow.  Needs types.h first.

#ifndef XV6_FS_H
#define XV6_FS_H

#define ROOTINO 1    // root directory's inode number
#define BSIZE 512    // block size in bytes

// Disk layout:
// [ boot block | super block | log | inode blocks | free bit map | data blocks ]
// The super block describes where each part starts.
struct superblock {
  uint size;         // size of file system image (blocks)
  uint nblocks;      // number of data blocks
  uint ninodes;      // number of inodes
  uint nlog;         // number of log blocks
  uint logstart;     // block number of first log block
  uint inodestart;   // block number of first inode block
  uint bmapstart;    // block number of first free map block
};

#define NDIRECT 12
#define NINDIRECT (BSIZE / sizeof(uint))
#define MAXFILE (NDIRECT + NINDIRECT)   // largest file, in blocks

// On-disk inode.
struct dinode {
  short type;               // file type (T_DIR, T_FILE, T_DEV); 0 = free
  short major;              // major device number (T_DEV only)
  short minor;              // minor device number (T_DEV only)
  short nlink;              // number of links to inode in file system
  uint size;                // size of file (bytes)
  uint addrs[NDIRECT+1];    // data block addresses; the last one is indirect
};

// Inodes per block.
#define IPB           (BSIZE / sizeof(struct dinode))

// Block containing inode i.
#define IBLOCK(i, sb)     ((i) / IPB + (sb).inodestart)

// Bitmap bits per block.
#define BPB           (BSIZE*8)

// Block of free map containing bit for block b.
#define BBLOCK(b, sb) ((b) / BPB + (sb).bmapstart)

// A directory is a file containing a sequence of dirent structures.
// A name shorter than DIRSIZ is NUL-terminated; one of exactly DIRSIZ is not.
#define DIRSIZ 14

struct dirent {
  ushort inum;      // 0 = free slot
  char name[DIRSIZ];
};

#endif
