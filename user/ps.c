// ps: list every task, servers included, as
// "PID TASK STATE SERVER NAME" rows, from the proc server's task table.

#include "types.h"
#include "user.h"
#include "procinfo.h"

#define MAXTASKS 128

static struct procinfo info[MAXTASKS];

int
main(void)
{
  int i, n;

  if((n = procinfo(info, MAXTASKS)) < 0){
    printf(2, "ps: cannot read the task table\n");
    exit();
  }
  printf(1, "PID TASK STATE SERVER NAME\n");
  for(i = 0; i < n; i++){
    // The name is bounded by its array, whatever the server sent.
    info[i].name[sizeof(info[i].name) - 1] = '\0';
    printf(1, "%d %d %s %s %s\n", info[i].pid, info[i].task,
           procstate_name(info[i].state), info[i].is_server ? "yes" : "no",
           info[i].name);
  }
  exit();
}
