// The blk interface (idl/blk.idl): one handler per operation.  Each
// checks what the client asked against what the drive is before the
// controller is touched, so a bad request costs no I/O: a disk that is
// not there is E_NOENT, a run that passes its end or a buffer that is
// not a whole number of blocks (1 to MAX_RUN) is E_INVAL.
#include "ide.h"

// The drive behind blk disk number dev, or null if there is none.
static struct drive *drive_of(uint32_t dev)
{
    return dev < NDRIVE && drives[dev].present ? &drives[dev] : 0;
}

// The blocks in a run of len bytes from block, if the run is whole
// blocks and lies on d; else 0.  Written so that no sum can wrap.
static uint32_t run_blocks(const struct drive *d, uint32_t block, uint32_t len)
{
    uint32_t count = len / BLK_BSIZE;
    if (len % BLK_BSIZE || count == 0 || count > MAX_RUN)
        return 0;
    if (block >= d->sectors || count > d->sectors - block)
        return 0;
    return count;
}

int blk_do_read(uint32_t client, uint32_t dev, uint32_t block, void *data, uint32_t *data_len)
{
    (void)client;
    struct drive *d = drive_of(dev);
    if (!d)
        return E_NOENT;
    uint32_t count = run_blocks(d, block, *data_len);
    if (!count)
        return E_INVAL;
    return ata_read(dev, block, count, data);
}

int blk_do_write(uint32_t client, uint32_t dev, uint32_t block, const void *data, uint32_t data_len)
{
    (void)client;
    struct drive *d = drive_of(dev);
    if (!d)
        return E_NOENT;
    uint32_t count = run_blocks(d, block, data_len);
    if (!count)
        return E_INVAL;
    return ata_write(dev, block, count, data);
}

int blk_do_info(uint32_t client, uint32_t dev, uint32_t *nblocks, uint32_t *bsize)
{
    (void)client;
    struct drive *d = drive_of(dev);
    if (!d)
        return E_NOENT;
    *nblocks = d->sectors;
    *bsize = BLK_BSIZE;
    return 0;
}

int blk_do_flush(uint32_t client, uint32_t dev)
{
    (void)client;
    if (!drive_of(dev))
        return E_NOENT;
    return ata_flush(dev);
}

int blk_do_counters(uint32_t client, uint32_t *commands, uint32_t *flushes, uint32_t *sectors)
{
    (void)client;
    *commands = ata_counters.commands;
    *flushes = ata_counters.flushes;
    *sectors = ata_counters.sectors;
    return 0;
}
