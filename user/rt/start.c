// rt_start: call main, and end the task if main returns.  Programs of
// the xv6 API get argc/argv from the process loader; plain tasks get 0.
#include "rt.h"

int main(int argc, char **argv);

void rt_start(int argc, char **argv)
{
    main(argc, argv);
    task_exit();
}

void task_exit(void)
{
    sys_task_destroy(0);
    for (;;)
        ;
}
