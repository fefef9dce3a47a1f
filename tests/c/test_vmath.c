/* test_vmath.c - vmath.h's float32 exp, tanh, sigmoid and log(1 + t)
   against libm in double over dense sweeps, and, where SIMD is built, every
   f4_ kernel against its scalar twin to the bit, special inputs included. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "check.h"
#include "vmath.h"

#define REL_TOL 2e-6 /* relative error allowed against libm */

static double sigmoid_ref(double x) { return 1 / (1 + exp(-x)); }

/* A run of sweep points. LIN: n points evenly from a to b (n is chosen
   prime-ish so that they are not dyadic); GEO: n points geometrically from
   a to b (same sign); ULPS: the n floats centred on (float)a (both signs
   when a is 0). */
enum { LIN, GEO, ULPS };
typedef struct segment {
  int kind;
  double a, b;
  int n;
} segment;

static float segment_at(const segment *s, int i) {
  double u = s->n > 1 ? (double)i / (s->n - 1) : 0;
  switch (s->kind) {
    case LIN:
      return (float)(s->a + (s->b - s->a) * u);
    case GEO:
      return (float)(s->a * pow(s->b / s->a, u));
    default: {
      float c = (float)s->a;
      int d = i - s->n / 2;
      uint32_t bits;
      memcpy(&bits, &c, sizeof bits);
      if (c == 0.0f) /* magnitudes |d| ulps, the sign of d */
        bits = (uint32_t)(d < 0 ? -d : d) | (d < 0 ? 0x80000000u : 0);
      else
        bits += (uint32_t)d; /* walks the magnitude */
      memcpy(&c, &bits, sizeof c);
      return c;
    }
  }
}

#define MAX_SEGMENTS 6
typedef struct fn_case {
  const char *name;
  float (*s)(float);
  double (*ref)(double);
#if LRP_SIMD
  f4 (*v)(f4);
#endif
  double floor; /* the tolerance is REL_TOL (|ref| + floor) */
  segment seg[MAX_SEGMENTS];
  const float *special;
  int n_special;
} fn_case;

#if LRP_SIMD
#define V(f) f,
#else
#define V(f)
#endif

#define INF_F HUGE_VALF
/* Inputs at the edges: zeros, subnormals, the clamp, overflow, infinities. */
static const float big_specials[] = {
    0.0f,  -0.0f,  1e-45f,  -1e-45f,  FLT_MIN, -FLT_MIN, 0.625f, -0.625f,
    87.0f, -87.0f, 88.0f,   -88.0f,   88.72f,  -88.72f,  100.0f, -100.0f,
    1e30f, -1e30f, FLT_MAX, -FLT_MAX, INF_F,   -INF_F};
#define N_BIG (int)(sizeof big_specials / sizeof big_specials[0])
/* log1p_unit's domain is [0, 1] */
static const float unit_specials[] = {0.0f,   -0.0f, 1e-45f, FLT_MIN,
                                      1e-20f, 1e-8f, 0.5f,   1.0f};

static const fn_case cases[] = {
    {"exp",
     s_exp,
     exp,
     V(f4_exp) 0,
     {{LIN, -87, 88, 1999993}, {LIN, -1, 1, 199999}, {ULPS, 0.0, 0, 20001}},
     big_specials,
     N_BIG},
    {"tanh",
     s_tanh,
     tanh,
     V(f4_tanh) 0,
     {{LIN, -20, 20, 1999993},
      {GEO, 1e-38, 1e-2, 100003},
      {GEO, -1e-38, -1e-2, 100003},
      {ULPS, 0.625, 0, 65537},
      {ULPS, -0.625, 0, 65537},
      {LIN, -1, 1, 299999}},
     big_specials,
     N_BIG},
    {"sigmoid",
     s_sigmoid,
     sigmoid_ref,
     V(f4_sigmoid) 1e-7,
     {{LIN, -30, 30, 1999993}, {LIN, -1, 1, 199999}},
     big_specials,
     N_BIG},
    /* the domain is [0, 1]: t = exp(-|z|) in the binary cross-entropy */
    {"log1p_unit",
     s_log1p_unit,
     log1p,
     V(f4_log1p_unit) 0,
     {{LIN, 0, 1, 1999993},
      {GEO, 1e-30, 1e-2, 100003},
      {ULPS, 0.41421356, 0, 20001}, /* around the sqrt(2) switch */
      {ULPS, 1.0, 0, 20001}},
     unit_specials,
     (int)(sizeof unit_specials / sizeof unit_specials[0])},
};
#define N_CASES (int)(sizeof cases / sizeof cases[0])

#define BLOCK 4096
static float xs[BLOCK], got_s[BLOCK];
#if LRP_SIMD
static float got_v[BLOCK];
#endif

/* Every point of a segment against libm, and the f4_ kernel against its
   scalar twin to the bit. */
static void check_segment(const fn_case *c, const segment *s, worst *w,
                          int *bits_ok) {
  for (int i0 = 0; i0 < s->n; i0 += BLOCK) {
    int m = s->n - i0 < BLOCK ? s->n - i0 : BLOCK;
    for (int i = 0; i < m; i++) xs[i] = segment_at(s, i0 + i);
    for (int i = m; i < BLOCK; i++) xs[i] = xs[m - 1];
    for (int i = 0; i < m; i++) {
      got_s[i] = c->s(xs[i]);
      worst_add(w, i0 + i, got_s[i], c->ref(xs[i]));
    }
#if LRP_SIMD
    int m4 = (m + 3) & ~3;
    for (int i = m; i < m4; i++) got_s[i] = c->s(xs[i]);
    for (int i = 0; i < m4; i += 4) f4_store(got_v + i, c->v(f4_load(xs + i)));
    if (first_diff(got_s, got_v, sizeof(float) * m4) >= 0) *bits_ok = 0;
#else
    (void)bits_ok;
#endif
  }
}

static void test_sweeps(void) {
  for (int k = 0; k < N_CASES; k++) {
    const fn_case *c = &cases[k];
    for (int g = 0; g < MAX_SEGMENTS && c->seg[g].n; g++) {
      const segment *s = &c->seg[g];
      worst w = worst_init(REL_TOL, REL_TOL * c->floor);
      int bits_ok = 1;
      check_ctx("%s sweep %d (%s %g .. %g, %d points)", c->name, g,
                s->kind == LIN   ? "lin"
                : s->kind == GEO ? "geo"
                                 : "ulps",
                s->a, s->b, s->n);
      check_segment(c, s, &w, &bits_ok);
      CHECK_WORST(w);
      check_ctx("%s sweep %d: f4 vs scalar twin", c->name, g);
      CHECK(bits_ok);
    }
  }
}

/* Fixed points and the clamp: exp never overflows, tanh and sigmoid
   saturate, NaN stays NaN; f4_ gives the same bits (any NaN for NaN). */
static void test_specials(void) {
  check_ctx("exact values");
  CHECK_EXACT(s_exp(0.0f), 1.0f);
  CHECK_EXACT(s_exp(-0.0f), 1.0f);
  CHECK_EXACT(s_tanh(0.0f), 0.0f);
  CHECK_EXACT(s_sigmoid(0.0f), 0.5f);
  CHECK_EXACT(s_log1p_unit(0.0f), 0.0f);
  CHECK_NEAR(s_log1p_unit(1.0f), log(2.0), 1e-7, 0);
  check_ctx("clamps");
  CHECK_EXACT(s_exp(INF_F), s_exp(88.0f));
  CHECK_EXACT(s_exp(-INF_F), s_exp(-87.0f));
  CHECK(isfinite(s_exp(FLT_MAX)) && s_exp(-FLT_MAX) > 0);
  CHECK_EXACT(s_tanh(INF_F), 1.0f);
  CHECK_EXACT(s_tanh(-INF_F), -1.0f);
  CHECK_EXACT(s_tanh(50.0f), 1.0f);
  CHECK_EXACT(s_sigmoid(INF_F), 1.0f);
  CHECK(s_sigmoid(-INF_F) >= 0.0f && s_sigmoid(-INF_F) < 1e-37f);
  check_ctx("tanh's tiny branch: x^2 < VM_TANH_TINY2 is |x| < 4e-4f");
  int agree = 1;
  for (int sign = 0; sign < 2; sign++)
    for (int d = -65536; d <= 65536; d++) { /* the floats about +-4e-4f */
      segment near = {ULPS, sign ? -4e-4 : 4e-4, 0, 131073};
      float x = segment_at(&near, d + 65536);
      agree &= (fabsf(x) < 4e-4f) == (x * x < VM_TANH_TINY2);
      agree &= !(fabsf(x) < 4e-4f) || s_tanh(x) == x;
    }
  CHECK(agree);
  check_ctx("NaN in, NaN out");
  for (int k = 0; k < N_CASES; k++) CHECK(isnan(cases[k].s(NAN)));
  for (int k = 0; k < N_CASES; k++) {
    const fn_case *c = &cases[k];
    float in[28], s[28], v[28];
    int n = c->n_special;
    memcpy(in, c->special, sizeof(float) * n);
    in[n++] = NAN;
    in[n++] = -NAN;
    while (n % 4) in[n++] = 0.5f;
    for (int i = 0; i < n; i++) s[i] = c->s(in[i]);
#if LRP_SIMD
    for (int i = 0; i < n; i += 4) f4_store(v + i, c->v(f4_load(in + i)));
#else
    memcpy(v, s, sizeof(float) * n);
#endif
    for (int i = 0; i < n; i++) {
      check_ctx("%s(%g): scalar %g, f4 %g", c->name, in[i], s[i], v[i]);
      if (isnan(in[i]))
        CHECK(isnan(s[i]) && isnan(v[i]));
      else
        CHECK_INT(first_diff(&s[i], &v[i], sizeof(float)), -1);
    }
  }
}

void test_vmath(void) {
  test_sweeps();
  test_specials();
}
