// The hooks a monolithic build provides for the direct binding, played on
// the host by one thread: "sleeping" runs the other tasks (the test's
// meanwhile function) so that one of them can reply.
#include <stdio.h>
#include <stdlib.h>
#include "idl.h"

uint32_t direct_client = 1;
void (*direct_meanwhile)(void);
static int locked[IDL_KERNEL_IFACE + 1];
static void *woken;

uint32_t idl_direct_client(void)
{
    return direct_client;
}

void idl_direct_enter(uint32_t iface)
{
    if (locked[iface]) {
        fprintf(stderr, "direct: lock of interface %u taken twice\n", iface);
        abort();
    }
    locked[iface] = 1;
}

void idl_direct_leave(uint32_t iface)
{
    if (!locked[iface]) {
        fprintf(stderr, "direct: lock of interface %u released but not held\n", iface);
        abort();
    }
    locked[iface] = 0;
}

void idl_direct_sleep(uint32_t iface, void *chan)
{
    uint32_t me = direct_client;

    if (!locked[iface] || direct_meanwhile == 0) {
        fprintf(stderr, "direct: sleep without the lock, or nobody to wake us\n");
        abort();
    }
    woken = 0;
    locked[iface] = 0;
    direct_client = me + 100;       // the others are other tasks
    direct_meanwhile();
    direct_client = me;
    locked[iface] = 1;
    if (woken != chan) {
        fprintf(stderr, "direct: nobody woke the sleeper\n");
        abort();
    }
}

void idl_direct_wakeup(void *chan)
{
    woken = chan;
}
