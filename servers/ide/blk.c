// The blk interface (idl/blk.idl): one handler per operation.  Each
// checks what the client asked against what the drive is before the
// controller is touched, so a bad request costs no I/O: a disk that is
// not there is E_NOENT, a block past its end or a buffer that is not
// one block is E_INVAL.
#include "ide.h"

// The drive behind blk disk number dev, or null if there is none.
static struct drive *drive_of(uint32_t dev)
{
    return dev < NDRIVE && drives[dev].present ? &drives[dev] : 0;
}

int blk_do_read(uint32_t client, uint32_t dev, uint32_t block, void *data, uint32_t *data_len)
{
    (void)client;
    struct drive *d = drive_of(dev);
    if (!d)
        return E_NOENT;
    if (block >= d->sectors || *data_len != BLK_BSIZE)
        return E_INVAL;
    int r = ata_read(dev, block, data);
    if (r < 0)
        return r;
    *data_len = BLK_BSIZE;
    return 0;
}

int blk_do_write(uint32_t client, uint32_t dev, uint32_t block, const void *data, uint32_t data_len)
{
    (void)client;
    struct drive *d = drive_of(dev);
    if (!d)
        return E_NOENT;
    if (block >= d->sectors || data_len != BLK_BSIZE)
        return E_INVAL;
    return ata_write(dev, block, data);
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
