// The host fuzz of a generated dispatcher.  fuzz_main.c is the same for
// every interface; fuzzgen.py writes, per interface, handlers that check
// what the dispatcher promised them and a maker of valid random requests.
#ifndef FUZZ_H
#define FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include "idl.h"

// Stop the fuzz at once: a promise was broken.
#define FUZZ_ASSERT(c) \
    do { if (!(c)) { fprintf(stderr, "fuzz: %s:%d: %s\n", __FILE__, __LINE__, #c); abort(); } } while (0)

uint32_t fuzz_rand(void);

// Random values of the kinds the wire carries.
void fuzz_string(char *dst, uint32_t bound);            // 0..bound-1 characters and a NUL
uint32_t fuzz_bytes(void *dst, uint32_t max);            // 0..max random bytes; returns how many
int fuzz_result(void);                                   // what a handler returns
int fuzz_liar(void);                                     // 1 in 16: produce an invalid out

// Checks a handler makes on what it was given; each reads every byte, so
// AddressSanitizer catches a pointer past the request.
void fuzz_check_string(const char *s, uint32_t bound);
void fuzz_check_bytes(const void *p, uint32_t len, uint32_t bound);

// Written by fuzzgen.py for one interface.
extern const uint32_t fuzz_iface, fuzz_version;
extern const uint16_t fuzz_ops[];
extern const int fuzz_nops;
extern long fuzz_handled[];         // handler calls per operation index
int fuzz_request(int i, struct ipc_msg *m, void *wire);     // a valid request of op fuzz_ops[i]
int fuzz_dispatch(const struct ipc_msg *req, struct ipc_msg *reply, void *reply_buf);
int fuzz_print_request(char *buf, uint32_t size, const struct ipc_msg *m, const void *bytes, uint32_t len);
int fuzz_print_reply(char *buf, uint32_t size, uint32_t op, const struct ipc_msg *m, const void *bytes,
                     uint32_t len);

#endif
