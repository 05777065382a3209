// The console server: start-up, then the generated serve loop.
//
// Interrupts reach a user-mode driver as notifications: the kernel
// masks the line and sets a bit in this task's notification word, and
// the next receive returns a message from the kernel instead of a
// request.  The serve loop hands such messages to on_kernel_msg().  So
// input is taken between two requests, never in the middle of one.
#include "console.h"

// The notification bit of each interrupt line is the line's own bit.
#define UART_BIT (1u << CONSOLE_COM1_IRQ)
#define KBD_BIT  (1u << CONSOLE_KBD_IRQ)

// What this copy drives.  Any task may notify a server, so a bit is
// acted on only for a device that is there and whose line we registered.
static int display, serial, keyboard;

static void on_kernel_msg(const struct ipc_msg *m)
{
    if (m->label != IPC_LABEL_NOTIFY)
        return;
    if (serial && (m->w[0] & UART_BIT))
        uart_intr();
    if (keyboard && (m->w[0] & KBD_BIT))
        kbd_intr();
}

// Without its interrupt a device could print but never read: give up,
// and let the supervisor see the task end.
static void irq_register(uint32_t irq, uint32_t bit)
{
    int r = sys_irq_register(irq, bit);
    if (r < 0) {
        cprintf("console: cannot register irq %u: %s\n", irq, ipc_strerror(r));
        task_exit();
    }
}

static void start_devices(void)
{
    serial = uart_init() == 0;
    if (serial)
        irq_register(CONSOLE_COM1_IRQ, UART_BIT);
    if (!display)
        return;
    cga_init();
    out_use_screen();
    keyboard = kbd_init() == 0;
    if (keyboard)
        irq_register(CONSOLE_KBD_IRQ, KBD_BIT);
}

// Start-up: the state page, the devices and the input that came before
// the interrupts were ours.
int console_start(void)
{
    state_init();
    start_devices();
    cprintf("console: serial line (irq %u) %s, keyboard (irq %u) %s, CGA screen %s\n",
            CONSOLE_COM1_IRQ, serial ? "in use" : "missing", CONSOLE_KBD_IRQ,
            keyboard ? "in use" : display ? "missing" : "not used", display ? "in use" : "not used");
    if (serial)
        uart_intr();
    if (keyboard)
        kbd_intr();
    return 0;
}

// Mono mode (docs/mono.md): the kernel calls this for the interrupts
// of the lines registered, between two requests as the loop below does,
// and console_dispatch for each request.
void console_interrupt(uint32_t bits)
{
    struct ipc_msg m = { .label = IPC_LABEL_NOTIFY, .sender = IPC_SENDER_KERNEL, .w = { bits } };
    on_kernel_msg(&m);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (streq(argv[i], CONSOLE_ARG_DISPLAY))
            display = 1;
    console_start();
    console_serve(on_kernel_msg);
    return 0;
}
