// What the task that starts the disk driver (proc, or a test acting as
// root) must give it: the primary ATA channel's two register blocks and
// its interrupt line, nothing else, and at most one argument.
//
// The starter spawns servers/ide with argv {"ide"}, or {"ide",
// IDE_ARG_SINGLE} to keep it at one sector an interrupt, calls
// ide_grant() while the task is still stopped, binds EP_BLK to it and
// sets it runnable.
#ifndef IDE_BOOT_H
#define IDE_BOOT_H

#include <stdint.h>
#include "syscall.h"

// The primary channel of a PC's IDE controller (the PIIX in ISA
// compatibility mode, as QEMU's pc machine has it; IBM PC/AT Technical
// Reference, I/O map): a command block of 8 one-byte registers, a
// control block of one, and ISA interrupt line 14.
#define IDE_CMD_PORT   0x1F0
#define IDE_CMD_NPORTS 8
#define IDE_CTL_PORT   0x3F6
#define IDE_IRQ        14

// The driver's one argument: stay at one sector an interrupt (READ/WRITE
// SECTORS), as for a drive without READ/WRITE MULTIPLE.  proc passes it
// on when the kernel's command line has the same word (docs/boot.md).
#define IDE_ARG_SINGLE "ide-single"

// Grant task the channel; returns 0 or the first error.
static inline int ide_grant(uint32_t task)
{
    int r = sys_ioport_grant(task, IDE_CMD_PORT, IDE_CMD_NPORTS);
    if (r == 0)
        r = sys_ioport_grant(task, IDE_CTL_PORT, 1);
    if (r == 0)
        r = sys_irq_grant(task, IDE_IRQ);
    return r;
}

#endif
