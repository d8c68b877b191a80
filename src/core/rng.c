/* rng.c: splitmix64 (Steele, Lea, Flood 2014), as rng.h describes. */
#include "core/rng.h"

uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

int
rng_below(struct rng *r, int n)
{
	return n > 0 ? (int)(rng_next(r) % (uint64_t)n) : 0;
}

int
rng_range(struct rng *r, int lo, int hi)
{
	return hi < lo ? lo : lo + rng_below(r, hi - lo + 1);
}

int
rng_pct(struct rng *r, int pct)
{
	return rng_below(r, 100) < pct;
}
