// A sure way to fire IRQ 4, for the tests of device interrupts: the
// 16550 UART on COM1 (PC16550D data sheet) raises an interrupt whenever
// its transmitter is empty and IER bit 1 asks for it, and the
// transmitter is empty.  The caller needs the ports (COM1, COM1_PORTS).
#ifndef COM1_IRQ_H
#define COM1_IRQ_H

#include "port.h"

#define COM1 0x3f8
#define COM1_PORTS 8
#define COM1_IRQ 4
#define UART_IER 1
#define UART_IIR 2
#define UART_MCR 4
#define IER_THRE 0x02       // interrupt when the transmitter is empty
#define MCR_OUT2 0x08       // connects the UART's interrupt to the line

static inline void com1_raise_irq(void)
{
    outb(COM1 + UART_MCR, inb(COM1 + UART_MCR) | MCR_OUT2);
    outb(COM1 + UART_IER, IER_THRE);
}

// Stop asking; reading IIR clears the pending transmitter interrupt.
static inline void com1_quiet(void)
{
    outb(COM1 + UART_IER, 0);
    (void)inb(COM1 + UART_IIR);
}

#endif
