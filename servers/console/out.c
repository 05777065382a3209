// Console output.  Every byte printed, whether a client's write, an echo
// or ^P's list, goes to the serial line and, when there is a display, to
// the screen as well.
#include "console.h"

static int screen;

void out_use_screen(void)
{
    screen = 1;
}

void cons_write(const void *buf, uint32_t n)
{
    uart_write(buf, n);
    if (screen)
        cga_write(buf, n);
}

void cons_puts(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    cons_write(s, n);
}
