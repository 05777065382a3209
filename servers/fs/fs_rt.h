// The little runtime the file-system core uses instead of libc, so the
// same sources build freestanding for i386 and on the host.  Only the
// compiler's own freestanding headers are included here; every other
// file in servers/fs includes this one instead of any <...> header.
#ifndef FS_FS_RT_H
#define FS_FS_RT_H

#include <stddef.h>
#include <stdint.h>

void *fs_memmove(void *dst, const void *src, size_t n);
void *fs_memset(void *dst, int c, size_t n);
size_t fs_strnlen(const char *s, size_t max);

#define MIN(a, b) ((a) < (b) ? (a) : (b))

#endif
