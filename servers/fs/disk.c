// What the core asks of its embedding (fs.h): the block device, which
// here is the disk driver's blk interface through the generated stubs,
// and fs_panic.  A stub retries by itself while the driver restarts, so
// an error that comes back is real (a bad block, a dead disk); it is
// logged here, and the core then gives up with fs_panic.
#include "front.h"
#include "blk_client.h"

int blkdev_read(uint32_t block, void *buf)
{
    uint32_t len = BLK_BSIZE;
    int r = blk_call_read(FS_DISK, block, buf, &len);
    if (r == 0 && len != BLK_BSIZE)
        r = E_IO;
    if (r < 0)
        cprintf("fs: reading block %u: %s\n", block, ipc_strerror(r));
    return r;
}

int blkdev_read_run(uint32_t block, uint32_t n, void *buf)
{
    uint32_t len = n * BLK_BSIZE;
    if (len > BLK_MAXBYTES)
        return E_INVAL;
    int r = blk_call_read(FS_DISK, block, buf, &len);
    if (r == 0 && len != n * BLK_BSIZE)
        r = E_IO;
    if (r < 0)
        cprintf("fs: reading blocks %u..%u: %s\n", block, block + n - 1, ipc_strerror(r));
    return r;
}

int blkdev_write(uint32_t block, const void *buf)
{
    int r = blk_call_write(FS_DISK, block, buf, BLK_BSIZE);
    if (r < 0)
        cprintf("fs: writing block %u: %s\n", block, ipc_strerror(r));
    return r;
}

// A run goes in messages of at most BLK_MAXBYTES, one device command
// each.
int blkdev_write_run(uint32_t block, uint32_t n, const void *buf)
{
    const uint8_t *p = buf;
    while (n > 0) {
        uint32_t len = n * BLK_BSIZE < BLK_MAXBYTES ? n * BLK_BSIZE : BLK_MAXBYTES;
        int r = blk_call_write(FS_DISK, block, p, len);
        if (r < 0) {
            cprintf("fs: writing blocks %u..%u: %s\n", block, block + len / BLK_BSIZE - 1, ipc_strerror(r));
            return r;
        }
        block += len / BLK_BSIZE;
        p += len;
        n -= len / BLK_BSIZE;
    }
    return 0;
}

int blkdev_flush(void)
{
    int r = blk_call_flush(FS_DISK);
    if (r < 0)
        cprintf("fs: flushing the disk: %s\n", ipc_strerror(r));
    return r;
}

// A broken invariant or a failed disk: end this incarnation with a
// fault, not an exit.  A faulting task stops and its supervisor (proc)
// is told, restarts the server and carries its state segment over; an
// exit would free the segment with the task.  The disk is consistent
// (the log), so the next copy loses nothing that was answered.
void fs_panic(const char *msg)
{
    cprintf("fs: panic: %s\n", msg);
    for (;;)
        asm volatile("ud2");    // invalid opcode: the fault that reports us
}
