// Formatting into a buffer (%d %u %x %p %s %c, with a width).  It makes
// no system call: the user-space runtime links it, and so does the
// kernel, for kprintf and panic (and, in mono mode, the servers in it).
#include <stdint.h>
#include "format.h"

struct out {
    char *buf;
    int size, n;
};

static void put(struct out *o, char c)
{
    if (o->n + 1 < o->size)
        o->buf[o->n] = c;
    o->n++;
}

static void put_uint(struct out *o, uint32_t x, int base, int width, char pad)
{
    char digits[12];
    int i = 0;
    do {
        digits[i++] = "0123456789abcdef"[x % base];
        x /= base;
    } while (x);
    while (i < width && i < (int)sizeof digits)
        digits[i++] = pad;
    while (i > 0)
        put(o, digits[--i]);
}

int vsnprintf_rt(char *buf, int size, const char *fmt, __builtin_va_list ap)
{
    struct out o = { buf, size, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        char pad = ' ';
        int width = 0;
        if (*++fmt == '0')
            pad = '0';
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 'd': {
            int v = __builtin_va_arg(ap, int);
            if (v < 0)
                put(&o, '-');
            put_uint(&o, v < 0 ? -(uint32_t)v : (uint32_t)v, 10, width, pad);
            break;
        }
        case 'u':
            put_uint(&o, __builtin_va_arg(ap, uint32_t), 10, width, pad);
            break;
        case 'x':
        case 'p':
            put_uint(&o, __builtin_va_arg(ap, uint32_t), 16, width, pad);
            break;
        case 's':
            for (const char *s = __builtin_va_arg(ap, const char *); s && *s; s++)
                put(&o, *s);
            break;
        case 'c':
            put(&o, __builtin_va_arg(ap, int));
            break;
        case 0:
            fmt--;
            break;
        default:
            put(&o, *fmt);
        }
    }
    if (size > 0)
        buf[o.n < size ? o.n : size - 1] = 0;
    return o.n;
}

int snprintf_rt(char *buf, int size, const char *fmt, ...)
{
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    int n = vsnprintf_rt(buf, size, fmt, ap);
    __builtin_va_end(ap);
    return n;
}
