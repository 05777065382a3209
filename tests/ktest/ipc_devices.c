// Device rights: an IRQ arrives as a notification, a port outside the
// granted range stops the task, and the fault is reported to its
// supervisor as a message; notifications from tasks coalesce.
#include "ktest.h"
#include "com1_irq.h"

#define IRQ_BIT 0x10

static volatile uint32_t *shared;


static void driver(uint32_t unused)
{
    (void)unused;
    int r = sys_irq_register(COM1_IRQ, IRQ_BIT);
    com1_raise_irq();
    struct ipc_msg m = msg(0, 0);
    int got = ipc_recv(&m, 200);
    com1_quiet();
    shared[0] = r;
    shared[1] = got;
    shared[2] = m.label == IPC_LABEL_NOTIFY ? m.w[0] : 0;
    shared[3] = sys_irq_ack(COM1_IRQ);
    // Inside the grant the ports work; the keyboard port was never granted.
    (void)inb(COM1 + UART_IIR);
    shared[4] = 1;
    (void)inb(0x60);
    shared[5] = 1;                  // not reached
}

static void listener(uint32_t unused)
{
    (void)unused;
    struct ipc_msg m = msg(0, 0);
    while (!shared[6])
        sys_yield();                // let the notifications pile up first
    ipc_recv(&m, 100);
    shared[7] = m.label == IPC_LABEL_NOTIFY ? m.w[0] : 0;
    shared[8] = ipc_recv(&m, IPC_POLL);
}

int main(void)
{
    shared = shared_page(0x10000000);
    // The driver must not run before its rights are granted.
    int d = cow_fork(0);
    if (d == 0) {
        driver(0);
        task_exit();
    }
    sys_ioport_grant(d, COM1, COM1_PORTS);
    sys_irq_grant(d, COM1_IRQ);
    sys_set_state(d, TASK_RUNNABLE);

    struct ipc_msg m = msg(0, 0);
    int r = ipc_recv(&m, 500);
    cprintf("devices: irq register %d, irq wait %d, bits %x, ack %d\n", shared[0], shared[1], shared[2], shared[3]);
    cprintf("devices: granted port read %s, ungranted port read %s\n",
            shared[4] ? "worked" : "failed", shared[5] ? "worked" : "stopped the task");
    cprintf("devices: supervisor got %s from task %x: trap %d eip %x\n",
            r == 0 && m.label == IPC_LABEL_FAULT ? "a fault report" : "nothing", m.w[0], m.w[1], m.w[2]);
    sys_task_destroy(d);

    uint32_t l = fork_child(listener, 0, CPU_ANY);
    ipc_notify(l, 0x1);
    ipc_notify(l, 0x4);
    shared[6] = 1;
    wait_gone(l);
    cprintf("devices: notifications coalesced to %x, then poll %d\n", shared[7], shared[8]);
    sys_halt(0);
    return 0;
}
