// halt: power the machine off (this system's addition; `halt CODE` picks
// the exit code QEMU reports through isa-debug-exit).
#include "types.h"
#include "user.h"

int main(int argc, char *argv[])
{
    halt(argc > 1 ? atoi(argv[1]) : 0);
    printf(2, "halt: refused\n");
    exit();
}
