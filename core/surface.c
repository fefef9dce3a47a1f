/* surface.c - the six 2-D test functions of PRESET.md, in float32, with
   analytic gradients (checked against central differences in the C tests). */
#include "lrp.h"

#include <math.h>

static const double starts[LRP_SURFACE_COUNT][2] = {
    {-4, 2}, {-1.5, 2}, {1, 1.5}, {0, -4}, {2, 0}, {2, 1}};

void lrp_surface_start(int problem, double *xy) {
  if (problem < 0 || problem >= LRP_SURFACE_COUNT) problem = LRP_ROSENBROCK;
  xy[0] = starts[problem][0];
  xy[1] = starts[problem][1];
}

/* Each returns f(x, y) and writes (df/dx, df/dy) into d. */
static float quadratic(float x, float y, float cond, float *d) {
  d[0] = x;
  d[1] = cond * y;
  return 0.5f * (x * x + cond * y * y);
}

static float rosenbrock(float x, float y, float cond, float *d) {
  (void)cond;
  float a = 1 - x, b = y - x * x;
  d[0] = -2 * a - 400 * x * b;
  d[1] = 200 * b;
  return a * a + 100 * b * b;
}

static float beale(float x, float y, float cond, float *d) {
  (void)cond;
  float y2 = y * y, y3 = y2 * y;
  float a = 1.5f - x + x * y, b = 2.25f - x + x * y2, c = 2.625f - x + x * y3;
  d[0] = 2 * a * (y - 1) + 2 * b * (y2 - 1) + 2 * c * (y3 - 1);
  d[1] = 2 * a * x + 4 * b * x * y + 6 * c * x * y2;
  return a * a + b * b + c * c;
}

static float himmelblau(float x, float y, float cond, float *d) {
  (void)cond;
  float a = x * x + y - 11, b = x + y * y - 7;
  d[0] = 4 * x * a + 2 * b;
  d[1] = 2 * a + 4 * y * b;
  return a * a + b * b;
}

static float saddle(float x, float y, float cond, float *d) {
  (void)cond;
  float y2 = y * y;
  d[0] = 2 * x;
  d[1] = y2 * y - y;
  return x * x + y2 * y2 / 4 - y2 / 2;
}

static float wells(float x, float y, float cond, float *d) {
  (void)cond;
  float a = x * x - 1;
  d[0] = 4 * x * a + 0.3f;
  d[1] = y;
  return a * a + 0.3f * x + 0.5f * y * y;
}

typedef float (*surface_fn)(float x, float y, float cond, float *d);
static const surface_fn surfaces[LRP_SURFACE_COUNT] = {
    quadratic, rosenbrock, beale, himmelblau, saddle, wells};

float lrp_surface_eval(int problem, float cond, const float *p, float *dp) {
  float scratch[2];
  if (problem < 0 || problem >= LRP_SURFACE_COUNT || !p) return NAN;
  return surfaces[problem](p[0], p[1], cond, dp ? dp : scratch);
}

int lrp_surface_grid(float *out, int problem, double cond, double x_lo,
                     double x_hi, double y_lo, double y_hi, int nx, int ny) {
  if (!out) return LRP_E_NULL;
  if (problem < 0 || problem >= LRP_SURFACE_COUNT) return LRP_E_ENUM;
  if (nx < 2 || ny < 2 || nx > 4096 || ny > 4096) return LRP_E_RANGE;
  float d[2];
  for (int j = 0; j < ny; j++) {
    float y = (float)(y_lo + (y_hi - y_lo) * j / (ny - 1));
    for (int i = 0; i < nx; i++) {
      float x = (float)(x_lo + (x_hi - x_lo) * i / (nx - 1));
      out[j * nx + i] = surfaces[problem](x, y, (float)cond, d);
    }
  }
  return LRP_OK;
}
