// init: the first user program.  It gives itself the console as
// standard input, output and error, then runs the shell, starting a new
// one whenever it exits.  Orphans are re-parented to init, so while
// waiting for the shell it also reaps them.

#include "types.h"
#include "fcntl.h"
#include "user.h"

static char *shargv[] = { "sh", 0 };

static void
openconsole(void)
{
  if(open("console", O_RDWR) < 0){
    // First boot on a fresh disk: create the device file.
    mknod("console", 1, 1);
    if(open("console", O_RDWR) < 0)
      exit();   // nowhere to even print a message
  }
  dup(0);  // standard output
  dup(0);  // standard error
}

int
main(void)
{
  int pid, wpid;

  openconsole();
  for(;;){
    printf(1, "init: starting sh\n");
    pid = fork();
    if(pid < 0){
      printf(1, "init: fork failed\n");
      sleep(100);
      continue;
    }
    if(pid == 0){
      exec("sh", shargv);
      printf(1, "init: exec sh failed\n");
      sleep(100);   // don't restart a missing shell in a tight loop
      exit();
    }
    // Reap orphans until the shell itself exits.
    while((wpid = wait()) != pid){
      if(wpid < 0){
        printf(1, "init: wait failed\n");
        break;
      }
    }
  }
}
