// The console's state that a restart must not lose, in one plain struct
// on one page: the input typed but not yet read, and what each client
// last wrote.  It holds no pointers and all-zero memory is not valid
// (the magic is missing), so a new copy of the server either finds a
// page its starter kept from the last copy and checks it (state.c), or
// starts empty.
//
// Every update is ordered so that a server killed between any two
// stores leaves a state the next copy can use: indices only move after
// the bytes they cover are in place, and a client record's fields are
// written in an order a retried request can live with (ops.c).
#ifndef CONSOLE_STATE_H
#define CONSOLE_STATE_H

#include <stdint.h>

#define CONSOLE_STATE_MAGIC   0x736e6f63    // "cons"
#define CONSOLE_STATE_VERSION 1

#define INPUT_BUF 2048          // bytes of input: lines waiting for readers, then the one being typed
#define NCLIENT   64            // clients whose last write and mode are remembered

// What the console knows of one client task.
struct console_client {
    uint32_t task;              // kernel task id; 0: slot free
    uint32_t last_use;          // state.clock at its last request: the oldest is reused
    uint32_t mode;              // enum console_mode of its reads
    uint32_t seq;               // its last write: sequence number,
    uint32_t len;               //   length,
    uint32_t sum;               //   checksum of the bytes,
    uint32_t done;              //   and how many of them have been printed
};

// The input ring works like xv6's struct input: free-running indices,
// the byte at index i in buf[i % INPUT_BUF].  [r, w) is input complete
// and waiting for readers; [w, e) is the line being typed.
struct console_state {
    uint32_t magic;
    uint32_t version;
    uint32_t r;                 // next byte a reader gets
    uint32_t w;                 // end of the complete input
    uint32_t e;                 // end of the line being typed
    uint32_t clock;             // counts requests, for last_use
    struct console_client client[NCLIENT];
    char buf[INPUT_BUF];
};

_Static_assert(sizeof(struct console_state) <= 4096, "the console's state fits one page");

#endif
