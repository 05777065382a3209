// One buffer of the block cache (bio.c).
#ifndef FS_BUF_H
#define FS_BUF_H

#include "ondisk.h"

struct buf {
    uint32_t blockno;
    int valid;              // data holds the block's contents
    int refcnt;             // holders, including the log's pin
    int dirty;              // committed by the log, not yet written home
    struct buf *prev;       // LRU list; the head's next is the most recent
    struct buf *next;
    uint8_t data[BSIZE] __attribute__((aligned(4)));
};

#endif
