// crash server: fault injection.  Asks the supervisor (proc) to crash
// the named server; proc restarts it and logs one line saying so, and
// clients carry on after a retry.

#include "types.h"
#include "user.h"
#include "procinfo.h"

int
main(int argc, char *argv[])
{
  if(argc != 2){
    printf(2, "usage: crash server   (e.g. fs, ide, console)\n");
    exit();
  }
  if(crash_server(argv[1]) < 0){
    printf(2, "crash: supervisor refused to crash %s (no such server?)\n", argv[1]);
    exit();
  }
  printf(1, "crash: asked the supervisor to crash %s\n", argv[1]);
  exit();
}
