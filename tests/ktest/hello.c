// The smallest root task: say hello from user mode and power off.
#include "rt.h"

int main(void)
{
    cprintf("hello from task %x on cpu %d\n", sys_getid(), sys_cpu());
    sys_halt(0);
    return 0;
}
