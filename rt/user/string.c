// Memory functions for tasks that link no C library (the compiler may
// also call these for structure copies).
#include "rt.h"

void *memset(void *dst, int c, uint32_t n)
{
    uint8_t *d = dst;
    while (n-- > 0)
        *d++ = c;
    return dst;
}

void *memcpy(void *dst, const void *src, uint32_t n)
{
    return memmove(dst, src, n);
}

void *memmove(void *dst, const void *src, uint32_t n)
{
    const uint8_t *s = src;
    uint8_t *d = dst;
    if (s < d && s + n > d) {
        while (n-- > 0)
            d[n] = s[n];
    } else {
        while (n-- > 0)
            *d++ = *s++;
    }
    return dst;
}

int memcmp(const void *a, const void *b, uint32_t n)
{
    const uint8_t *x = a, *y = b;
    for (; n > 0; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}
