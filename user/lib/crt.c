// Start-up for programs of the xv6 API: _start (rt/user/entry.S) calls
// rt_start with argc and argv; a program that returns from main exits.
#include "types.h"
#include "user.h"

int main(int argc, char **argv);

void rt_start(int argc, char **argv)
{
    main(argc, argv);
    exit();
}
