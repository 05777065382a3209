// One IPC event as the kernel's per-CPU trace ring records it.  The
// first words of the message are kept so that a host tool can name the
// operation's arguments (tools/trace); a reply's label is its result.
#ifndef LIBIPC_TRACE_H
#define LIBIPC_TRACE_H

#include <stdint.h>

#define TRACE_NWORDS 4      // message words kept per record

// The sender or receiver recorded for a resident endpoint (mono mode),
// which has no task of its own.
#define TRACE_RESIDENT_ID(ep) (0xfff00000u | (ep))

struct trace_record {
    uint64_t tsc;           // time-stamp counter when the message was delivered
    uint32_t cpu;
    uint32_t sender;
    uint32_t receiver;
    uint32_t label;         // request: the operation; reply: the result
    uint32_t len;           // bytes of buffer carried
    uint32_t w[TRACE_NWORDS];
    uint32_t pad;
};
_Static_assert(sizeof(struct trace_record) == 48, "trace record layout");

#endif
