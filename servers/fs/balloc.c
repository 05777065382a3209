// Allocation of data blocks through the free bitmap: bit b of the
// bitmap is set while block b is in use.  mkfs sets the bits of the
// boot, super, log, inode and bitmap blocks too, but the search starts
// at the first data block anyway, so a damaged bitmap can never hand
// out metadata.  Callers run inside a log operation.
#include "fs_rt.h"
#include "defs.h"
#include "buf.h"

static uint32_t
first_data_block(void)
{
    return sb.size - sb.nblocks;
}

static void
bzero_block(uint32_t blockno)
{
    struct buf *b = bread_zeroed(blockno);

    log_write(b);
    brelse(b);
}

// Claim the lowest free data block and zero it; 0 if the disk is full.
uint32_t
balloc(void)
{
    uint32_t base, bit;

    for (base = 0; base < sb.size; base += BPB) {
        struct buf *b = bread(BBLOCK(base, sb));

        for (bit = 0; bit < BPB && base + bit < sb.size; bit++) {
            uint8_t mask = 1 << (bit % 8);

            if (base + bit < first_data_block() || (b->data[bit / 8] & mask))
                continue;
            b->data[bit / 8] |= mask;
            log_write(b);
            brelse(b);
            bzero_block(base + bit);
            return base + bit;
        }
        brelse(b);
    }
    return 0;
}

void
bfree(uint32_t blockno)
{
    struct buf *b;
    uint32_t bit = blockno % BPB;
    uint8_t mask = 1 << (bit % 8);

    if (blockno < first_data_block() || blockno >= sb.size)
        fs_panic("bfree: not a data block");
    b = bread(BBLOCK(blockno, sb));
    if ((b->data[bit / 8] & mask) == 0)
        fs_panic("bfree: block is already free");
    b->data[bit / 8] &= ~mask;
    log_write(b);
    brelse(b);
}
