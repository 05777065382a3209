// The disk driver's private header: the ATA registers, bits and
// commands it uses, what it knows about each drive, and the functions
// its files share.  Names and meanings are those of the ATA/ATAPI-6
// standard (T13/1410D); each comment names the section that defines
// the item, by its title, so it can be found in any revision.
#ifndef IDE_H
#define IDE_H

#include <stdint.h>
#include <stdbool.h>
#include "blk_server.h"
#include "rt.h"
#include "ide_boot.h"           // the channel's ports and line, the argument

#define IDE_IRQ_BIT  (1u << IDE_IRQ)    // the notification bit the IRQ sets

// Command block registers, "Register addressing" (table of the
// register select lines): one address, read and write may differ.
#define ATA_DATA     (IDE_CMD_PORT + 0)  // "Data register": 16-bit PIO data
#define ATA_ERROR    (IDE_CMD_PORT + 1)  // "Error register" (read)
#define ATA_COUNT    (IDE_CMD_PORT + 2)  // "Sector Count register"
#define ATA_LBA_LOW  (IDE_CMD_PORT + 3)  // "LBA Low register": LBA bits 7:0
#define ATA_LBA_MID  (IDE_CMD_PORT + 4)  // "LBA Mid register": bits 15:8
#define ATA_LBA_HIGH (IDE_CMD_PORT + 5)  // "LBA High register": bits 23:16
#define ATA_DEVICE   (IDE_CMD_PORT + 6)  // "Device register": drive, LBA bits 27:24
#define ATA_STATUS   (IDE_CMD_PORT + 7)  // "Status register" (read: also clears INTRQ)
#define ATA_COMMAND  (IDE_CMD_PORT + 7)  // "Command register" (write: starts a command)
#define ATA_ALTSTATUS IDE_CTL_PORT       // "Alternate Status register" (read, no side effect)
#define ATA_DEVCTL    IDE_CTL_PORT       // "Device Control register" (write)

// "Status register" bits.
#define ATA_SR_BSY  0x80    // busy: no other bit is valid, no register may be written
#define ATA_SR_DRDY 0x40    // device ready to accept commands
#define ATA_SR_DF   0x20    // device fault
#define ATA_SR_DRQ  0x08    // data request: the data register wants a transfer
#define ATA_SR_ERR  0x01    // the command failed; the Error register says why

// "Error register" bits, valid when ERR is set.
#define ATA_ER_ICRC 0x80    // interface CRC error (Ultra DMA only)
#define ATA_ER_UNC  0x40    // uncorrectable data error
#define ATA_ER_MC   0x20    // media changed
#define ATA_ER_IDNF 0x10    // ID not found: the address is not on the medium
#define ATA_ER_MCR  0x08    // media change request
#define ATA_ER_ABRT 0x04    // command aborted: unsupported, or the device could not
#define ATA_ER_NM   0x02    // no media
#define ATA_ER_AMNF 0x01    // address mark not found (obsolete, older drives)

// "Device register" bits.  Bits 7 and 5 are obsolete and set, as
// drives of every age accept.
#define ATA_DEV_OBS   0xA0
#define ATA_DEV_LBA   0x40  // the address is an LBA, not a cylinder/head/sector
#define ATA_DEV_SLAVE 0x10  // DEV: 0 selects device 0 (master), 1 device 1 (slave)
#define ATA_DEV_LBA_TOP 0x0F    // LBA bits 27:24 in 28-bit addressing

// "Device Control register" bits.  The other one the driver uses is
// nIEN (0x02), always 0: the devices interrupt.
#define ATA_CTL_SRST 0x04   // software reset of both devices on the channel

// Commands ("Command descriptions"), each with its protocol ("Protocol").
#define ATA_CMD_READ_SECTORS  0x20  // "READ SECTOR(S)": PIO data-in, a data block a sector
#define ATA_CMD_WRITE_SECTORS 0x30  // "WRITE SECTOR(S)": PIO data-out, a data block a sector
#define ATA_CMD_READ_MULTIPLE 0xC4  // "READ MULTIPLE": PIO data-in, data blocks as SET MULTIPLE set
#define ATA_CMD_WRITE_MULTIPLE 0xC5 // "WRITE MULTIPLE": PIO data-out, likewise
#define ATA_CMD_SET_MULTIPLE  0xC6  // "SET MULTIPLE MODE": non-data; Sector Count: sectors a block
#define ATA_CMD_FLUSH_CACHE   0xE7  // "FLUSH CACHE": non-data
#define ATA_CMD_IDENTIFY      0xEC  // "IDENTIFY DEVICE": PIO data-in, 256 words

// Words of the IDENTIFY DEVICE data ("IDENTIFY DEVICE", its table).
#define ID_CONFIG        0      // bit 15 set: not an ATA device
#define ID_CONFIG_NOT_ATA 0x8000
#define ID_MODEL         27     // words 27-46: model, two characters a word, first high
#define ID_MODEL_WORDS   20
#define ID_MAX_MULTIPLE  47     // bits 7:0: most sectors a READ/WRITE MULTIPLE data block may hold
#define ID_MAX_MULTIPLE_MASK 0x00FF
#define ID_CAPS          49     // bit 9: LBA supported
#define ID_CAPS_LBA      0x0200
#define ID_LBA28_SECTORS 60     // words 60-61: sectors reachable with 28-bit LBA
#define ID_CMDSET_ON     85     // command sets enabled; bit 5: volatile write cache on
#define ID_CMDSET_WCACHE 0x0020
#define ID_WORDS         256

#define SECTOR_BYTES 512
#define SECTOR_WORDS (SECTOR_BYTES / 2)
// The longest run one command moves: one blk message.  Sector Count
// register: 8 bits, 0 meaning 256, so any run up to this fits.
#define MAX_RUN (BLK_MAXBYTES / SECTOR_BYTES)

// How long the driver waits before it calls the device dead: an
// interrupt in timer ticks (HZ = 100), a status change in register
// reads.  Both are far beyond what a working drive needs, so a timeout
// means a broken or missing device, never a slow one.
#define ATA_IRQ_TIMEOUT 300
#define ATA_POLL_LIMIT  1000000

// A drive on the channel: device 0 is blk dev 0, device 1 blk dev 1, as
// xv6 numbers its disks (xv6's ROOTDEV is 1, the file system disk).
#define NDRIVE 2

struct drive {
    bool present;
    bool wcache;            // a volatile write cache is on: flush means a command
    uint32_t per_irq;       // sectors a data block moves, one interrupt each: MAX_RUN
                            // after SET MULTIPLE MODE, else 1 (READ/WRITE SECTORS)
    uint32_t sectors;       // addressable with 28-bit LBA
    char model[2 * ID_MODEL_WORDS + 1];
};

extern struct drive drives[NDRIVE];

// What the driver asked of the drives (blk.idl, op counters).
struct ata_counters {
    uint32_t commands;
    uint32_t flushes;
    uint32_t sectors;
};

extern struct ata_counters ata_counters;

// ata.c: the PIO protocol on runs of 1 to MAX_RUN sectors, one command
// each.  Each returns 0 or E_IO (logged with its reason); a device that
// stops answering is E_IO after the timeouts above, never a hang.
void ata_reset(void);
int ata_identify(int dev, struct drive *d, bool multiple);
int ata_read(int dev, uint32_t lba, uint32_t count, void *buf);
int ata_write(int dev, uint32_t lba, uint32_t count, const void *buf);
int ata_flush(int dev);
void ata_stray_interrupt(void);

// main.c: the driver's start-up, before it serves requests.
int ide_start(void);

#endif
