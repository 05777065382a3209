// Mono mode: a descriptor changed after its check is checked again.
// do_send checks sd->slen (check_send_side); resident_call then reads the
// descriptor again (mono/resident.c) and copies req.slen bytes into the
// resident's IPC_MAXBUF request buffer.  A task sharing the descriptor's
// page flips slen between the two; before resident_call checked its own
// copy, a large slen overran ide's buffers into the next resident's
// entry points (fs's dispatch, here pointed at 0x41414141): a kernel
// panic, or worse.  Now every call is refused or served, and fs still
// answers.  (In micro mode the calls go to ide's task, as IPC.)
#include "ktest.h"

#define SRC 0x40000000u
#define OVER 8248u              // from ide's request buffer to the next resident (fs) in the build this was found on
#define BIG (OVER + 20)         // ep, name, start, dispatch, interrupt
#define ROUNDS 20000            // calls at least
#define MIN_REFUSED 5           // and on until this many met the flip...
#define MAX_TICKS 3000          // ...or this long: a busy host may run the flipper's CPU seldom
#define LABEL_UNKNOWN IPC_LABEL(0x7777, 1, 1)   // an interface no resident has

static volatile uint32_t *shared;       // [0] the calls are over; the descriptor from word 16

// The call's descriptor, in the shared page (64-byte aligned), where
// the flipper can change it while the kernel looks at it.
static struct ipc_msg *shared_desc(void)
{
    return (struct ipc_msg *)(shared + 16);
}

// On CPU 1: flip the descriptor's slen between a short and a long one.
static void flipper(uint32_t unused)
{
    (void)unused;
    volatile struct ipc_msg *d = shared_desc();
    while (!shared[0]) {
        d->slen = 8;
        for (volatile int i = 0; i < 3; i++)
            ;
        d->slen = BIG;
    }
}

int main(void)
{
    shared = shared_page(0x10000000);
    if (ncpus() < 2) {
        cprintf("mono_slen_race: needs 2 CPUs\n");
        sys_halt(0);
    }
    for (int i = 0; i < 3; i++)
        sys_page_alloc(0, SRC + i * PGSIZE, PTE_P | PTE_U | PTE_W);
    // Where an overrun of BIG bytes would land: a resident's fields.
    uint32_t *fake = (uint32_t *)(SRC + OVER);
    fake[0] = EP_FS;
    fake[1] = 0x41414141;
    fake[2] = 0x41414141;       // start
    fake[3] = 0x41414141;       // dispatch
    fake[4] = 0;                // interrupt
    struct ipc_msg *d = shared_desc();
    memset(d, 0, sizeof(*d));
    d->sbuf = (void *)SRC;
    d->slen = 8;
    sys_set_affinity(0, 0);
    uint32_t f = fork_child(flipper, 0, 1);
    int toobig = 0, other = 0;
    uint32_t t0 = sys_uptime();
    for (int i = 0; i < ROUNDS || (toobig < MIN_REFUSED && sys_uptime() - t0 < MAX_TICKS); i++) {
        d->label = LABEL_UNKNOWN;
        d->rbuf = 0;
        d->rlen = 0;
        d->rpage = 0;
        d->spage = 0;
        int r = sys_ipc(IPC_OP_CALL, EP_BLK, d, IPC_FOREVER);
        if (r == E_TOOBIG)
            toobig++;
        else
            other++;
        if (i % 1000 == 999) {
            struct ipc_msg m = msg(LABEL_UNKNOWN, 0);
            ipc_call(EP_FS, &m);    // runs fs's dispatch: 0x41414141 if overrun
        }
    }
    shared[0] = 1;
    wait_gone(f);
    cprintf("mono_slen_race: %d calls refused E_TOOBIG, %d went in; fs still answers\n", toobig, other);
    sys_halt(0);
    return 0;
}
