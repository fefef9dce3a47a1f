/* test_surface.c - surface.c against PRESET.md's formulas, written here in
   double: the loss at float points, the gradient against central
   differences, the default starts, and the contour grid. */
#include <math.h>

#include "check.h"
#include "lrp.h"

static double sq(double a) { return a * a; }

/* f(x, y) of PRESET.md's surface table. */
static double f_ref(int problem, double cond, double x, double y) {
  switch (problem) {
    case LRP_QUADRATIC: return 0.5 * (x * x + cond * y * y);
    case LRP_ROSENBROCK: return sq(1 - x) + 100 * sq(y - x * x);
    case LRP_BEALE:
      return sq(1.5 - x + x * y) + sq(2.25 - x + x * y * y) +
             sq(2.625 - x + x * y * y * y);
    case LRP_HIMMELBLAU: return sq(x * x + y - 11) + sq(x + y * y - 7);
    case LRP_SADDLE: return x * x + sq(y * y) / 4 - y * y / 2;
    case LRP_WELLS: return sq(x * x - 1) + 0.3 * x + 0.5 * y * y;
    default: return NAN;
  }
}

/* Central difference along coordinate k, step 1e-6 relative. */
static double fd_grad(int problem, double cond, double x, double y, int k) {
  double at = k == 0 ? x : y, h = 1e-6 * fmax(1.0, fabs(at));
  double hi = k == 0 ? f_ref(problem, cond, x + h, y)
                     : f_ref(problem, cond, x, y + h);
  double lo = k == 0 ? f_ref(problem, cond, x - h, y)
                     : f_ref(problem, cond, x, y - h);
  return (hi - lo) / (2 * h);
}

static const struct surface_case {
  const char *name;
  int problem;
  double cond, x0, y0; /* PRESET.md's default start */
  double xm, ym;       /* near a minimum, where the gradient is small */
} cases[] = {
    {"quadratic cond 1", LRP_QUADRATIC, 1, -4, 2, 0.01, -0.02},
    {"quadratic cond 10", LRP_QUADRATIC, 10, -4, 2, 0.01, -0.002},
    {"quadratic cond 1000", LRP_QUADRATIC, 1000, -4, 2, 0.01, -2e-5},
    {"rosenbrock", LRP_ROSENBROCK, 10, -1.5, 2, 1.001, 1.001},
    {"beale", LRP_BEALE, 10, 1, 1.5, 3.001, 0.5},
    {"himmelblau", LRP_HIMMELBLAU, 10, 0, -4, 3.001, 2.001},
    {"saddle", LRP_SADDLE, 10, 2, 0, 0.001, 1.001},
    {"wells", LRP_WELLS, 10, 2, 1, 0.96, 0.001},
};
#define N_CASES (int)(sizeof cases / sizeof cases[0])
#define N_POINTS 22 /* the start, near the minimum, 20 in [-3, 3]^2 */

/* Loss within float rounding, gradient within 1e-4 of the differences. */
static void check_point(const struct surface_case *c, const float *p) {
  float dp[2] = {NAN, NAN};
  double x = p[0], y = p[1];
  float f = lrp_surface_eval(c->problem, (float)c->cond, p, dp);
  check_ctx("%s at (%.9g, %.9g)", c->name, x, y);
  CHECK_NEAR(f, f_ref(c->problem, c->cond, x, y), 1e-5, 1e-6);
  CHECK_NEAR(dp[0], fd_grad(c->problem, c->cond, x, y, 0), 1e-4, 1e-5);
  CHECK_NEAR(dp[1], fd_grad(c->problem, c->cond, x, y, 1), 1e-4, 1e-5);
  CHECK_EXACT(lrp_surface_eval(c->problem, (float)c->cond, p, NULL), f);
}

static void test_eval_and_start(void) {
  uint64_t rng = 42;
  for (int i = 0; i < N_CASES; i++) {
    const struct surface_case *c = &cases[i];
    double xy[2] = {NAN, NAN};
    lrp_surface_start(c->problem, xy);
    check_ctx("%s start", c->name);
    CHECK_EXACT(xy[0], c->x0);
    CHECK_EXACT(xy[1], c->y0);
    for (int k = 0; k < N_POINTS; k++) {
      float p[2] = {(float)c->x0, (float)c->y0};
      if (k == 1) p[0] = (float)c->xm, p[1] = (float)c->ym;
      if (k > 1) {
        p[0] = (float)check_uniform(&rng, -3, 3);
        p[1] = (float)check_uniform(&rng, -3, 3);
      }
      check_point(c, p);
    }
  }
}

/* Grid point (i, j) of the nx by ny grid over [x_lo, x_hi] x [y_lo, y_hi]
   is f at x_lo + i (x_hi - x_lo) / (nx - 1), likewise y. */
static void test_grid(void) {
  enum { NX = 5, NY = 4 };
  const double x_lo = -2, x_hi = 3, y_lo = -1, y_hi = 2;
  static const int at[][2] = {{0, 0}, {NX - 1, 0}, {0, NY - 1},
                              {NX - 1, NY - 1}, {2, 1}};
  for (int s = 0; s < N_CASES; s++) {
    const struct surface_case *c = &cases[s];
    float out[NX * NY];
    int err = lrp_surface_grid(out, c->problem, c->cond, x_lo, x_hi, y_lo,
                               y_hi, NX, NY);
    check_ctx("%s grid", c->name);
    CHECK_INT(err, LRP_OK);
    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
      int i = at[k][0], j = at[k][1];
      float p[2] = {(float)(x_lo + (x_hi - x_lo) * i / (NX - 1)),
                    (float)(y_lo + (y_hi - y_lo) * j / (NY - 1))};
      check_ctx("%s grid (%d, %d)", c->name, i, j);
      CHECK_EXACT(out[j * NX + i],
                  lrp_surface_eval(c->problem, (float)c->cond, p, NULL));
    }
  }
}

static void test_grid_rejects(void) {
  static const struct {
    const char *what;
    int null_out, problem, nx, ny, err;
  } bad[] = {
      {"NULL out", 1, LRP_QUADRATIC, 4, 4, LRP_E_NULL},
      {"nx 1", 0, LRP_QUADRATIC, 1, 4, LRP_E_RANGE},
      {"ny 1", 0, LRP_QUADRATIC, 4, 1, LRP_E_RANGE},
      {"nx 0", 0, LRP_QUADRATIC, 0, 4, LRP_E_RANGE},
      {"nx -3", 0, LRP_QUADRATIC, -3, 4, LRP_E_RANGE},
      {"problem -1", 0, -1, 4, 4, LRP_E_ENUM},
      {"problem linreg", 0, LRP_LINREG, 4, 4, LRP_E_ENUM},
      {"problem count", 0, LRP_PROBLEM_COUNT, 4, 4, LRP_E_ENUM},
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    float out[16], sentinel[16];
    for (int i = 0; i < 16; i++) out[i] = sentinel[i] = -7.0f;
    check_ctx("grid rejects %s", bad[k].what);
    CHECK_INT(lrp_surface_grid(bad[k].null_out ? NULL : out, bad[k].problem,
                               10, -1, 1, -1, 1, bad[k].nx, bad[k].ny),
              bad[k].err);
    CHECK_INT(first_diff(out, sentinel, sizeof out), -1);
  }
}

void test_surface(void) {
  test_eval_and_start();
  test_grid();
  test_grid_rejects();
}
