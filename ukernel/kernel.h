// What every kernel file needs: printing, panic, and the few string
// functions the kernel uses (it has no C library).
#ifndef UK_KERNEL_H
#define UK_KERNEL_H

#include "types.h"
#include "param.h"

// console.c
void console_init(void);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_write_locked(const char *s, int n);
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void poweroff(int code) __attribute__((noreturn));

// string.c
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
void strlcpy(char *dst, const char *src, size_t size);

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#endif
