// The 16550 UART on COM1: received bytes arrive by interrupt, output is
// polled.  Register names and bits are those of the National
// Semiconductor PC16550D data sheet (June 1995), section 8.
//
// The kernel set the line to 115200 baud, 8 data bits, no parity, one
// stop bit at boot (ukernel/console.c), and keeps printing its own lines
// on this port.  So the line settings are left alone: changing them
// means setting LCR.DLAB, which would send a kernel byte that arrives
// meanwhile into the divisor latch instead of the transmitter.
#include "console.h"

#define COM1 CONSOLE_COM1_PORT

// Registers, as offsets from the base port (table II).
#define UART_RBR 0              // receiver buffer (read)
#define UART_THR 0              // transmitter holding register (write)
#define UART_IER 1              // interrupt enable
#define UART_IIR 2              // interrupt identification (read)
#define UART_FCR 2              // FIFO control (write)
#define UART_MCR 4              // modem control
#define UART_LSR 5              // line status

#define LSR_DR   0x01           // 8.4: data ready, a byte (or more) is in the receiver
#define LSR_THRE 0x20           // 8.4: transmitter holding register (FIFO) empty

#define FCR_ENABLE      0x01    // 8.5: turn on both FIFOs
#define FCR_TRIGGER_1   0x00    // 8.5: interrupt as soon as one byte is received
#define IIR_FIFOS_ON    0xc0    // 8.6: both bits set when the FIFOs are on

#define IER_RDA  0x01           // 8.7: interrupt when received data is available

#define MCR_DTR  0x01           // 8.8: tell the other end we are here
#define MCR_RTS  0x02           //      and ready for data
#define MCR_OUT2 0x08           // 8.8: on a PC, connects the UART's interrupt to IRQ 4

// A transmitter that never empties must not hang the console: give up
// waiting after this many polls and write anyway, as the kernel does.
#define THRE_POLLS 12800

// The 16-byte receive FIFO holds input while this task waits to be
// scheduled.  A restarted server finds the FIFOs already on and leaves
// them alone: changing FCR's enable bit empties them (8.5), and what
// they hold is input the user typed.  E_NOENT if there is no UART: an
// empty port reads as all ones, which would look like endless input.
int uart_init(void)
{
    if (inb(COM1 + UART_LSR) == NO_DEVICE)
        return E_NOENT;
    if ((inb(COM1 + UART_IIR) & IIR_FIFOS_ON) != IIR_FIFOS_ON)
        outb(COM1 + UART_FCR, FCR_ENABLE | FCR_TRIGGER_1);
    outb(COM1 + UART_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
    outb(COM1 + UART_IER, IER_RDA);
    return 0;
}

// Read everything the receiver holds.  Emptying it is what clears the
// interrupt (8.6: received data and character timeout both clear when
// the FIFO is read below its trigger level).
static void drain(void)
{
    while (inb(COM1 + UART_LSR) & LSR_DR)
        line_input(inb(COM1 + UART_RBR));
}

// IRQ 4 arrived as a notification; the kernel keeps the line masked
// until we acknowledge.  The IOAPIC sees edges, and an edge while masked
// is lost, so after unmasking look once more: a byte that came in
// between would otherwise hold the line high and never interrupt again.
void uart_intr(void)
{
    drain();
    sys_irq_ack(CONSOLE_COM1_IRQ);
    drain();
}

static void putc_polled(char c)
{
    for (int i = 0; i < THRE_POLLS && !(inb(COM1 + UART_LSR) & LSR_THRE); i++)
        asm volatile("pause");
    outb(COM1 + UART_THR, c);
}

// A terminal needs a carriage return before each newline.
void uart_write(const char *buf, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (buf[i] == '\n')
            putc_polled('\r');
        putc_polled(buf[i]);
    }
}
