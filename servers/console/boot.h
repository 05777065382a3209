// What the task that starts the console server (proc, or a test acting
// as root) must give it: its I/O ports and interrupt, and with a display
// also the keyboard's, the CRT controller's and the CGA page.  Nothing
// else: the console touches no other device.
//
// The starter spawns servers/console with argv {"console"} (serial line
// only) or {"console", "display"} (serial line, PS/2 keyboard and CGA
// screen), calls console_grant() while the task is still stopped, binds
// EP_CONSOLE to it and sets it runnable.  When it restarts the console,
// it carries the old copy's state segment (USTATE, abi/vmlayout.h)
// over to the new one, as proc does for every server.
#ifndef CONSOLE_BOOT_H
#define CONSOLE_BOOT_H

#include <stdint.h>
#include "syscall.h"
#include "vmlayout.h"

// COM1: eight 16550 registers at the PC's first serial port address,
// interrupting on ISA line 4 (IBM PC/AT Technical Reference, I/O map).
#define CONSOLE_COM1_PORT   0x3f8
#define CONSOLE_COM1_NPORTS 8
#define CONSOLE_COM1_IRQ    4

// The 8042 keyboard controller: data at 0x60, status at 0x64, line 1.
#define CONSOLE_KBD_DATA_PORT   0x60
#define CONSOLE_KBD_STATUS_PORT 0x64
#define CONSOLE_KBD_IRQ         1

// The CGA's 6845 CRT controller (index register, data register next to
// it), used only to move the cursor, and the text page in video memory.
#define CONSOLE_CRTC_PORT   0x3d4
#define CONSOLE_CRTC_NPORTS 2
#define CONSOLE_CGA_PHYS    0xb8000

// Where the server expects the CGA page (above any program, below the
// state segment).
#define CONSOLE_CGA_VA      0x70000000

// The argument that turns on keyboard and screen.
#define CONSOLE_ARG_DISPLAY "display"

// Grant task the keyboard, the CRT controller and the CGA page; returns
// 0 or the first error.
static inline int console_grant_display(uint32_t task)
{
    int r = sys_ioport_grant(task, CONSOLE_KBD_DATA_PORT, 1);
    if (r == 0)
        r = sys_ioport_grant(task, CONSOLE_KBD_STATUS_PORT, 1);
    if (r == 0)
        r = sys_irq_grant(task, CONSOLE_KBD_IRQ);
    if (r == 0)
        r = sys_ioport_grant(task, CONSOLE_CRTC_PORT, CONSOLE_CRTC_NPORTS);
    if (r == 0)
        r = sys_devmem_map(task, CONSOLE_CGA_VA, CONSOLE_CGA_PHYS);
    return r;
}

// Grant task what it needs; returns 0 or the first error.
static inline int console_grant(uint32_t task, int display)
{
    int r = sys_ioport_grant(task, CONSOLE_COM1_PORT, CONSOLE_COM1_NPORTS);
    if (r == 0)
        r = sys_irq_grant(task, CONSOLE_COM1_IRQ);
    if (r == 0 && display)
        r = console_grant_display(task);
    return r;
}

#endif
