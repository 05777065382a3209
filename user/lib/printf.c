// printf(fd, fmt, ...) as in xv6: %d %x %p %s %c and %%.
// Every write is an IPC to a server, so the output is gathered in a
// buffer and written once per call (or once per full buffer).

#include "types.h"
#include "user.h"

struct outbuf {
  int fd;
  int n;
  char buf[256];
};

static void
flush(struct outbuf *o)
{
  if(o->n > 0)
    write(o->fd, o->buf, o->n);
  o->n = 0;
}

static void
putc(struct outbuf *o, char c)
{
  if(o->n == sizeof(o->buf))
    flush(o);
  o->buf[o->n++] = c;
}

static void
putstr(struct outbuf *o, const char *s)
{
  while(*s)
    putc(o, *s++);
}

// x is the magnitude; the sign, if any, is printed by the caller.
static void
putuint(struct outbuf *o, unsigned long x, int base)
{
  static const char digits[] = "0123456789abcdef";
  char tmp[3 * sizeof(x)];
  int i = 0;

  do {
    tmp[i++] = digits[x % base];
    x /= base;
  } while(x != 0);
  while(--i >= 0)
    putc(o, tmp[i]);
}

static void
putint(struct outbuf *o, int x)
{
  uint mag = x;

  // Negating in unsigned arithmetic keeps the most negative int right.
  if(x < 0){
    putc(o, '-');
    mag = -mag;
  }
  putuint(o, mag, 10);
}

void
printf(int fd, const char *fmt, ...)
{
  struct outbuf o;
  __builtin_va_list ap;
  const char *s;

  o.fd = fd;
  o.n = 0;
  __builtin_va_start(ap, fmt);
  for(; *fmt; fmt++){
    if(*fmt != '%'){
      putc(&o, *fmt);
      continue;
    }
    switch(*++fmt){
    case 'd':
      putint(&o, __builtin_va_arg(ap, int));
      break;
    case 'x':
      putuint(&o, __builtin_va_arg(ap, uint), 16);
      break;
    case 'p':
      putstr(&o, "0x");
      putuint(&o, (unsigned long)__builtin_va_arg(ap, void*), 16);
      break;
    case 's':
      s = __builtin_va_arg(ap, const char*);
      putstr(&o, s ? s : "(null)");
      break;
    case 'c':
      putc(&o, __builtin_va_arg(ap, int));
      break;
    case '%':
      putc(&o, '%');
      break;
    case '\0':
      // A lone '%' at the end: print it and stop.
      putc(&o, '%');
      fmt--;
      break;
    default:
      // Unknown conversion: show it as written.
      putc(&o, '%');
      putc(&o, *fmt);
      break;
    }
  }
  __builtin_va_end(ap);
  flush(&o);
}
