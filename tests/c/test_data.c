/* test_data.c - rng.c and data.c: PCG32 against its published outputs, the
   draws' statistics (uniform, bounded, normal, shuffle), and the data sets:
   determinism, shapes, labels, the noise-free curves and the noise's
   distribution. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lrp.h"

static const double PI = 3.14159265358979323846;

/* pcg32-demo of pcg-c (pcg32_srandom_r(&rng, 42u, 54u)) prints these. */
static void test_pcg32_known(void) {
  static const uint32_t want[6] = {0xa15c02b7u, 0x7b47f409u, 0xba1d3330u,
                                   0x83d2f293u, 0xbfa4784bu, 0xcbed606eu};
  lrp_rng r;
  lrp_rng_seed(&r, 42, 54);
  check_ctx("pcg32 seed 42 stream 54");
  for (int i = 0; i < 6; i++) CHECK_INT(lrp_rng_u32(&r), want[i]);
}

/* Same (seed, stream), same sequence; another seed or stream, another. */
static void test_rng_streams(void) {
  lrp_rng a, b, c, d;
  lrp_rng_seed(&a, 7, LRP_STREAM_DATA);
  lrp_rng_seed(&b, 7, LRP_STREAM_DATA);
  lrp_rng_seed(&c, 8, LRP_STREAM_DATA);
  lrp_rng_seed(&d, 7, LRP_STREAM_SPLIT);
  int same = 1, diff_seed = 0, diff_stream = 0;
  for (int i = 0; i < 100; i++) {
    uint32_t x = lrp_rng_u32(&a);
    same &= x == lrp_rng_u32(&b);
    diff_seed += x != lrp_rng_u32(&c);
    diff_stream += x != lrp_rng_u32(&d);
  }
  check_ctx("rng streams");
  CHECK(same);
  CHECK(diff_seed > 95);
  CHECK(diff_stream > 95);
}

/* Pearson's statistic of counts against equal expectations. */
static double chi_square(const long *count, int k, long total) {
  double e = (double)total / k, s = 0;
  for (int i = 0; i < k; i++) s += (count[i] - e) * (count[i] - e) / e;
  return s;
}

/* below(n): always in range; counts per value (or per third of a large
   range) pass a loose chi-square bound (p about 1e-6 for each). */
static void test_rng_below(void) {
  static const struct {
    uint32_t n;
    int bins;
    double bound; /* chi-square bound for bins - 1 degrees of freedom */
  } cases[] = {{1, 1, 0},
               {2, 2, 25},
               {3, 3, 28},
               {7, 7, 37},
               {10, 10, 42},
               {100, 100, 190},
               {3221225472u, 3, 28},
               {4294967295u, 4, 31}};
  enum { DRAWS = 200000 };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    uint32_t n = cases[k].n;
    int bins = cases[k].bins;
    long count[100] = {0};
    int in_range = 1;
    lrp_rng r;
    lrp_rng_seed(&r, 1000 + k, 3);
    for (int i = 0; i < DRAWS; i++) {
      uint32_t x = lrp_rng_below(&r, n);
      in_range &= x < n;
      count[(uint64_t)x * bins / n]++;
    }
    check_ctx("below(%u)", n);
    CHECK(in_range);
    CHECK(chi_square(count, bins, DRAWS) <= cases[k].bound);
  }
}

/* uniform in [0, 1), 16 equal bins; normal with mean 0, variance 1, no
   skew, kurtosis 3 and 68.27% within one standard deviation. */
static void test_rng_uniform_normal(void) {
  enum { DRAWS = 100000 };
  lrp_rng r;
  lrp_rng_seed(&r, 12345, 9);
  long count[16] = {0};
  int in_range = 1;
  double sum = 0;
  for (int i = 0; i < DRAWS; i++) {
    double u = lrp_rng_uniform(&r);
    in_range &= u >= 0 && u < 1;
    sum += u;
    if (u >= 0 && u < 1) count[(int)(u * 16)]++;
  }
  check_ctx("uniform");
  CHECK(in_range);
  CHECK_NEAR(sum / DRAWS, 0.5, 0, 5 * sqrt(1.0 / 12 / DRAWS));
  CHECK(chi_square(count, 16, DRAWS) <= 50);

  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  int within = 0, finite = 1;
  for (int i = 0; i < DRAWS; i++) {
    double z = lrp_rng_normal(&r);
    finite &= isfinite(z);
    m1 += z, m2 += z * z, m3 += z * z * z, m4 += z * z * z * z;
    within += fabs(z) < 1;
  }
  m1 /= DRAWS, m2 /= DRAWS, m3 /= DRAWS, m4 /= DRAWS;
  check_ctx("normal, %d draws", DRAWS);
  CHECK(finite);
  CHECK_NEAR(m1, 0, 0, 5 / sqrt(DRAWS));
  CHECK_NEAR(m2 - m1 * m1, 1, 0, 5 * sqrt(2.0 / DRAWS));
  CHECK_NEAR(m3, 0, 0, 5 * sqrt(15.0 / DRAWS));
  CHECK_NEAR(m4, 3, 0, 5 * sqrt(96.0 / DRAWS));
  CHECK_NEAR((double)within / DRAWS, 0.682689, 0, 5 * sqrt(0.2167 / DRAWS));
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* shuffle permutes: every size keeps its elements; the 6 orders of 3
   elements come out equally often; position counts of 10 are uniform. */
static void test_rng_shuffle(void) {
  static const int sizes[] = {0, 1, 2, 5, 10, 1000};
  lrp_rng r;
  lrp_rng_seed(&r, 3, 4);
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    int n = sizes[k], a[1000], moved = 0, ok = 1;
    for (int i = 0; i < n; i++) a[i] = 3 * i + 1;
    lrp_rng_shuffle(&r, a, n);
    for (int i = 0; i < n; i++) moved += a[i] != 3 * i + 1;
    qsort(a, (size_t)n, sizeof a[0], cmp_int);
    for (int i = 0; i < n; i++) ok &= a[i] == 3 * i + 1;
    check_ctx("shuffle of %d", n);
    CHECK(ok);
    if (n >= 10) CHECK(moved > n / 2);
  }
  enum { TRIALS = 60000 };
  long orders[6] = {0}, where[10][10] = {{0}};
  for (int t = 0; t < TRIALS; t++) {
    int a[3] = {0, 1, 2}, b[10];
    lrp_rng_shuffle(&r, a, 3);
    orders[a[0] * 2 + (a[1] > a[2])]++;
    for (int i = 0; i < 10; i++) b[i] = i;
    lrp_rng_shuffle(&r, b, 10);
    for (int i = 0; i < 10; i++) where[b[i]][i]++;
  }
  check_ctx("shuffle: the orders of 3");
  CHECK(chi_square(orders, 6, TRIALS) <= 33);
  for (int v = 0; v < 10; v++) {
    check_ctx("shuffle: positions of %d among 10", v);
    CHECK(chi_square(where[v], 10, TRIALS) <= 42);
  }
}

enum { N = 2000 };
static float xa[2 * N], ya[N], xb[2 * N], yb[N];

static const char *const names[] = {"moons", "circles", "spiral", "xor",
                                    "blobs", "line",    "sine"};

static void test_shapes_and_determinism(void) {
  for (int data = 0; data < LRP_OWN; data++) { /* the generated sets */
    int d = lrp_data_dim(data), cls = lrp_data_is_classification(data);
    check_ctx("%s", names[data]);
    CHECK_INT(d, data >= LRP_LINE ? 1 : 2);
    CHECK_INT(cls, data < LRP_LINE);
    /* sentinels past n * d and n stay untouched */
    for (int i = 0; i < 2 * N; i++) xa[i] = xb[i] = -99.0f;
    for (int i = 0; i < N; i++) ya[i] = yb[i] = -99.0f;
    lrp_data_make(xa, ya, data, N - 1, 0.1, 42);
    lrp_data_make(xb, yb, data, N - 1, 0.1, 42);
    CHECK_INT(first_diff(xa, xb, sizeof xa), -1);
    CHECK_INT(first_diff(ya, yb, sizeof ya), -1);
    CHECK(xa[(N - 1) * d] == -99.0f && ya[N - 1] == -99.0f);
    int labels = 1, bounded = 1;
    for (int i = 0; i < N - 1; i++) {
      if (cls) labels &= ya[i] == (float)(i & 1);
      for (int k = 0; k < d; k++) bounded &= fabsf(xa[i * d + k]) <= 2.0f;
    }
    CHECK(labels);
    CHECK(bounded);
    lrp_data_make(xb, yb, data, N - 1, 0.1, 43);
    int differ = 0;
    for (int i = 0; i < (N - 1) * d; i++) differ += xa[i] != xb[i];
    CHECK(differ > (N - 1) * d * 9 / 10);
  }
}

/* Noise-free points on their curves, within float rounding (the spiral's
   angle comes from the radius, which multiplies its rounding by 11). */
static void test_curves(void) {
  for (int data = 0; data < LRP_OWN; data++) {
    int d = lrp_data_dim(data);
    worst w = worst_init(0, data == LRP_SPIRAL ? 1e-5 : 5e-7);
    int ok = 1;
    lrp_data_make(xa, ya, data, N, 0.0, 5);
    for (int i = 0; i < N; i++) {
      double x = xa[i * d], y = d == 2 ? xa[i * d + 1] : ya[i];
      int c = i & 1;
      switch (data) {
        case LRP_MOONS: /* unit half circles about (-0.5, 0) up, (0.5, 0) down
                         */
          worst_add(&w, i, hypot(x - (c ? 0.5 : -0.5), y), 1.0);
          ok &= c ? y <= 0 && x >= -0.5 - 1e-6 : y >= 0 && x <= 0.5 + 1e-6;
          break;
        case LRP_CIRCLES:
          worst_add(&w, i, hypot(x, y), c ? 0.5 : 1.0);
          break;
        case LRP_SPIRAL: { /* r = 1.2 u at angle 3.5 pi u + c pi */
          double u = hypot(x, y) / 1.2, v = 3.5 * PI * u + c * PI;
          worst_add(&w, i, x, 1.2 * u * cos(v));
          worst_add(&w, i, y, 1.2 * u * sin(v));
          ok &= u <= 1;
          break;
        }
        case LRP_XOR:
          ok &= (x * y > 0) == c && fabs(x) <= 1 && fabs(y) <= 1;
          break;
        case LRP_BLOBS:
          break; /* statistics below */
        case LRP_LINE:
          worst_add(&w, i, y, 1.5 * x - 0.5);
          ok &= fabs(x) <= 1;
          break;
        default:
          worst_add(&w, i, y, sin(PI * x));
          ok &= fabs(x) <= 1;
          break;
      }
    }
    check_ctx("%s noise 0 on its curve", names[data]);
    if (w.at >= 0) CHECK_WORST(w);
    CHECK(ok);
  }
  /* blobs: two clusters of standard deviation 0.25 at (-0.7, -0.7) and
     (0.7, 0.7) */
  double m[2][2] = {{0}}, s[2][2] = {{0}};
  lrp_data_make(xa, ya, LRP_BLOBS, N, 0.0, 5);
  for (int i = 0; i < N; i++)
    for (int k = 0; k < 2; k++) {
      m[i & 1][k] += xa[2 * i + k] / (N / 2);
      s[i & 1][k] += xa[2 * i + k] * xa[2 * i + k] / (N / 2);
    }
  for (int c = 0; c < 2; c++)
    for (int k = 0; k < 2; k++) {
      check_ctx("blobs class %d coordinate %d", c, k);
      CHECK_NEAR(m[c][k], c ? 0.7 : -0.7, 0, 5 * 0.25 / sqrt(N / 2));
      CHECK_NEAR(sqrt(s[c][k] - m[c][k] * m[c][k]), 0.25, 0.1, 0);
    }
}

/* The noise is noise times a standard normal draw, added to each input
   (the target for regression) and drawn from the same stream whatever its
   size: (noisy - clean) / noise is standard normal. */
static void test_noise(void) {
  static const double noises[] = {0.05, 0.3, 1.0};
  for (int data = 0; data < LRP_OWN; data++)
    for (int k = 0; k < 3; k++) {
      int d = lrp_data_dim(data), m = d == 2 ? 2 * N : N;
      double noise = noises[k], s1 = 0, s2 = 0;
      lrp_data_make(xa, ya, data, N, 0.0, 77);
      lrp_data_make(xb, yb, data, N, noise, 77);
      const float *clean = d == 2 ? xa : ya, *noisy = d == 2 ? xb : yb;
      for (int i = 0; i < m; i++) {
        double z = ((double)noisy[i] - clean[i]) / noise;
        s1 += z, s2 += z * z;
      }
      s1 /= m, s2 /= m;
      check_ctx("%s noise %g", names[data], noise);
      if (d == 1) CHECK_INT(first_diff(xa, xb, sizeof(float) * N), -1);
      if (d == 2) CHECK_INT(first_diff(ya, yb, sizeof(float) * N), -1);
      CHECK_NEAR(s1, 0, 0, 5 / sqrt(m));
      CHECK_NEAR(s2 - s1 * s1, 1, 0, 5 * sqrt(2.0 / m));
    }
}

void test_data(void) {
  test_pcg32_known();
  test_rng_streams();
  test_rng_below();
  test_rng_uniform_normal();
  test_rng_shuffle();
  test_shapes_and_determinism();
  test_curves();
  test_noise();
}
