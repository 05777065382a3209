// kill pid ...: kill each process.

#include "types.h"
#include "user.h"

int
main(int argc, char *argv[])
{
  int i;

  if(argc < 2){
    printf(2, "usage: kill pid...\n");
    exit();
  }
  for(i = 1; i < argc; i++)
    if(kill(atoi(argv[i])) < 0)
      printf(2, "kill: %s failed\n", argv[i]);
  exit();
}
