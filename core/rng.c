/* rng.c - PCG32 (O'Neill, pcg-random.org: pcg32_random_r and its seeding),
   the only source of randomness, and the draws built on it. Every stream is
   keyed by (seed, stream) so that, say, the batch order can change without
   changing the data. */
#include <math.h>

#include "lrp.h"

uint32_t lrp_rng_u32(lrp_rng *r) {
  uint64_t old = r->state;
  r->state = old * 6364136223846793005ull + r->inc;
  uint32_t xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
  uint32_t rot = (uint32_t)(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((-rot) & 31u));
}

void lrp_rng_seed(lrp_rng *r, uint64_t seed, uint64_t stream) {
  r->state = 0;
  r->inc = (stream << 1u) | 1u;
  lrp_rng_u32(r);
  r->state += seed;
  lrp_rng_u32(r);
}

/* 53 random bits in [0, 1). */
double lrp_rng_uniform(lrp_rng *r) {
  uint64_t hi = lrp_rng_u32(r) >> 5, lo = lrp_rng_u32(r) >> 6;
  return (double)(hi * 67108864u + lo) / 9007199254740992.0;
}

/* A standard normal draw (Box-Muller, one of the pair). */
double lrp_rng_normal(lrp_rng *r) {
  double u1 = 1.0 - lrp_rng_uniform(r), u2 = lrp_rng_uniform(r);
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

/* An integer in [0, n) without modulo bias (rejecting the short range). */
uint32_t lrp_rng_below(lrp_rng *r, uint32_t n) {
  uint32_t threshold = (0u - n) % n;
  for (;;) {
    uint32_t x = lrp_rng_u32(r);
    if (x >= threshold) return x % n;
  }
}

void lrp_rng_shuffle(lrp_rng *r, int *a, int n) {
  for (int i = n - 1; i > 0; i--) {
    int j = (int)lrp_rng_below(r, (uint32_t)i + 1);
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
