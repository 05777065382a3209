// wc [file ...]: count lines, words and bytes of each file, or of
// standard input, printed as "lines words bytes name".

#include "types.h"
#include "fcntl.h"
#include "user.h"

static char buf[512];

static int
isspace(char c)
{
  return strchr(" \r\t\n\v", c) != 0;
}

static void
wc(int fd, const char *name)
{
  int i, n, lines = 0, words = 0, bytes = 0, inword = 0;

  while((n = read(fd, buf, sizeof(buf))) > 0){
    bytes += n;
    for(i = 0; i < n; i++){
      if(buf[i] == '\n')
        lines++;
      if(isspace(buf[i])){
        inword = 0;
      } else if(!inword){
        words++;
        inword = 1;
      }
    }
  }
  if(n < 0){
    printf(2, "wc: read error\n");
    exit();
  }
  printf(1, "%d %d %d %s\n", lines, words, bytes, name);
}

int
main(int argc, char *argv[])
{
  int i, fd;

  if(argc < 2){
    wc(0, "");
    exit();
  }
  for(i = 1; i < argc; i++){
    if((fd = open(argv[i], O_RDONLY)) < 0){
      printf(2, "wc: cannot open %s\n", argv[i]);
      exit();
    }
    wc(fd, argv[i]);
    close(fd);
  }
  exit();
}
