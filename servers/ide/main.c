// ide, the disk driver: ATA PIO on the primary channel of the PC's IDE
// controller.  proc gives it the channel's ports (0x1F0-0x1F7, 0x3F6)
// and IRQ 14, nothing else, and binds EP_BLK to it.  It resets the
// channel, identifies both drives, and serves the blk interface from
// the generated loop, one request at a time; the interrupt arrives as a
// notification (ata.c).  In mono mode (docs/mono.md) the kernel links the
// driver in and calls ide_start and the generated blk_dispatch itself.
#include "ide.h"

// The loop hands over what the kernel sends between requests: only an
// interrupt that came too late for its command.
static void on_kernel_message(const struct ipc_msg *m)
{
    if (m->label == IPC_LABEL_NOTIFY && (m->w[0] & IDE_IRQ_BIT))
        ata_stray_interrupt();
}

// Whether the driver was given IDE_ARG_SINGLE.  Mono mode starts it
// without arguments: always the drive's largest data blocks there.
static bool single;

static void identify_all(void)
{
    for (int dev = 0; dev < NDRIVE; dev++) {
        struct drive *d = &drives[dev];
        if (ata_identify(dev, d, !single) < 0) {
            cprintf("ide: disk %d: none\n", dev);
            continue;
        }
        cprintf("ide: disk %d: %s, %u sectors (%u KiB), write cache %s\n", dev, d->model, d->sectors,
                d->sectors / 2, d->wcache ? "on" : "off");
        if (d->per_irq == 1)
            cprintf("ide: disk %d: one sector an interrupt (READ/WRITE SECTORS)\n", dev);
    }
}

// Take the interrupt, reset the channel and find the drives: 0, or the
// error that leaves the driver unable to serve.
int ide_start(void)
{
    int r = sys_irq_register(IDE_IRQ, IDE_IRQ_BIT);
    if (r < 0) {
        cprintf("ide: cannot have IRQ %d: %s\n", IDE_IRQ, ipc_strerror(r));
        return r;
    }
    ata_reset();
    identify_all();
    return 0;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!streq(argv[i], IDE_ARG_SINGLE)) {
            cprintf("ide: unknown argument '%s'\n", argv[i]);
            return 1;
        }
        single = true;
    }
    if (ide_start() < 0)
        return 1;
    blk_serve(on_kernel_message);
    return 0;
}
