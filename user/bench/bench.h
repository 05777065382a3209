// What the benchmark programs share: the time-stamp counter, and one
// line per figure in the format tools/bench reads:
//   bench NAME median M cpus C rounds r1,r2,...
#ifndef BENCH_H
#define BENCH_H

#include "rt.h"

#define ROUNDS 7

static inline uint64_t rdtsc(void)
{
    uint64_t v;
    asm volatile("rdtsc" : "=A"(v));
    return v;
}

static inline void sort_u32(uint32_t *v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            uint32_t t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

// Print one figure: the median of the rounds, and every round, so the
// spread shows.  Sorts per_op.
static inline void report(const char *name, uint32_t *per_op, uint32_t cpus)
{
    char rounds[128];
    int n = 0;
    for (int i = 0; i < ROUNDS; i++)
        n += snprintf_rt(rounds + n, sizeof(rounds) - n, i ? ",%u" : "%u", per_op[i]);
    sort_u32(per_op, ROUNDS);
    cprintf("bench %s median %u cpus %u rounds %s\n", name, per_op[ROUNDS / 2], cpus, rounds);
}

#endif
