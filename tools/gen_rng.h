/* gen_rng.h - the random numbers of the generators (gensample, genbench):
 * splitmix64, one stream per purpose, so that changing what one file holds
 * does not shift the numbers of any other.  Header-only: each generator is
 * one program. */
#ifndef BC_GEN_RNG_H
#define BC_GEN_RNG_H

#include <stdint.h>

#include "date.h"
#include "util.h"

typedef struct rng {
    uint64_t state;
} rng;

static inline uint64_t rng_next(rng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0. */
static inline uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline int rng_range(rng *r, int lo, int hi)
{
    return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* 1 with probability pct percent. */
static inline int rng_chance(rng *r, int pct)
{
    return (int)rng_below(r, 100) < pct;
}

#define PICK(r, arr) ((arr)[rng_below((r), (uint32_t)BC_ARRAY_LEN(arr))])

/* The stream of one purpose: FNV-1a of the label, mixed with seed and
 * `mix` (each generator mixes in its own unit or file number). */
static inline rng rng_stream(uint64_t seed, const char *label, uint64_t mix)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (const unsigned char *p = (const unsigned char *)label; *p; p++) {
        h ^= *p;
        h *= UINT64_C(0x100000001b3);
    }
    rng r = {seed * UINT64_C(0x2545f4914f6cdd1d) ^ h ^ mix};
    rng_next(&r);
    return r;
}

/* A day in [from, to]. */
static inline bc_date rng_date(rng *r, bc_date from, bc_date to)
{
    long a = date_days(from), b = date_days(to);
    return date_from_days(a + (long)rng_below(r, (uint32_t)(b - a + 1)));
}

#endif
