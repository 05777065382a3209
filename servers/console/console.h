// The console server's private interface: what its files give each other.
//
//   main.c      start-up, and the kernel's notifications (interrupts)
//   ops.c       the four console operations (console.idl)
//   line.c      the line discipline: editing, echo, ^U, ^D, ^P
//   readers.c   readers waiting for input, woken in order
//   state.c     the state page that survives a restart; client records
//   out.c       output: the serial line and, with a display, the screen
//   procdump.c  ^P: the task list
//   uart.c      the 16550 serial port
//   kbd.c       the PS/2 keyboard
//   cga.c       the CGA text screen
#ifndef CONSOLE_H
#define CONSOLE_H

#include "console_server.h"
#include "rt.h"
#include "boot.h"
#include "state.h"

// Port I/O on the ports this task was granted (boot.h).
#include "port.h"

#define NO_DEVICE 0xff           // what a port with nothing behind it reads as

#define CTRL(x) ((x) - '@')     // the byte a control key sends: CTRL('U') == 0x15

// state.c
extern struct console_state *state;
void state_init(void);
struct console_client *client_get(uint32_t task);

// line.c
void line_input(int c);
void line_kill(void);
uint32_t line_take(uint8_t *dst, uint32_t cap, enum console_mode mode);
int line_ready(void);

// readers.c
int readers_add(uint32_t task, uint32_t cap, enum console_mode mode);
void readers_wake(void);
enum console_mode input_mode(void);
void input_mode_set(enum console_mode mode);

// out.c
void out_use_screen(void);
void cons_write(const void *buf, uint32_t n);
void cons_puts(const char *s);

// procdump.c
void procdump(void);

// uart.c
int uart_init(void);
void uart_intr(void);
void uart_write(const char *buf, uint32_t n);

// kbd.c
int kbd_init(void);
void kbd_intr(void);

// cga.c
void cga_init(void);
void cga_write(const char *buf, uint32_t n);

#endif
