// The ATA PIO protocol on the primary channel, a run of up to
// MAX_RUN sectors per command, as the host side of ATA/ATAPI-6
// "Protocol" describes it:
//
//   select a drive   wait until not busy; write the Device register;
//                    wait 400 ns; wait until not busy again
//   issue a command  write count and address, then the Command register
//   PIO data-in      (READ MULTIPLE, IDENTIFY DEVICE) for each data block:
//                    wait for INTRQ, read the Status register, read the
//                    block's words
//   PIO data-out     (WRITE MULTIPLE) wait for DRQ; for each data block:
//                    write its words, wait for INTRQ, read the Status
//                    register (DRQ set again while blocks remain)
//   non-data         (FLUSH CACHE, SET MULTIPLE MODE) wait for INTRQ, read
//                    the Status register
//
// A data block is what moves between two interrupts.  SET MULTIPLE MODE
// at start-up makes it MAX_RUN sectors for READ/WRITE MULTIPLE, so a
// whole run costs one interrupt; a drive that cannot do that gets READ/
// WRITE SECTORS, whose data block is one sector.
//
// A write is not flushed: with the drive's volatile write cache on, it
// reaches the medium when the drive decides, in any order.  The client
// asks for FLUSH CACHE where its own protocol needs an ordering barrier
// (blk.idl, "Durability").  The counters are blk.idl's: they let a
// benchmark or a test see how many commands a file operation costs.
//
// INTRQ reaches the driver as a kernel notification for IRQ 14.  It only
// means "look now": the Status register is the truth.  So a notification
// that comes early (anyone may notify a server), late (after a timeout)
// or never costs at most a bounded wait, and every failure becomes E_IO
// with one log line saying why.
#include "ide.h"
#include "port.h"

struct drive drives[NDRIVE];
struct ata_counters ata_counters;

// One read of the Alternate Status register takes an ISA bus cycle of at
// least 100 ns and changes nothing, so n reads wait n * 100 ns.
static void delay_100ns(int n)
{
    for (int i = 0; i < n; i++)
        (void)inb(ATA_ALTSTATUS);
}

// Poll until BSY clears: the status, or E_TIMEOUT.
static int wait_not_busy(void)
{
    for (int i = 0; i < ATA_POLL_LIMIT; i++) {
        uint8_t st = inb(ATA_ALTSTATUS);
        if (!(st & ATA_SR_BSY))
            return st;
    }
    return E_TIMEOUT;
}

// Reading the Status register makes the device lower INTRQ; only then
// may the kernel unmask the line: an edge-triggered line that is still
// high would never interrupt again.
static uint8_t irq_done(void)
{
    uint8_t st = inb(ATA_STATUS);
    sys_irq_ack(IDE_IRQ);
    return st;
}

// A drive's interrupt can be left over only from before this driver
// started or from a wait that timed out (it came after the timeout).
static bool late_irq_possible = true;

// Such a notification must not pass for the next command's.  Looking for
// it costs a trap, so the driver looks only when one can be there.
static void drop_stale_irq(void)
{
    if (!late_irq_possible)
        return;
    late_irq_possible = false;
    if (ipc_wait_notify(IPC_POLL) > 0)
        irq_done();
}

// Wait for the interrupt that ends a command phase, then for BSY to
// clear: the status, or E_TIMEOUT.  A missing interrupt is logged but not
// fatal by itself: if the device is done, its status says so.
static int wait_irq(int dev)
{
    if (ipc_wait_notify(ATA_IRQ_TIMEOUT) == E_TIMEOUT) {
        cprintf("ide: disk %d: no interrupt within %d ticks\n", dev, ATA_IRQ_TIMEOUT);
        late_irq_possible = true;
    }
    irq_done();
    return wait_not_busy();
}

// A status that ends a phase well: no error, no fault, and a data
// request exactly when data must move next.
static bool status_ok(int st, uint8_t drq)
{
    return st >= 0 && !(st & (ATA_SR_ERR | ATA_SR_DF)) && (st & ATA_SR_DRQ) == drq;
}

static const struct {
    uint8_t bit;
    const char *what;
} error_bits[] = {
    { ATA_ER_ICRC, "interface CRC" }, { ATA_ER_UNC, "uncorrectable data" },
    { ATA_ER_MC, "media changed" }, { ATA_ER_IDNF, "sector not found" },
    { ATA_ER_MCR, "media change request" }, { ATA_ER_ABRT, "command aborted" },
    { ATA_ER_NM, "no media" }, { ATA_ER_AMNF, "address mark not found" },
};

// Log why a command failed on the data block of `sectors` from lba (the
// interrupt says which block, not which of its sectors), decoding the
// Error register; E_IO.
static int failed(int dev, const char *cmd, uint32_t lba, uint32_t sectors, int st)
{
    char why[128], where[32];
    int n = 0;
    if (sectors > 1)
        snprintf_rt(where, sizeof(where), "sectors %u-%u", lba, lba + sectors - 1);
    else
        snprintf_rt(where, sizeof(where), "sector %u", lba);
    if (st == E_TIMEOUT) {
        cprintf("ide: disk %d: %s %s: device not responding\n", dev, cmd, where);
        return E_IO;
    }
    uint8_t err = (st & ATA_SR_ERR) ? inb(ATA_ERROR) : 0;
    why[0] = 0;
    for (uint32_t i = 0; i < sizeof(error_bits) / sizeof(error_bits[0]); i++)
        if (err & error_bits[i].bit)
            n += snprintf_rt(why + n, sizeof(why) - n, "%s%s", n ? ", " : "", error_bits[i].what);
    if (st & ATA_SR_DF)
        n += snprintf_rt(why + n, sizeof(why) - n, "%sdevice fault", n ? ", " : "");
    if (n == 0)
        snprintf_rt(why, sizeof(why), "%s", (st & ATA_SR_DRQ) ? "unexpected data request" : "no data request");
    cprintf("ide: disk %d: %s %s failed: status %x error %x (%s)\n", dev, cmd, where, st, err, why);
    return E_IO;
}

// "Device selection protocol": the status of the selected drive, or
// E_TIMEOUT.  The Device register also carries LBA bits 27:24.
static int select_drive(int dev, uint32_t lba)
{
    int st = wait_not_busy();
    if (st < 0)
        return st;
    outb(ATA_DEVICE, ATA_DEV_OBS | ATA_DEV_LBA | (dev ? ATA_DEV_SLAVE : 0) | ((lba >> 24) & ATA_DEV_LBA_TOP));
    delay_100ns(4);
    return wait_not_busy();
}

// Start cmd on count sectors from lba: 0, or E_IO (logged) if the drive
// is not ready to take a command.  Ready is BSY and DRQ clear; ERR and
// DF still describe the previous command and do not matter.
static int issue(int dev, uint32_t lba, uint32_t count, uint8_t cmd, const char *what)
{
    int st = select_drive(dev, lba);
    if (st < 0 || (st & ATA_SR_DRQ))
        return failed(dev, what, lba, 1, st);
    ata_counters.commands++;
    outb(ATA_COUNT, count);
    outb(ATA_LBA_LOW, lba);
    outb(ATA_LBA_MID, lba >> 8);
    outb(ATA_LBA_HIGH, lba >> 16);
    drop_stale_irq();
    outb(ATA_COMMAND, cmd);
    delay_100ns(4);     // the status is valid 400 ns after a command
    return 0;
}

// "Software reset protocol": SRST held at least 5 us resets both drives;
// after it clears the host waits 2 ms, then for BSY to clear.  Writing
// 0 also leaves nIEN clear, so the drives interrupt.
void ata_reset(void)
{
    outb(ATA_DEVCTL, ATA_CTL_SRST);
    delay_100ns(50);
    outb(ATA_DEVCTL, 0);
    delay_100ns(20000);
    if (wait_not_busy() < 0)
        cprintf("ide: channel still busy after reset\n");
}

// Copy the model string out of IDENTIFY data: two characters a word,
// the first in the high byte, padded with spaces.
static void copy_model(char *dst, const uint16_t *id)
{
    int n = 0;
    for (int i = 0; i < ID_MODEL_WORDS; i++) {
        dst[n++] = id[ID_MODEL + i] >> 8;
        dst[n++] = id[ID_MODEL + i] & 0xff;
    }
    while (n > 0 && dst[n - 1] == ' ')
        n--;
    dst[n] = 0;
}

// "SET MULTIPLE MODE" to MAX_RUN sectors a data block: whether the drive
// took it.  One that refuses (ABRT) keeps READ/WRITE SECTORS.
static bool set_multiple(int dev)
{
    if (issue(dev, 0, MAX_RUN, ATA_CMD_SET_MULTIPLE, "set multiple mode") < 0)
        return false;
    return status_ok(wait_irq(dev), 0);
}

// Fill *d for drive dev, with data blocks of MAX_RUN sectors if
// `multiple` and the drive takes them.  E_NOENT if no ATA disk answers
// there: nothing selected (status without DRDY), or a device that aborts
// IDENTIFY DEVICE (a CD-ROM speaks the packet protocol instead).
int ata_identify(int dev, struct drive *d, bool multiple)
{
    uint16_t id[ID_WORDS];
    memset(d, 0, sizeof(*d));
    int st = select_drive(dev, 0);
    if (st < 0 || !(st & ATA_SR_DRDY))
        return E_NOENT;
    if (issue(dev, 0, 1, ATA_CMD_IDENTIFY, "identify") < 0)
        return E_NOENT;
    st = wait_irq(dev);
    if (!status_ok(st, ATA_SR_DRQ))
        return E_NOENT;
    insw(ATA_DATA, id, ID_WORDS);
    if ((id[ID_CONFIG] & ID_CONFIG_NOT_ATA) || !(id[ID_CAPS] & ID_CAPS_LBA))
        return E_NOENT;
    d->sectors = id[ID_LBA28_SECTORS] | (uint32_t)id[ID_LBA28_SECTORS + 1] << 16;
    d->wcache = (id[ID_CMDSET_ON] & ID_CMDSET_WCACHE) != 0;
    bool takes_blocks = (id[ID_MAX_MULTIPLE] & ID_MAX_MULTIPLE_MASK) >= MAX_RUN;
    d->per_irq = multiple && takes_blocks && set_multiple(dev) ? MAX_RUN : 1;
    copy_model(d->model, id);
    d->present = true;
    return 0;
}

// The command that moves data in direction `write` on drive dev, a data
// block of drives[dev].per_irq sectors an interrupt.
static uint8_t data_command(int dev, bool write)
{
    if (drives[dev].per_irq > 1)
        return write ? ATA_CMD_WRITE_MULTIPLE : ATA_CMD_READ_MULTIPLE;
    return write ? ATA_CMD_WRITE_SECTORS : ATA_CMD_READ_SECTORS;
}

// The sectors of the data block that starts `done` sectors into a run of
// count: a whole block, or what is left of the run.
static uint32_t block_sectors(int dev, uint32_t done, uint32_t count)
{
    uint32_t left = count - done;
    return left < drives[dev].per_irq ? left : drives[dev].per_irq;
}

// Each data block of a PIO data-in command interrupts when its data is
// ready; DRQ falls after the last one.
int ata_read(int dev, uint32_t lba, uint32_t count, void *buf)
{
    uint16_t *words = buf;
    if (issue(dev, lba, count, data_command(dev, false), "read") < 0)
        return E_IO;
    for (uint32_t done = 0, n; done < count; done += n) {
        n = block_sectors(dev, done, count);
        int st = wait_irq(dev);
        if (!status_ok(st, ATA_SR_DRQ))
            return failed(dev, "read", lba + done, n, st);
        insw(ATA_DATA, words + done * SECTOR_WORDS, n * SECTOR_WORDS);
    }
    ata_counters.sectors += count;
    return 0;
}

// No interrupt announces the first data block of a PIO data-out
// command: the host polls for DRQ.  Each block written then interrupts,
// with DRQ set while more are wanted.
int ata_write(int dev, uint32_t lba, uint32_t count, const void *buf)
{
    const uint16_t *words = buf;
    if (issue(dev, lba, count, data_command(dev, true), "write") < 0)
        return E_IO;
    int st = wait_not_busy();
    if (!status_ok(st, ATA_SR_DRQ))
        return failed(dev, "write", lba, 1, st);
    for (uint32_t done = 0, n; done < count; done += n) {
        n = block_sectors(dev, done, count);
        outsw(ATA_DATA, words + done * SECTOR_WORDS, n * SECTOR_WORDS);
        st = wait_irq(dev);
        if (!status_ok(st, done + n < count ? ATA_SR_DRQ : 0))
            return failed(dev, "write", lba + done, n, st);
    }
    ata_counters.sectors += count;
    return 0;
}

// Without a volatile write cache every answered write is on the medium
// already, and there is nothing to flush.
int ata_flush(int dev)
{
    if (!drives[dev].wcache)
        return 0;
    if (issue(dev, 0, 0, ATA_CMD_FLUSH_CACHE, "flush") < 0)
        return E_IO;
    ata_counters.flushes++;
    int st = wait_irq(dev);
    return status_ok(st, 0) ? 0 : failed(dev, "flush", 0, 1, st);
}

// An interrupt that arrived while no command waited for it (the late
// answer to a command that timed out): lower INTRQ and unmask the line.
void ata_stray_interrupt(void)
{
    cprintf("ide: stray interrupt, status %x\n", irq_done());
}
