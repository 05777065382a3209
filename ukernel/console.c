// The kernel's own console: polled output on the first serial port, for
// boot messages, fault reports and panics.  The console server owns the
// port's input and its interrupt.  Both write whole lines but share no
// lock, so a kernel line and a server line printed at the same moment on
// two CPUs can mix their characters; the kernel's lines are rare.
#include "kernel.h"
#include "spinlock.h"
#include "x86.h"
#include "format.h"

// 16550 UART registers (National Semiconductor PC16550D data sheet, table 2).
#define COM1        0x3f8
#define UART_THR    0       // transmit holding register
#define UART_IER    1       // interrupt enable
#define UART_FCR    2       // FIFO control
#define UART_LCR    3       // line control
#define UART_MCR    4       // modem control
#define UART_LSR    5       // line status
#define UART_DLL    0       // divisor latch, low byte (when LCR.DLAB is set)
#define UART_DLM    1
#define LCR_DLAB    0x80
#define LCR_8N1     0x03
#define LSR_THRE    0x20    // transmitter ready for a byte
#define BAUD_DIVISOR 1      // 115200 baud

// QEMU's isa-debug-exit device: a write of v ends QEMU with status (v << 1) | 1.
#define DEBUG_EXIT_PORT 0xf4

static struct spinlock conslock = { .name = "console" };
static volatile bool panicked;

void console_init(void)
{
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, LCR_DLAB);
    outb(COM1 + UART_DLL, BAUD_DIVISOR);
    outb(COM1 + UART_DLM, 0);
    outb(COM1 + UART_LCR, LCR_8N1);
    outb(COM1 + UART_FCR, 0);
    outb(COM1 + UART_MCR, 0);
}

static void uart_putc(char c)
{
    for (int i = 0; i < 12800 && !(inb(COM1 + UART_LSR) & LSR_THRE); i++)
        pause();
    outb(COM1 + UART_THR, c);
}

static void console_write(const char *s, int n)
{
    for (int i = 0; i < n; i++) {
        if (s[i] == '\n')
            uart_putc('\r');
        uart_putc(s[i]);
    }
}

// A line is formatted whole, by the formatter every task links too
// (rt/common/format.c), and printed in one piece under the lock.
#define LINE_MAX 256

static int format_line(char *line, const char *fmt, __builtin_va_list ap)
{
    int n = vsnprintf_rt(line, LINE_MAX, fmt, ap);
    return n < LINE_MAX ? n : LINE_MAX - 1;
}

void kprintf(const char *fmt, ...)
{
    char line[LINE_MAX];
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    int n = format_line(line, fmt, ap);
    __builtin_va_end(ap);
    console_write_locked(line, n);
}

// Write s as one piece: lines of different CPUs do not interleave.
void console_write_locked(const char *s, int n)
{
    if (panicked) {
        console_write(s, n);
        return;
    }
    acquire(&conslock);
    console_write(s, n);
    release(&conslock);
}

void poweroff(int code)
{
    outb(DEBUG_EXIT_PORT, code);
    // Without the debug-exit device QEMU keeps running: stop here.
    for (;;) {
        cli();
        hlt();
    }
}

void panic(const char *fmt, ...)
{
    char line[LINE_MAX];
    uint32_t pcs[8];
    __builtin_va_list ap;

    cli();
    panicked = true;
    __builtin_va_start(ap, fmt);
    int n = format_line(line, fmt, ap);
    __builtin_va_end(ap);
    console_write("panic: ", 7);
    console_write(line, n);
    getcallerpcs(__builtin_frame_address(0), pcs, NELEM(pcs));
    kprintf("\n  call stack:");
    for (int i = 0; i < (int)NELEM(pcs) && pcs[i]; i++)
        kprintf(" %x", pcs[i]);
    kprintf("\n");
    poweroff(1);
}
