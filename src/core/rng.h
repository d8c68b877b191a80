/* rng.h: splitmix64, the one random stream of the demo data: small, fast
 * and the same on every platform, so a seed gives the same rows anywhere.
 * Not for secrets (auth/crypto.h is). The state is the caller's; nothing
 * is allocated. */
#ifndef HY_RNG_H
#define HY_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s;	/* the seed, then the stream's position */
};

/* The next 64 bits of the stream. */
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n) (the modulo bias is far below what shows here); 0 when
 * n <= 0, without advancing the stream. */
int rng_below(struct rng *r, int n);
/* Uniform in [lo, hi]; lo when hi < lo. */
int rng_range(struct rng *r, int lo, int hi);
/* 1 with a chance of pct in 100. */
int rng_pct(struct rng *r, int pct);

#endif
