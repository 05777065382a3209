// init: the first user program.  It gives itself the console as
// standard input, output and error, then runs the shell, starting a new
// one whenever it exits.  Orphans are re-parented to init, so while
// waiting for the shell it also reaps them.  When it can no longer write
// to the console (the file server or the console is gone for good: given
// up by proc, or stopped in the kernel in mono mode), no session can
// start again, and it powers the machine off instead of waiting forever.

#include "types.h"
#include "fcntl.h"
#include "user.h"

static char *shargv[] = { "sh", 0 };

// The power-off code when the console is out of reach (proc's own for a
// boot server that cannot start is 4).
#define HALT_NO_CONSOLE 5

// Say we start a shell; if the console cannot take it, nobody could use one.
static void
announce(void)
{
  static char line[] = "init: starting sh\n";
  if(write(1, line, sizeof(line) - 1) != sizeof(line) - 1)
    halt(HALT_NO_CONSOLE);
}

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
    announce();
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
