// nopriv cmd [arg ...]: run cmd as an ordinary process, one that may not
// halt the machine, crash a server or kill a privileged process
// (docs/processes.md).  There is no way back: the privilege is dropped
// before the exec, and cmd's children inherit the drop.

#include "types.h"
#include "user.h"
#include "procinfo.h"

int
main(int argc, char *argv[])
{
  if(argc < 2){
    printf(2, "usage: nopriv cmd [arg ...]\n");
    exit();
  }
  if(drop_privilege() < 0){
    printf(2, "nopriv: cannot drop the privilege\n");
    exit();
  }
  exec(argv[1], argv + 1);
  printf(2, "nopriv: exec %s failed\n", argv[1]);
  exit();
}
