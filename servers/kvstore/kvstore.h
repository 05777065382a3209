// The key-value store's private header: the table its handlers share.
//
//   main.c      start-up and the generated serve loop
//   handlers.c  one handler per operation of idl/kvstore.idl
//
// It is the server of the kvstore lab (docs/labs/kvstore.md).
#ifndef KVSTORE_H
#define KVSTORE_H

#include <stdint.h>
#include <stdbool.h>
#include "kvstore_server.h"
#include "rt.h"

// One key and its value.  A slot is free when its key is empty (no
// valid key is: put refuses "").
struct entry {
    char key[KVSTORE_KEYLEN];       // NUL-terminated
    uint32_t len;                   // bytes of value in use
    uint8_t value[KVSTORE_VALLEN];
};
_Static_assert(sizeof(struct entry) == KVSTORE_KEYLEN + 4 + KVSTORE_VALLEN, "struct entry: no padding");

// handlers.c
extern struct entry table[KVSTORE_NKEYS];

#endif
