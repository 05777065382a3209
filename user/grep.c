// grep pattern [file ...]: print the lines that match pattern, a simple
// regular expression: c matches itself, . any character, x* zero or more
// of x, ^ anchors at the start of the line and $ at the end.
// Lines longer than the buffer are skipped whole.

#include "types.h"
#include "fcntl.h"
#include "user.h"

int match(const char *re, const char *text);
static int matchhere(const char *re, const char *text);

// Does c* followed by re match at the start of text?
// Take the longest run of c first, then give characters back.
static int
matchstar(int c, const char *re, const char *text)
{
  const char *t = text;

  while(*t != '\0' && (c == '.' || *t == c))
    t++;
  for(;;){
    if(matchhere(re, t))
      return 1;
    if(t == text)
      return 0;
    t--;
  }
}

// Does re match at the start of text?
static int
matchhere(const char *re, const char *text)
{
  for(;;){
    if(re[0] == '\0')
      return 1;
    if(re[1] == '*')
      return matchstar(re[0], re + 2, text);
    if(re[0] == '$' && re[1] == '\0')
      return *text == '\0';
    if(*text == '\0' || (re[0] != '.' && re[0] != *text))
      return 0;
    re++;
    text++;
  }
}

// Does re match anywhere in text?
int
match(const char *re, const char *text)
{
  if(re[0] == '^')
    return matchhere(re + 1, text);
  for(;;){
    if(matchhere(re, text))
      return 1;
    if(*text++ == '\0')
      return 0;
  }
}

static char buf[1024];

static void
grep(const char *re, int fd)
{
  int n, len = 0, skipping = 0;
  char *line, *end;

  while((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0){
    len += n;
    buf[len] = '\0';
    line = buf;
    while((end = strchr(line, '\n')) != 0){
      *end = '\0';
      if(!skipping && match(re, line)){
        *end = '\n';
        write(1, line, end + 1 - line);
      }
      skipping = 0;
      line = end + 1;
    }
    // Keep the unfinished last line for the next read, unless it
    // already fills the buffer: then drop it up to its newline.
    len -= line - buf;
    if(len == sizeof(buf) - 1){
      skipping = 1;
      len = 0;
    }
    memmove(buf, line, len);
  }
  // A last line without a newline.
  if(len > 0 && !skipping){
    buf[len] = '\0';
    if(match(re, buf)){
      buf[len] = '\n';
      write(1, buf, len + 1);
    }
  }
}

int
main(int argc, char *argv[])
{
  int i, fd;

  if(argc < 2){
    printf(2, "usage: grep pattern [file ...]\n");
    exit();
  }
  if(argc == 2){
    grep(argv[1], 0);
    exit();
  }
  for(i = 2; i < argc; i++){
    if((fd = open(argv[i], O_RDONLY)) < 0){
      printf(2, "grep: cannot open %s\n", argv[i]);
      exit();
    }
    grep(argv[1], fd);
    close(fd);
  }
  exit();
}
