// The small runtime every user task links: start-up, kernel-console
// printing, the user-level page-fault handler and copy-on-write fork.
// Servers and programs use it together with libipc.
#ifndef USER_RT_H
#define USER_RT_H

#include <stdbool.h>
#include <stdint.h>
#include "syscall.h"
#include "vmlayout.h"
#include "libipc.h"

// The page tables of this task, read-only (see vmlayout.h).
#define uvpt ((const volatile uint32_t *)UVPT)
#define uvpd ((const volatile uint32_t *)UVPD)
#define PGNUM(va) ((uint32_t)(va) >> 12)
#define PDXU(va) ((uint32_t)(va) >> 22)

// Whether this task has a page at va (a server checks its state segment).
static inline bool page_mapped(uint32_t va)
{
    return (uvpd[PDXU(va)] & PTE_P) && (uvpt[PGNUM(va)] & PTE_P);
}

// What a page-fault handler sees.
#include "utrapframe.h"
#define FEC_WR 0x2

// Print to the kernel console (a debugging and boot-time channel).
void cprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include "format.h"

// Install handler for this task's page faults.  It runs on the exception
// stack; when it returns, the faulting instruction is retried.
void set_pgfault_handler(void (*handler)(struct utrapframe *utf));

#include "fork.h"

// A parent's page mapping duplicated into a child, as fork does.
int dup_page(uint32_t child, uint32_t pn);

// Strings and memory (the kernel-free part of the C library).
void *memset(void *dst, int c, uint32_t n);
void *memcpy(void *dst, const void *src, uint32_t n);
void *memmove(void *dst, const void *src, uint32_t n);
int memcmp(const void *a, const void *b, uint32_t n);

// Whether two strings are equal: for the arguments a server is given.
static inline bool streq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

// The state segment: the first `bytes` of a server's memory that
// outlives it.  *kept says all of it was there (a previous copy's, to be
// checked before use); pages that were missing are zeroed.  In user space
// it is at USTATE and proc carries it to the next copy; in the kernel
// (mono mode) it is kernel memory, and nothing restarts.
int state_segment(uint32_t bytes, void **segment, bool *kept);

// Task end for programs that are not processes (tests, servers).
void task_exit(void) __attribute__((noreturn));

#endif
