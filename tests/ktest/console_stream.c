// Input that completes a read while its reader is still inside the
// console.  The reader reads in RAW mode, again and again, while the
// harness types a long run of bytes without waiting: many of the input
// interrupts come while the reader's own read call is in the console.
// In mono mode (docs/mono.md) such an interrupt is taken as the reader
// leaves the console, and an answer it brings must still reach the
// reader, which is about to wait for it.  Every byte must arrive, in
// order, and the reader must never be left waiting.  Runs in either
// mode: the console is started from its boot module unless the kernel
// serves it.
#include "console_test.h"

#define STREAM_BYTES 20000

// The byte typed at position i: tests/test_console.py types the same.
static char expected(uint32_t i)
{
    return (char)('a' + i % 26);
}

int main(void)
{
    if (!endpoint_resident(EP_CONSOLE))
        console_start(0);
    int r = console_call_setmode(CONSOLE_MODE_RAW);
    if (r < 0) {
        cprintf("console_stream: setmode: %s\n", ipc_strerror(r));
        sys_halt(3);
    }
    cprintf("type stream\n");
    static char buf[CONSOLE_MAXIO];
    uint32_t got = 0, reads = 0;
    while (got < STREAM_BYTES) {
        uint32_t n = sizeof(buf);
        r = console_call_read(buf, &n);
        if (r < 0) {
            cprintf("console_stream: read: %s\n", ipc_strerror(r));
            sys_halt(3);
        }
        for (uint32_t i = 0; i < n; i++, got++) {
            if (buf[i] != expected(got)) {
                cprintf("console_stream: byte %u is %c, not %c: FAILED\n", got, buf[i], expected(got));
                sys_halt(3);
            }
        }
        reads++;
    }
    cprintf("console_stream: %u bytes in order in %u reads\n", got, reads);
    sys_halt(0);
    return 0;
}
