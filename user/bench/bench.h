// What the benchmark programs share: the time-stamp counter, the
// kernel's event counters, and one line per figure in the format
// tools/bench reads:
//   bench NAME median M cpus C rounds r1,r2,...
//   kstat NAME ops N c1,c2,...     (totals over N operations, abi/kstat.h order)
#ifndef BENCH_H
#define BENCH_H

#include "rt.h"
#include "kstat.h"

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

// The kernel's counters over a stretch of a figure: kstat_begin before
// it, kstat_end after it adds what happened in between into sum, so a
// figure measured in several stretches adds them up.  Reading the
// counters is one system call, counted in the second reading: kstat_end
// takes it off.
static inline void kstat_begin(uint32_t *at)
{
    sys_kstat(at);
}

static inline void kstat_end(uint32_t *sum, const uint32_t *at)
{
    uint32_t now[KSTAT_N];
    sys_kstat(now);
    for (int k = 0; k < KSTAT_N; k++)
        sum[k] += now[k] - at[k];
    sum[KSTAT_SYSCALL]--;
}

static inline void report_kstat(const char *name, const uint32_t *sum, uint32_t ops)
{
    char line[KSTAT_N * 11 + 1];    // each counter: up to 10 digits and a comma
    int n = 0;
    for (int k = 0; k < KSTAT_N; k++)
        n += snprintf_rt(line + n, sizeof(line) - n, k ? ",%u" : "%u", sum[k]);
    cprintf("kstat %s ops %u %s\n", name, ops, line);
}

#endif
