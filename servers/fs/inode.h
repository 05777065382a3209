// An inode in memory (inode.c): the on-disk fields plus a reference
// count.  An inode stays in the cache exactly while someone holds it.
#ifndef FS_INODE_H
#define FS_INODE_H

#include "ondisk.h"

struct inode {
    uint32_t inum;
    int ref;                        // 0: the slot is free
    int16_t type;                   // copy of the disk inode
    int16_t major;
    int16_t minor;
    int16_t nlink;
    uint32_t size;
    uint32_t addrs[NDIRECT + 1];
};

#endif
