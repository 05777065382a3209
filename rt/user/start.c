// rt_start: call main, and end the task if main returns.  Tasks that are
// not processes (servers, tests) start here; programs of the xv6 API get
// their own rt_start (user/lib/crt.c) that calls exit() instead.
#include "rt.h"

int main(int argc, char **argv);

void rt_start(int argc, char **argv)
{
    main(argc, argv);
    task_exit();
}
