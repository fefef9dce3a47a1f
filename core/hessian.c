/* hessian.c - sharpness: the top eigenvalue of the loss's Hessian. For the
   2-D surfaces it is exact (analytic second derivatives, the symmetric 2x2
   eigenvalue formula); for the models it is estimated by power iteration on
   Hessian-vector products, each a central difference of two gradients.
   Plain gradient descent at rate lr is stable on a quadratic only while
   lr < 2 / lambda_max: that is why it is worth showing. */
#include <math.h>
#include <string.h>

#include "lrp.h"
#include "simd.h"

/* (fxx, fxy, fyy) at (x, y) for each surface of PRESET.md's table. */
static void surface_hessian(int problem, double cond, double x, double y, double *h) {
  switch (problem) {
    case LRP_QUADRATIC: h[0] = 1, h[1] = 0, h[2] = cond; return;
    case LRP_ROSENBROCK:
      h[0] = 2 - 400 * (y - x * x) + 800 * x * x, h[1] = -400 * x, h[2] = 200;
      return;
    case LRP_BEALE: { /* f = sum r_i^2: H = 2 sum (grad r_i grad r_i^T + r_i hess r_i) */
      double y2 = y * y, y3 = y2 * y;
      double a = 1.5 - x + x * y, b = 2.25 - x + x * y2, c = 2.625 - x + x * y3;
      h[0] = 2 * ((y - 1) * (y - 1) + (y2 - 1) * (y2 - 1) + (y3 - 1) * (y3 - 1));
      h[1] = 2 * ((y - 1) * x + a + (y2 - 1) * 2 * x * y + 2 * y * b + (y3 - 1) * 3 * x * y2 +
                  3 * y2 * c);
      h[2] = 2 * (x * x + 4 * x * x * y2 + 2 * x * b + 9 * x * x * y2 * y2 + 6 * x * y * c);
      return;
    }
    case LRP_HIMMELBLAU: {
      double a = x * x + y - 11, b = x + y * y - 7;
      h[0] = 8 * x * x + 4 * a + 2, h[1] = 4 * (x + y), h[2] = 8 * y * y + 4 * b + 2;
      return;
    }
    case LRP_SADDLE: h[0] = 2, h[1] = 0, h[2] = 3 * y * y - 1; return;
    case LRP_WELLS: h[0] = 12 * x * x - 4, h[1] = 0, h[2] = 1; return;
    default: h[0] = h[1] = h[2] = NAN;
  }
}

double lrp_surface_sharpness(int problem, double cond, const float *p) {
  if (problem < 0 || problem >= LRP_SURFACE_COUNT || !p) return NAN;
  double h[3];
  surface_hessian(problem, cond, p[0], p[1], h);
  if (h[1] == 0) return h[0] > h[2] ? h[0] : h[2]; /* diagonal: exact */
  double mean = 0.5 * (h[0] + h[2]), half = 0.5 * (h[0] - h[2]);
  return mean + sqrt(half * half + h[1] * h[1]);
}

static double norm(const float *a, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += (double)a[i] * a[i];
  return sqrt(s);
}

/* A fixed start with no structure the Hessian could be blind to: a
   multiplicative hash of the index, in [-0.5, 0.5). */
static void start_vector(float *v, int n) {
  for (int i = 0; i < n; i++) v[i] = (float)(((uint32_t)(i + 1) * 2654435761u >> 16) / 65536.0 - 0.5);
}

/* scratch (4, n_params): v, the shifted parameters q, and g(p + h v),
   g(p - h v); the last becomes H v. */
double lrp_model_sharpness(const lrp_model *m, const float *p, const float *x, const float *y,
                           int rows, float *ws, float *scratch, int iters) {
  if (!m || !p || !x || !y || !ws || !scratch || rows < 1 || iters < 1) return NAN;
  int n = m->n_params;
  float *v = scratch, *q = v + n, *gp = q + n, *gm = gp + n;
  double lambda = NAN, scale = norm(p, n);
  start_vector(v, n);
  for (int it = 0; it < iters; it++) {
    double vn = norm(v, n);
    if (!(vn > 0) || !isfinite(vn)) return it ? lambda : NAN;
    for (int i = 0; i < n; i++) v[i] = (float)(v[i] / vn);
    double h = 1e-3 * (scale > 1 ? scale : 1); /* |v| = 1 */
    for (int i = 0; i < n; i++) q[i] = (float)(p[i] + h * v[i]);
    lrp_model_loss_grad(m, q, gp, x, y, rows, ws, LRP_SIMD);
    for (int i = 0; i < n; i++) q[i] = (float)(p[i] - h * v[i]);
    lrp_model_loss_grad(m, q, gm, x, y, rows, ws, LRP_SIMD);
    double rq = 0;
    for (int i = 0; i < n; i++) {
      gm[i] = (float)((gp[i] - (double)gm[i]) / (2 * h)); /* (H v)_i */
      rq += (double)v[i] * gm[i];
    }
    lambda = rq; /* v^T H v with |v| = 1: the Rayleigh quotient */
    memcpy(v, gm, sizeof(float) * (size_t)n);
  }
  return lambda;
}
