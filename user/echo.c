// echo [arg ...]: print the arguments separated by spaces, then a newline.
// The line is assembled first and written once, since each write is an IPC.

#include "types.h"
#include "user.h"

static char line[1024];

int
main(int argc, char *argv[])
{
  int i, n = 0;
  uint len;

  for(i = 1; i < argc; i++){
    len = strlen(argv[i]);
    // Leave room for the separator or the final newline.
    if(n + len + 1 > sizeof(line)){
      write(1, line, n);
      n = 0;
    }
    if(len + 1 > sizeof(line)){
      write(1, argv[i], len);
    } else {
      memmove(line + n, argv[i], len);
      n += len;
    }
    line[n++] = i + 1 < argc ? ' ' : '\n';
  }
  if(argc < 2)
    line[n++] = '\n';
  write(1, line, n);
  exit();
}
