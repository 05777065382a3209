// Byte and string helpers for the file-system core (see fs_rt.h).
// Plain C loops, so the core links into any environment without libc.
// fs_memmove moves whole blocks (a cache block into a reply, the log's
// staging, a read-ahead run), so it copies a word at a time where it
// can: a byte loop cost about four instructions a byte.
#include "fs_rt.h"

// may_alias: the words are read and written over bytes of any type.
typedef uint32_t __attribute__((may_alias)) word_t;

static int
words_aligned(const void *a, const void *b)
{
    return (((uintptr_t)a | (uintptr_t)b) & (sizeof(word_t) - 1)) == 0;
}

void *
fs_memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d < s) {
        if (words_aligned(d, s))
            for (; n >= sizeof(word_t); n -= sizeof(word_t), d += sizeof(word_t), s += sizeof(word_t))
                *(word_t *)d = *(const word_t *)s;
        while (n-- > 0)
            *d++ = *s++;
    } else if (d > s) {
        // Copy from the end so an overlapping source is read before it
        // is overwritten: the odd bytes at the end, then whole words.
        if (words_aligned(d, s)) {
            for (; n % sizeof(word_t) != 0; n--)
                d[n - 1] = s[n - 1];
            for (; n > 0; n -= sizeof(word_t))
                *(word_t *)(d + n - sizeof(word_t)) = *(const word_t *)(s + n - sizeof(word_t));
        }
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
