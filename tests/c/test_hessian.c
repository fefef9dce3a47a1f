/* test_hessian.c - hessian.c: every surface's exact top eigenvalue against
   the one of a Hessian built here by central differences of
   lrp_surface_eval's analytic gradient; the quadratic's exactly cond; the
   models' power-iteration estimate against the top eigenvalue of a dense
   Hessian from finite differences of gradients, found by a Jacobi
   eigensolver written here in double. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lrp.h"

/* All eigenvalues of the symmetric n x n matrix a (destroyed) into w, by
   cyclic Jacobi rotations. */
static void jacobi_eigen(double *a, int n, double *w) {
  for (int sweep = 0; sweep < 100; sweep++) {
    double off = 0;
    for (int p = 0; p < n; p++)
      for (int q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off < 1e-30) break;
    for (int p = 0; p < n; p++)
      for (int q = p + 1; q < n; q++) {
        double apq = a[p * n + q];
        if (fabs(apq) < 1e-300) continue;
        double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        double t = (theta >= 0 ? 1 : -1) / (fabs(theta) + sqrt(theta * theta + 1));
        double c = 1 / sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; k++) { /* columns p, q */
          double akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) { /* rows p, q */
          double apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
      }
  }
  for (int i = 0; i < n; i++) w[i] = a[i * n + i];
}

/* The surface's Hessian by central differences of its float gradient, the
   actual (float-rounded) step taken in double; its top eigenvalue. */
static double fd_surface_top(int problem, double cond, const float *p) {
  double h[4];
  for (int k = 0; k < 2; k++) {
    float hi[2] = {p[0], p[1]}, lo[2] = {p[0], p[1]}, ghi[2], glo[2];
    float step = 1e-2f * fmaxf(1.0f, fabsf(p[k]));
    hi[k] += step, lo[k] -= step;
    lrp_surface_eval(problem, (float)cond, hi, ghi);
    lrp_surface_eval(problem, (float)cond, lo, glo);
    double dx = (double)hi[k] - lo[k];
    for (int i = 0; i < 2; i++) h[i * 2 + k] = ((double)ghi[i] - glo[i]) / dx;
  }
  double a = h[0], b = 0.5 * (h[1] + h[2]), c = h[3], w[2];
  double m[4] = {a, b, b, c};
  jacobi_eigen(m, 2, w);
  return fmax(w[0], w[1]);
}

static void test_surfaces(void) {
  static const char *const names[] = {"quadratic", "rosenbrock", "beale",
                                      "himmelblau", "saddle", "wells"};
  uint64_t rng = 7;
  for (int s = 0; s < LRP_SURFACE_COUNT; s++) {
    worst w = worst_init(2e-3, 2e-2);
    for (int k = 0; k < 40; k++) {
      double start[2];
      lrp_surface_start(s, start);
      float p[2] = {(float)start[0], (float)start[1]};
      if (k) p[0] = (float)check_uniform(&rng, -3, 3), p[1] = (float)check_uniform(&rng, -3, 3);
      double cond = s == LRP_QUADRATIC ? 1 + 99 * (k % 5) / 4.0 : 10;
      worst_add(&w, k, lrp_surface_sharpness(s, cond, p), fd_surface_top(s, cond, p));
    }
    check_ctx("%s: exact top eigenvalue against differences of the gradient", names[s]);
    CHECK_WORST(w);
  }
  static const double conds[] = {1, 2.5, 3, 10, 100, 333.3, 1000};
  for (size_t i = 0; i < sizeof conds / sizeof conds[0]; i++) {
    float p[2] = {-4, 2};
    double c = conds[i], l = lrp_surface_sharpness(LRP_QUADRATIC, c, p);
    check_ctx("quadratic cond %g", c);
    CHECK_EXACT(l, c);
    CHECK_NEAR(2 / l, 2 / c, 1e-12, 0);
  }
  check_ctx("surface sharpness rejects");
  CHECK(isnan(lrp_surface_sharpness(LRP_LINREG, 10, (const float[]){0, 0})));
  CHECK(isnan(lrp_surface_sharpness(LRP_QUADRATIC, 10, NULL)));
}

/* A tiny model on seeded data: the dense Hessian of its mean loss by
   central differences of the core's gradients along every unit vector
   (symmetrised); its extreme eigenvalues. */
static void dense_extremes(const lrp_model *m, const float *p, const float *x, const float *y,
                           int rows, float *ws, double *top, double *bottom) {
  int n = m->n_params;
  double *hess = malloc(sizeof(double) * n * n), *w = malloc(sizeof(double) * n);
  float *q = malloc(sizeof(float) * n), *gp = malloc(sizeof(float) * n),
        *gm = malloc(sizeof(float) * n);
  for (int k = 0; k < n; k++) {
    memcpy(q, p, sizeof(float) * n);
    float h = 1e-2f * fmaxf(1.0f, fabsf(p[k]));
    q[k] = p[k] + h;
    double dx = q[k];
    lrp_model_loss_grad(m, q, gp, x, y, rows, ws, 0);
    q[k] = p[k] - h;
    dx -= q[k];
    lrp_model_loss_grad(m, q, gm, x, y, rows, ws, 0);
    for (int i = 0; i < n; i++) hess[i * n + k] = ((double)gp[i] - gm[i]) / dx;
  }
  for (int i = 0; i < n; i++)
    for (int k = 0; k < i; k++) hess[i * n + k] = hess[k * n + i] =
        0.5 * (hess[i * n + k] + hess[k * n + i]);
  jacobi_eigen(hess, n, w);
  *top = -INFINITY, *bottom = INFINITY;
  for (int i = 0; i < n; i++) *top = fmax(*top, w[i]), *bottom = fmin(*bottom, w[i]);
  free(hess), free(w), free(q), free(gp), free(gm);
}

static void test_models(void) {
  static const struct {
    const char *name;
    int problem, data, hidden, act, iters;
  } cases[] = {
      {"mlp moons 4 tanh, 200 iterations", LRP_MLP, LRP_MOONS, 4, LRP_TANH, 200},
      {"mlp moons 4 tanh, 20 iterations", LRP_MLP, LRP_MOONS, 4, LRP_TANH, 20},
      {"mlp sine 6 sigmoid, 200 iterations", LRP_MLP, LRP_SINE, 6, LRP_SIGMOID, 200},
      {"linreg line, 50 iterations", LRP_LINREG, LRP_LINE, 1, LRP_TANH, 50},
  };
  enum { ROWS = 64 };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    lrp_config cfg;
    lrp_config_init(&cfg);
    cfg.problem = cases[c].problem, cfg.data = cases[c].data, cfg.act = cases[c].act;
    cfg.n_hidden = 1, cfg.hidden[0] = cases[c].hidden, cfg.n = ROWS;
    lrp_model m;
    lrp_model_init(&m, &cfg);
    int d = lrp_data_dim(cfg.data), n = m.n_params;
    float *x = malloc(sizeof(float) * ROWS * d), *y = malloc(sizeof(float) * ROWS);
    float *p = malloc(sizeof(float) * n), *scratch = malloc(sizeof(float) * 4 * n);
    float *ws = malloc(sizeof(float) * lrp_model_ws_len(&m, ROWS));
    lrp_data_make(x, y, cfg.data, ROWS, cfg.noise, 3);
    lrp_model_init_params(&m, p, 3);
    if (cfg.problem == LRP_LINREG) p[0] = 0.5f, p[1] = -0.25f;
    double top, bottom;
    dense_extremes(&m, p, x, y, ROWS, ws, &top, &bottom);
    double est = lrp_model_sharpness(&m, p, x, y, ROWS, ws, scratch, cases[c].iters);
    check_ctx("%s: dense top %.6g, bottom %.6g", cases[c].name, top, bottom);
    CHECK(top > fabs(bottom)); /* power iteration finds the top one */
    CHECK_NEAR(est, top, 0.03, 0);
    free(x), free(y), free(p), free(scratch), free(ws);
  }
  check_ctx("model sharpness rejects");
  lrp_model m = {0};
  float v[4] = {0};
  CHECK(isnan(lrp_model_sharpness(&m, v, v, v, 1, v, v, 0)));
  CHECK(isnan(lrp_model_sharpness(NULL, v, v, v, 1, v, v, 5)));
}

void test_hessian(void) {
  test_surfaces();
  test_models();
}
