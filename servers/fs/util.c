// Byte and string helpers for the file-system core (see fs_rt.h).
// Plain loops: they run on blocks of 512 bytes or less, and keeping them
// here means the core links into any environment without libc.
#include "fs_rt.h"

void *
fs_memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d < s) {
        while (n-- > 0)
            *d++ = *s++;
    } else if (d > s) {
        // Copy from the end so an overlapping source is read before it
        // is overwritten.
        while (n-- > 0)
            d[n] = s[n];
    }
    return dst;
}

void *
fs_memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;

    while (n-- > 0)
        *d++ = (unsigned char)c;
    return dst;
}

size_t
fs_strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n] != '\0')
        n++;
    return n;
}
