// The kernel's own console: polled output on the first serial port, for
// boot messages, fault reports and panics.  The console server owns the
// port's input and its interrupt.  Both write whole lines but share no
// lock, so a kernel line and a server line printed at the same moment on
// two CPUs can mix their characters; the kernel's lines are rare.
#include "kernel.h"
#include "spinlock.h"
#include "x86.h"

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

static struct spinlock conslock;
static volatile bool panicked;

void console_init(void)
{
    initlock(&conslock, "console");
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

void console_write(const char *s, int n)
{
    for (int i = 0; i < n; i++) {
        if (s[i] == '\n')
            uart_putc('\r');
        uart_putc(s[i]);
    }
}

// A line being formatted; printed in one piece under the lock.
struct linebuf {
    char buf[256];
    int n;
};

static void put(struct linebuf *lb, char c)
{
    if (lb->n < (int)sizeof(lb->buf))
        lb->buf[lb->n++] = c;
}

static void put_uint(struct linebuf *lb, uint64_t x, int base, int width)
{
    char digits[24];
    int i = 0;
    do {
        digits[i++] = "0123456789abcdef"[x % base];
        x /= base;
    } while (x != 0);
    while (i < width)
        digits[i++] = '0';
    while (i > 0)
        put(lb, digits[--i]);
}

static void format(struct linebuf *lb, const char *fmt, __builtin_va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(lb, *fmt);
            continue;
        }
        fmt++;
        int width = 0, longlong = 0;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') {
            longlong++;
            fmt++;
        }
        switch (*fmt) {
        case 'd': {
            int64_t v = longlong >= 2 ? __builtin_va_arg(ap, int64_t) : __builtin_va_arg(ap, int);
            if (v < 0) {
                put(lb, '-');
                v = -v;
            }
            put_uint(lb, v, 10, width);
            break;
        }
        case 'u':
            put_uint(lb, longlong >= 2 ? __builtin_va_arg(ap, uint64_t) : __builtin_va_arg(ap, uint32_t), 10, width);
            break;
        case 'x':
        case 'p':
            put_uint(lb, longlong >= 2 ? __builtin_va_arg(ap, uint64_t) : __builtin_va_arg(ap, uint32_t), 16, width);
            break;
        case 's': {
            const char *s = __builtin_va_arg(ap, const char *);
            for (s = s ? s : "(null)"; *s; s++)
                put(lb, *s);
            break;
        }
        case 'c':
            put(lb, (char)__builtin_va_arg(ap, int));
            break;
        case '%':
            put(lb, '%');
            break;
        default:
            put(lb, '%');
            put(lb, *fmt);
            break;
        }
        if (*fmt == 0)
            break;
    }
}

void kprintf(const char *fmt, ...)
{
    struct linebuf lb = { .n = 0 };
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    format(&lb, fmt, ap);
    __builtin_va_end(ap);
    console_write_locked(lb.buf, lb.n);
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
    struct linebuf lb = { .n = 0 };
    uint32_t pcs[8];
    __builtin_va_list ap;

    cli();
    panicked = true;
    __builtin_va_start(ap, fmt);
    format(&lb, fmt, ap);
    __builtin_va_end(ap);
    console_write("panic: ", 7);
    console_write(lb.buf, lb.n);
    getcallerpcs(__builtin_frame_address(0), pcs, NELEM(pcs));
    kprintf("\n  call stack:");
    for (int i = 0; i < (int)NELEM(pcs) && pcs[i]; i++)
        kprintf(" %x", pcs[i]);
    kprintf("\n");
    poweroff(1);
}
