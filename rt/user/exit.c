// task_exit: end this task through the kernel.
#include "rt.h"

void task_exit(void)
{
    sys_task_destroy(0);
    for (;;)
        ;
}
