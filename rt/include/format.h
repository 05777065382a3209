// Formatting into a buffer: %d %u %x %p %s %c, with a width and 0 pad.
// Returns the length the whole text needs; at most size - 1 bytes and
// the terminating 0 are written.
#ifndef RT_FORMAT_H
#define RT_FORMAT_H

int vsnprintf_rt(char *buf, int size, const char *fmt, __builtin_va_list ap);
int snprintf_rt(char *buf, int size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
