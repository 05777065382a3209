// System-call shims for testing the user library and simple programs on
// the host: output is captured, input is scripted, files live in memory,
// sbrk hands out a static arena and exit jumps back to the test.

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include "shim.h"

#define MAXOUT   (64*1024)
#define MAXFILES 8
#define NFD      16
#define ARENA    (4*1024*1024)

static char out[3][MAXOUT];
static int outlen[3];
static int nwrites;

static const char *input;
static int inputchunk;

static struct {
  const char *name;
  const char *contents;
} files[MAXFILES];
static int nfiles;

static struct {
  int file;     // index in files, -1 if closed
  size_t off;
} fds[NFD];

static _Alignas(16) char arena[ARENA];
static size_t brk, heaplimit;

static jmp_buf exitjmp;

void
shim_reset(void)
{
  int i;

  memset(outlen, 0, sizeof(outlen));
  memset(out, 0, sizeof(out));
  nwrites = 0;
  input = "";
  inputchunk = 1;
  nfiles = 0;
  for(i = 0; i < NFD; i++)
    fds[i].file = -1;
  heaplimit = ARENA;
}

void
shim_input(const char *text, int chunk)
{
  input = text;
  inputchunk = chunk;
}

void
shim_file(const char *name, const char *contents)
{
  if(nfiles == MAXFILES)
    abort();
  files[nfiles].name = name;
  files[nfiles].contents = contents;
  nfiles++;
}

const char *
shim_output(int fd)
{
  return out[fd];
}

int
shim_writes(void)
{
  return nwrites;
}

int
shim_openfiles(void)
{
  int i, n = 0;

  for(i = 3; i < NFD; i++)
    n += fds[i].file >= 0;
  return n;
}

size_t
shim_heapused(void)
{
  return brk;
}

void
shim_heaplimit(size_t limit)
{
  heaplimit = limit;
}

static int
countargs(char **argv)
{
  int argc = 0;

  while(argv[argc])
    argc++;
  return argc;
}

void
shim_run(int (*mainfn)(int, char**), char **argv)
{
  if(setjmp(exitjmp) == 0)
    mainfn(countargs(argv), argv);
}

// The system calls.

__attribute__((noreturn)) int
xv6_exit(void)
{
  longjmp(exitjmp, 1);
}

int
xv6_write(int fd, const void *p, int n)
{
  if(fd < 1 || fd > 2 || n < 0 || outlen[fd] + n >= MAXOUT)
    return -1;
  memcpy(out[fd] + outlen[fd], p, n);
  outlen[fd] += n;
  nwrites++;
  return n;
}

int
xv6_read(int fd, void *p, int n)
{
  const char *src;
  size_t avail;

  if(fd == 0){
    avail = strlen(input);
    if((size_t)n > avail)
      n = avail;
    if(n > inputchunk)
      n = inputchunk;
    memcpy(p, input, n);
    input += n;
    return n;
  }
  if(fd < 3 || fd >= NFD || fds[fd].file < 0 || n < 0)
    return -1;
  src = files[fds[fd].file].contents + fds[fd].off;
  avail = strlen(src);
  if((size_t)n > avail)
    n = avail;
  memcpy(p, src, n);
  fds[fd].off += n;
  return n;
}

int
xv6_open(const char *name, int mode)
{
  int i, fd;

  if(mode != 0)   // read-only files
    return -1;
  for(i = 0; i < nfiles; i++){
    if(strcmp(files[i].name, name) != 0)
      continue;
    for(fd = 3; fd < NFD; fd++){
      if(fds[fd].file < 0){
        fds[fd].file = i;
        fds[fd].off = 0;
        return fd;
      }
    }
    return -1;
  }
  return -1;
}

int
xv6_close(int fd)
{
  if(fd < 3 || fd >= NFD || fds[fd].file < 0)
    return -1;
  fds[fd].file = -1;
  return 0;
}

int
xv6_fstat(int fd, struct xv6_stat *st)
{
  if(fd < 3 || fd >= NFD || fds[fd].file < 0)
    return -1;
  st->type = T_FILE;
  st->dev = 1;
  st->ino = fds[fd].file + 2;
  st->nlink = 1;
  st->size = strlen(files[fds[fd].file].contents);
  return 0;
}

char *
xv6_sbrk(int n)
{
  char *old = arena + brk;

  if(n < 0 ? (size_t)-(long)n > brk : brk + n > heaplimit)
    return (char*)-1;
  brk += n;
  return old;
}
