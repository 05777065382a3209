// The x86 port instructions user-mode drivers talk to their devices
// with.  They work only on the ports proc granted the task (the kernel's
// TSS I/O bitmap); any other port stops the task with a fault.
#ifndef USER_RT_PORT_H
#define USER_RT_PORT_H

#include <stdint.h>

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    asm volatile("inb %1, %0" : "=a"(v) : "d"(port));
    return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
    asm volatile("outb %0, %1" : : "a"(v), "d"(port));
}

// n 16-bit words from port into buf, and back: one sector is 256 words.
static inline void insw(uint16_t port, void *buf, uint32_t n)
{
    asm volatile("cld; rep insw" : "+D"(buf), "+c"(n) : "d"(port) : "memory", "cc");
}

static inline void outsw(uint16_t port, const void *buf, uint32_t n)
{
    asm volatile("cld; rep outsw" : "+S"(buf), "+c"(n) : "d"(port) : "cc");
}

#endif
