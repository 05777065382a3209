// One IPC event as the kernel's per-CPU trace ring records it.
#ifndef LIBIPC_TRACE_H
#define LIBIPC_TRACE_H

#include <stdint.h>

struct trace_record {
    uint64_t tsc;           // time-stamp counter when the message was delivered
    uint32_t cpu;
    uint32_t sender;
    uint32_t receiver;
    uint32_t label;
    uint32_t len;           // bytes of buffer carried
    uint32_t pad;
};
_Static_assert(sizeof(struct trace_record) == 32, "trace record layout");

#endif
