// What the demo test handlers observed, for the round-trip test to check.
#ifndef DEMO_HANDLERS_H
#define DEMO_HANDLERS_H
#include <stdint.h>

struct demo_stats {
    uint32_t last_client, last_seq;
    int repeats;        // requests that came again with the same seq
    int nops;
    uint32_t total;     // what count has added up
    int counted;        // times count's handler ran
};
extern struct demo_stats demo_stats;

#endif
