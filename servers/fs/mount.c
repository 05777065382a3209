// Start-up: read and check the superblock, let the log recover the
// last committed operation, and start with empty tables (or, after a
// restart, with the old server's: resume.c).
#include "fs_rt.h"
#include "defs.h"
#include "buf.h"
#include "state.h"

struct superblock sb;

// The tables live here unless the embedding attaches other memory.
static struct fs_state own_state;
struct fs_state *fs_state = &own_state;

// 1 if the regions the superblock describes lie in order inside the
// image: boot, super, log, inodes, bitmap, data.
static int
superblock_sane(const struct superblock *s)
{
    uint32_t datastart = s->size - s->nblocks;

    return s->nblocks > 0 && s->nblocks < s->size &&
           s->ninodes > ROOTINO && s->ninodes <= UINT16_MAX + 1 &&  // dirent.inum is 16 bits
           s->logstart > SUPERBLOCK &&
           s->logstart + s->nlog <= s->inodestart &&
           s->inodestart + (s->ninodes - 1) / IPB < s->bmapstart &&
           s->bmapstart + (s->size - 1) / BPB < datastart;
}

uint32_t
fs_state_size(void)
{
    return sizeof(struct fs_state);
}

void
fs_attach_state(void *mem)
{
    fs_state = mem;
}

// Empty caches, the superblock checked, the log recovered: 0 or E_IO.
int
mount(void)
{
    struct buf *b;

    binit();
    iinit();
    b = bread(SUPERBLOCK);
    fs_memmove(&sb, b->data, sizeof(sb));
    brelse(b);
    if (!superblock_sane(&sb))
        return E_IO;
    return log_init();
}

// With empty tables nobody holds an inode, so one with no links is an
// orphan: a file removed while open when the machine stopped.
int
fs_init(void)
{
    int r;

    fs_memset(fs_state, 0, sizeof(*fs_state));
    if ((r = mount()) < 0)
        return r;
    ifree_orphans();
    return 0;
}
