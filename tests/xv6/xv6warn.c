// xv6warn: code the way xv6 writes it, which -Wextra rejects: an int
// index compared with strlen's uint (sign-compare) and parameters a
// function does not use (unused-parameter).  xv6 builds with -Wall only.

#include "types.h"
#include "stat.h"
#include "user.h"

char *words[] = { "alpha", "beta", "gamma" };

int
vowels(char *s, int unused)
{
  int i, n;

  n = 0;
  for(i = 0; i < strlen(s); i++)
    if(strchr("aeiou", s[i]))
      n++;
  return n;
}

int
main(int argc, char *argv[])
{
  int i, total;

  total = 0;
  for(i = 0; i < sizeof(words)/sizeof(words[0]); i++)
    total += vowels(words[i], 0);
  printf(1, "xv6warn ok: %d vowels\n", total);
  exit();
}
