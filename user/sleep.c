// sleep TICKS: wait that many timer ticks (100 per second).  Not an xv6
// program; scripted sessions use it to let background jobs finish.
#include "types.h"
#include "user.h"

int main(int argc, char *argv[])
{
    if (argc != 2) {
        printf(2, "usage: sleep ticks\n");
        exit();
    }
    sleep(atoi(argv[1]));
    exit();
}
