// Memory and string helpers for the kernel.
#include "kernel.h"

void *memset(void *dst, int c, size_t n)
{
    asm volatile("cld; rep stosb" : "+D"(dst), "+c"(n) : "a"(c) : "memory");
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    const char *s = src;
    char *d = dst;
    if (s < d && s + n > d) {
        while (n-- > 0)
            d[n] = s[n];
        return dst;
    }
    return memcpy(dst, src, n);
}

void *memcpy(void *dst, const void *src, size_t n)
{
    void *ret = dst;
    // Words first, then the tail: the IPC path copies whole messages.
    size_t words = n / 4, tail = n % 4;
    asm volatile("cld; rep movsl" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
    asm volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(tail) : : "memory");
    return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (; n > 0; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

void strlcpy(char *dst, const char *src, size_t size)
{
    size_t i;
    if (size == 0)
        return;
    for (i = 0; i + 1 < size && src[i]; i++)
        dst[i] = src[i];
    dst[i] = 0;
}
