// The user library and programs under their host names (see hostnames.h),
// and the in-memory world the shims in shim.c give them: captured output,
// scripted input, a few files and a heap arena.

#include <stddef.h>

// xv6's struct stat, under the name hostnames.h gives it.
#define stat xv6_stat
#include "types.h"
#include "stat.h"
#undef stat

void xv6_printf(int fd, const char *fmt, ...);
void *xv6_malloc(uint n);
void xv6_free(void *p);
char *xv6_strcpy(char *dst, const char *src);
int xv6_strcmp(const char *p, const char *q);
uint xv6_strlen(const char *s);
char *xv6_strchr(const char *s, char c);
void *xv6_memset(void *dst, int c, uint n);
void *xv6_memmove(void *dst, const void *src, int n);
void *xv6_memcpy(void *dst, const void *src, uint n);
int xv6_memcmp(const void *a, const void *b, uint n);
int xv6_atoi(const char *s);
char *xv6_gets(char *buf, int max);
int xv6_stat(const char *path, struct xv6_stat *st);

int match(const char *re, const char *text);
int grep_main(int argc, char *argv[]);
int wc_main(int argc, char *argv[]);
int echo_main(int argc, char *argv[]);
int cat_main(int argc, char *argv[]);

// Reset the world: no output, no input, no files, no heap limit.  The
// heap itself stays, since malloc keeps its free list across calls.
void shim_reset(void);

// Standard input will be text, delivered at most chunk bytes per read.
void shim_input(const char *text, int chunk);

// A file the program can open and read.
void shim_file(const char *name, const char *contents);

// Everything written so far, NUL-terminated, per descriptor (1 or 2),
// and how many write calls it took.
const char *shim_output(int fd);
int shim_writes(void);

// Descriptors the program has open besides 0, 1 and 2.
int shim_openfiles(void);

// The heap: how many bytes sbrk has handed out, and a limit beyond
// which it fails.
size_t shim_heapused(void);
void shim_heaplimit(size_t limit);

// Run a program's main with the given arguments (NULL-terminated) until
// it returns or calls exit.
void shim_run(int (*mainfn)(int, char**), char **argv);
