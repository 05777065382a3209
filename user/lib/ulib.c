// The small C library every user program links with: string and memory
// functions, atoi, and gets/stat built on the system calls.  There is no
// libc; these are the only such helpers a program has.

#include "types.h"
#include "stat.h"
#include "fcntl.h"
#include "user.h"

char*
strcpy(char *dst, const char *src)
{
  char *d = dst;

  while((*d++ = *src++) != 0)
    ;
  return dst;
}

int
strcmp(const char *p, const char *q)
{
  while(*p && *p == *q)
    p++, q++;
  return (uchar)*p - (uchar)*q;
}

uint
strlen(const char *s)
{
  uint n = 0;

  while(s[n])
    n++;
  return n;
}

char*
strchr(const char *s, char c)
{
  for(; *s; s++)
    if(*s == c)
      return (char*)s;
  return 0;
}

void*
memset(void *dst, int c, uint n)
{
  uchar *d = dst;

  while(n-- > 0)
    *d++ = c;
  return dst;
}

// Copies correctly when the two ranges overlap: backwards when the
// destination starts inside the source.
void*
memmove(void *dst, const void *src, int n)
{
  uchar *d = dst;
  const uchar *s = src;

  if(s < d && s + n > d){
    d += n;
    s += n;
    while(n-- > 0)
      *--d = *--s;
  } else {
    while(n-- > 0)
      *d++ = *s++;
  }
  return dst;
}

void*
memcpy(void *dst, const void *src, uint n)
{
  uchar *d = dst;
  const uchar *s = src;

  while(n-- > 0)
    *d++ = *s++;
  return dst;
}

int
memcmp(const void *a, const void *b, uint n)
{
  const uchar *p = a, *q = b;

  for(; n > 0; n--, p++, q++)
    if(*p != *q)
      return *p - *q;
  return 0;
}

// Decimal with an optional sign; stops at the first other character.
int
atoi(const char *s)
{
  int n = 0, neg = 0;

  if(*s == '-' || *s == '+')
    neg = *s++ == '-';
  while('0' <= *s && *s <= '9')
    n = n*10 + (*s++ - '0');
  return neg ? -n : n;
}

// Read one line from standard input, one byte per read so that no input
// meant for a later reader (a child sharing the descriptor) is consumed.
// Keeps the newline; stops at max-1 bytes or end of input.
char*
gets(char *buf, int max)
{
  int i = 0;
  char c;

  while(i + 1 < max){
    if(read(0, &c, 1) < 1)
      break;
    buf[i++] = c;
    if(c == '\n' || c == '\r')
      break;
  }
  buf[i] = '\0';
  return buf;
}

int
stat(const char *path, struct stat *st)
{
  int fd, r;

  fd = open(path, O_RDONLY);
  if(fd < 0)
    return -1;
  r = fstat(fd, st);
  close(fd);
  return r;
}
