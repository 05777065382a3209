// The PS/2 keyboard, through the 8042 controller, used only when the
// console was started with a display.  The controller translates what
// the keyboard sends to scan code set 1: one byte per key press (make
// code), the same with bit 7 set when the key is released (break code),
// and a 0xE0 prefix for the keys the first PC keyboards did not have.
// A US layout, with Shift and Ctrl; the prefixed keys (arrows, right
// Ctrl, ...) are ignored.
#include "console.h"

#define KBD_DATA   CONSOLE_KBD_DATA_PORT
#define KBD_STATUS CONSOLE_KBD_STATUS_PORT
#define STATUS_FULL 0x01        // a byte waits in the data port
#define STATUS_AUX  0x20        // ... and it came from the mouse, not the keyboard

#define SC_RELEASE 0x80         // break code: the key went up
#define SC_PREFIX  0xe0         // an extended key follows
#define SC_CTRL    0x1d
#define SC_LSHIFT  0x2a
#define SC_RSHIFT  0x36
#define SC_LAST    0x39         // the space bar: the last key with a character here

#define ESC "\x1b"

// Characters by make code, unshifted and shifted.  0 marks a key with no
// character (Ctrl, Shift, Alt) or none at that code.
static const char normal[SC_LAST + 1] =
    "\0" ESC "1234567890-=\b\t"
    "qwertyuiop[]\n\0"
    "asdfghjkl;'`\0\\"
    "zxcvbnm,./\0*\0 ";
static const char shifted[SC_LAST + 1] =
    "\0" ESC "!@#$%^&*()_+\b\t"
    "QWERTYUIOP{}\n\0"
    "ASDFGHJKL:\"~\0|"
    "ZXCVBNM<>?\0*\0 ";

static int shift, ctrl, prefixed;

// The character a scan code stands for, or 0; keeps Shift and Ctrl.
static int decode(uint8_t sc)
{
    if (sc == SC_PREFIX) {
        prefixed = 1;
        return 0;
    }
    if (prefixed) {
        prefixed = 0;
        return 0;
    }
    int down = !(sc & SC_RELEASE);
    sc &= ~SC_RELEASE;
    if (sc == SC_LSHIFT || sc == SC_RSHIFT)
        shift = down;
    else if (sc == SC_CTRL)
        ctrl = down;
    if (!down || sc > SC_LAST)
        return 0;
    int c = (shift ? shifted : normal)[sc];
    int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (ctrl && letter)
        return c & 0x1f;        // ^A is 1, ^U 0x15, with Shift or without
    return c;
}

// E_NOENT if there is no controller (a PC without legacy PS/2): an empty
// port reads as all ones, which would look like endless input.
int kbd_init(void)
{
    return inb(KBD_STATUS) == NO_DEVICE ? E_NOENT : 0;
}

static void drain(void)
{
    uint8_t st;
    while ((st = inb(KBD_STATUS)) & STATUS_FULL) {
        uint8_t sc = inb(KBD_DATA);
        int c = (st & STATUS_AUX) ? 0 : decode(sc);
        if (c)
            line_input(c);
    }
}

// IRQ 1: as for the serial line (uart.c), look again after unmasking.
void kbd_intr(void)
{
    drain();
    sys_irq_ack(CONSOLE_KBD_IRQ);
    drain();
}
