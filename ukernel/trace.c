// IPC tracing: each CPU appends one record per delivered message to its
// own ring, so recording needs no lock beyond the sched_lock the IPC
// path already holds.  Off by default; a privileged task switches it on
// and drains the rings.
#include "kernel.h"
#include "ipc.h"
#include "smp.h"
#include "task.h"
#include "vm.h"
#include "x86.h"
#include "trace.h"
#include "message.h"

#define TRACE_RING 1024     // records per CPU

static struct {
    struct trace_record rec[TRACE_RING];
    uint32_t head;          // next slot to write
    uint32_t count;         // valid records, at most TRACE_RING
    uint32_t lost;          // records dropped because the ring was full
} rings[NCPU];

volatile bool trace_on;

// A full ring keeps its oldest records and counts the new ones it drops,
// so a reader sees where the trace has a gap instead of a silent cut.
void trace_record(uint32_t sender, uint32_t receiver, uint32_t label, uint32_t len, const uint32_t *w)
{
    struct cpu *c = mycpu();
    typeof(rings[0]) *r = &rings[c->index];
    if (r->count == TRACE_RING) {
        r->lost++;
        return;
    }
    struct trace_record *t = &r->rec[r->head];
    *t = (struct trace_record){
        .tsc = rdtsc(), .cpu = c->index, .sender = sender,
        .receiver = receiver, .label = label, .len = len,
    };
    memcpy(t->w, w, sizeof(t->w));
    r->head = (r->head + 1) % TRACE_RING;
    r->count++;
}

// Records dropped on every CPU since the last call.
int trace_lost(void)
{
    uint32_t n = 0;
    for (int i = 0; i < ncpu; i++) {
        n += rings[i].lost;
        rings[i].lost = 0;
    }
    return n;
}

// Copy out and clear up to max records, oldest first per CPU.  The
// caller holds sched_lock, so no CPU is recording meanwhile.
int trace_read(struct task *t, uint32_t buf, uint32_t max)
{
    uint32_t n = 0;
    if (max > NCPU * TRACE_RING)
        max = NCPU * TRACE_RING;
    if (!user_range_ok(t->pgdir, buf, max * sizeof(struct trace_record), PTE_P | PTE_U | PTE_W))
        return E_FAULT;
    for (int i = 0; i < ncpu; i++) {
        typeof(rings[0]) *r = &rings[i];
        uint32_t first = (r->head + TRACE_RING - r->count) % TRACE_RING;
        for (; r->count > 0 && n < max; r->count--, n++) {
            if (copy_to_user(t->pgdir, buf + n * sizeof(struct trace_record), &r->rec[first],
                             sizeof(struct trace_record)) < 0)
                return E_FAULT;
            first = (first + 1) % TRACE_RING;
        }
    }
    return n;
}
