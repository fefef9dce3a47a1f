/* vmath.h - exp, tanh, sigmoid and log(1 + t) in float32 for the models,
   inside the module (deterministic on every engine) and vectorised: Cephes'
   expf and logf polynomials and Eigen's rational tanh (2e-7 to 4e-7
   relative, checked against libm in the C tests). Each f4_ function has a scalar twin s_ that
   does the same operations in the same order, so the two agree to the bit.
   exp clamps its argument to [-87, 88], so it never overflows. */
#ifndef LRP_VMATH_H
#define LRP_VMATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "simd.h"

#define VM_LOG2E 1.44269504088896341f
#define VM_C1 0.693359375f
#define VM_C2 -2.12194440e-4f
#define VM_SQRT2 1.41421356237309505f

/* NaN (from a NaN argument) maps to 2^0: the result is NaN all the same, and
   a NaN to int conversion would be undefined. */
static inline float s_pow2i(float n) {
  int32_t k = n == n ? (int32_t)n : 0;
  uint32_t bits = (uint32_t)(k + 127) << 23;
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

static inline float s_exp(float x) {
  x = x < -87.0f ? -87.0f : x;
  x = 88.0f < x ? 88.0f : x;
  float n = floorf(x * VM_LOG2E + 0.5f);
  float r = x - n * VM_C1;
  r = r - n * VM_C2;
  float y = 1.9875691500e-4f;
  y = y * r + 1.3981999507e-3f;
  y = y * r + 8.3334519073e-3f;
  y = y * r + 4.1665795894e-2f;
  y = y * r + 1.6666665459e-1f;
  y = y * r + 5.0000001201e-1f;
  y = y * (r * r) + r + 1.0f;
  return y * s_pow2i(n);
}

/* tanh as Eigen's fast rational (x P(x^2) / Q(x^2), the argument clamped to
   where tanh rounds to +-1; x itself below 4e-4, where x^3/3 is below float
   precision): within 4e-7 relative of tanh, half the cost of going through
   exp. |x| < 4e-4f is tested as x^2 < VM_TANH_TINY2, the float square of
   4e-4f, with no |x| to compute: the two tests agree on every float, NaN
   included (checked over all 2^32; the float below 4e-4f squares to a
   float below it). */
#define VM_TANH_CLAMP 7.90531110763549805f
#define VM_TANH_TINY2 0x1.5798ecp-23f
static inline float s_tanh(float x) {
  float x0 = x;
  x = x < -VM_TANH_CLAMP ? -VM_TANH_CLAMP : x;
  x = VM_TANH_CLAMP < x ? VM_TANH_CLAMP : x;
  float z = x * x;
  float p = -2.76076847742355e-16f;
  p = p * z + 2.00018790482477e-13f;
  p = p * z - 8.60467152213735e-11f;
  p = p * z + 5.12229709037114e-08f;
  p = p * z + 1.48572235717979e-05f;
  p = p * z + 6.37261928875436e-04f;
  p = p * z + 4.89352455891786e-03f;
  float q = 1.19825839466702e-06f;
  q = q * z + 1.18534705686654e-04f;
  q = q * z + 2.26843463243900e-03f;
  q = q * z + 4.89352518554385e-03f;
  return z < VM_TANH_TINY2 ? x0 : p * x / q;
}

static inline float s_sigmoid(float x) { return 1.0f / (1.0f + s_exp(0.0f - x)); }

/* log(1 + t) for t in [0, 1]: log(u) of u = 1 + t, scaled by t / (u - 1)
   to restore the low bits of t that u lost (Goldberg's trick), so that tiny
   t give t itself. */
static inline float s_log1p_unit(float t) {
  float u = 1.0f + t;
  int big = VM_SQRT2 < u;
  float m = big ? u * 0.5f : u, e = big ? 1.0f : 0.0f;
  float x = m - 1.0f, z = x * x;
  float y = 7.0376836292e-2f;
  y = y * x - 1.1514610310e-1f;
  y = y * x + 1.1676998740e-1f;
  y = y * x - 1.2420140846e-1f;
  y = y * x + 1.4249322787e-1f;
  y = y * x - 1.6668057665e-1f;
  y = y * x + 2.0000714765e-1f;
  y = y * x - 2.4999993993e-1f;
  y = y * x + 3.3333331174e-1f;
  y = y * x * z;
  y = y + e * VM_C2;
  y = y - 0.5f * z;
  float r = x + y;
  r = r + e * VM_C1;
  float d = u - 1.0f;
  return d == 0.0f ? t : r * (t / d);
}

#if LRP_SIMD
static inline f4 f4_exp(f4 x) {
  f4 lo = f4_set1(-87.0f), hi = f4_set1(88.0f);
  x = f4_max(x, lo);
  x = f4_min(x, hi);
  f4 n = f4_floor(f4_add(f4_mul(x, f4_set1(VM_LOG2E)), f4_set1(0.5f)));
  f4 r = f4_sub(x, f4_mul(n, f4_set1(VM_C1)));
  r = f4_sub(r, f4_mul(n, f4_set1(VM_C2)));
  f4 y = f4_set1(1.9875691500e-4f);
  y = f4_add(f4_mul(y, r), f4_set1(1.3981999507e-3f));
  y = f4_add(f4_mul(y, r), f4_set1(8.3334519073e-3f));
  y = f4_add(f4_mul(y, r), f4_set1(4.1665795894e-2f));
  y = f4_add(f4_mul(y, r), f4_set1(1.6666665459e-1f));
  y = f4_add(f4_mul(y, r), f4_set1(5.0000001201e-1f));
  y = f4_add(f4_add(f4_mul(y, f4_mul(r, r)), r), f4_set1(1.0f));
  return f4_mul(y, f4_pow2i(n));
}

static inline f4 f4_tanh(f4 x) {
  f4 x0 = x, lo = f4_set1(-VM_TANH_CLAMP), hi = f4_set1(VM_TANH_CLAMP);
  x = f4_max(x, lo);
  x = f4_min(x, hi);
  f4 z = f4_mul(x, x);
  f4 p = f4_set1(-2.76076847742355e-16f);
  p = f4_add(f4_mul(p, z), f4_set1(2.00018790482477e-13f));
  p = f4_sub(f4_mul(p, z), f4_set1(8.60467152213735e-11f));
  p = f4_add(f4_mul(p, z), f4_set1(5.12229709037114e-08f));
  p = f4_add(f4_mul(p, z), f4_set1(1.48572235717979e-05f));
  p = f4_add(f4_mul(p, z), f4_set1(6.37261928875436e-04f));
  p = f4_add(f4_mul(p, z), f4_set1(4.89352455891786e-03f));
  f4 q = f4_set1(1.19825839466702e-06f);
  q = f4_add(f4_mul(q, z), f4_set1(1.18534705686654e-04f));
  q = f4_add(f4_mul(q, z), f4_set1(2.26843463243900e-03f));
  q = f4_add(f4_mul(q, z), f4_set1(4.89352518554385e-03f));
  return f4_select(f4_lt(z, f4_set1(VM_TANH_TINY2)), x0, f4_div(f4_mul(p, x), q));
}

static inline f4 f4_sigmoid(f4 x) {
  f4 one = f4_set1(1.0f);
  return f4_div(one, f4_add(one, f4_exp(f4_sub(f4_set1(0.0f), x))));
}

static inline f4 f4_log1p_unit(f4 t) {
  f4 one = f4_set1(1.0f);
  f4 u = f4_add(one, t);
  f4 big = f4_lt(f4_set1(VM_SQRT2), u);
  f4 m = f4_select(big, f4_mul(u, f4_set1(0.5f)), u), e = f4_and(big, one);
  f4 x = f4_sub(m, one), z = f4_mul(x, x);
  f4 y = f4_set1(7.0376836292e-2f);
  y = f4_sub(f4_mul(y, x), f4_set1(1.1514610310e-1f));
  y = f4_add(f4_mul(y, x), f4_set1(1.1676998740e-1f));
  y = f4_sub(f4_mul(y, x), f4_set1(1.2420140846e-1f));
  y = f4_add(f4_mul(y, x), f4_set1(1.4249322787e-1f));
  y = f4_sub(f4_mul(y, x), f4_set1(1.6668057665e-1f));
  y = f4_add(f4_mul(y, x), f4_set1(2.0000714765e-1f));
  y = f4_sub(f4_mul(y, x), f4_set1(2.4999993993e-1f));
  y = f4_add(f4_mul(y, x), f4_set1(3.3333331174e-1f));
  y = f4_mul(f4_mul(y, x), z);
  y = f4_add(y, f4_mul(e, f4_set1(VM_C2)));
  y = f4_sub(y, f4_mul(f4_set1(0.5f), z));
  f4 r = f4_add(f4_add(x, y), f4_mul(e, f4_set1(VM_C1)));
  f4 d = f4_sub(u, one); /* >= 0: 0 only when t is below u's last bit */
  return f4_select(f4_lt(f4_set1(0.0f), d), f4_mul(r, f4_div(t, d)), t);
}
#endif

#endif
