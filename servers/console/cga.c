// The CGA text screen, used only when the console was started with a
// display: 25 rows of 80 characters, each a byte of character and a byte
// of colour, in the video memory page the starter mapped at
// CONSOLE_CGA_VA.  The cursor is moved through the 6845 CRT controller.
#include "console.h"

#define COLS 80
#define ROWS 25
#define GREY_ON_BLACK 0x0700    // the colour byte, in the high half of a cell

// 6845 registers: write the register number to the index port, then the
// value to the data port.  14 and 15 hold the cursor's cell number.
#define CRTC_INDEX  CONSOLE_CRTC_PORT
#define CRTC_DATA   (CONSOLE_CRTC_PORT + 1)
#define CURSOR_HIGH 14
#define CURSOR_LOW  15

static volatile uint16_t *const screen = (volatile uint16_t *)CONSOLE_CGA_VA;
static uint32_t pos;            // the cell the next character goes to

static uint32_t crtc_read(uint8_t reg)
{
    outb(CRTC_INDEX, reg);
    return inb(CRTC_DATA);
}

static void crtc_write(uint8_t reg, uint8_t v)
{
    outb(CRTC_INDEX, reg);
    outb(CRTC_DATA, v);
}

// Continue where the cursor is, so a restarted console (or the BIOS
// before it) keeps what is on the screen.
void cga_init(void)
{
    pos = crtc_read(CURSOR_HIGH) << 8 | crtc_read(CURSOR_LOW);
    if (pos >= ROWS * COLS)
        pos = 0;
}

static void scroll(void)
{
    for (uint32_t i = 0; i < (ROWS - 1) * COLS; i++)
        screen[i] = screen[i + COLS];
    for (uint32_t i = (ROWS - 1) * COLS; i < ROWS * COLS; i++)
        screen[i] = GREY_ON_BLACK | ' ';
    pos -= COLS;
}

static void putc_screen(char c)
{
    switch (c) {
    case '\n':
        pos += COLS - pos % COLS;
        break;
    case '\r':
        pos -= pos % COLS;
        break;
    case '\b':
        if (pos > 0)
            pos--;
        break;
    default:
        screen[pos++] = GREY_ON_BLACK | (uint8_t)c;
    }
    if (pos >= ROWS * COLS)
        scroll();
}

void cga_write(const char *buf, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        putc_screen(buf[i]);
    crtc_write(CURSOR_HIGH, pos >> 8);
    crtc_write(CURSOR_LOW, pos);
}
