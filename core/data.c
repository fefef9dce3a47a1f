/* data.c - the sample data sets of PRESET.md, generated from the seed.
   Classification sets are 2-D with labels 0 .. k-1 (classes alternate by
   index, so every split is close to balanced; k = 2 but for blobs and
   spiral, which take k up to 8); regression sets are 1-D. A user's own
   data (LRP_OWN) come from outside: lrp_config_dim and lrp_config_classes
   say what they are.
   Inputs lie roughly in [-1.5, 1.5]; noise is a normal draw of that standard
   deviation added to each input (to the target for regression). */
#include <math.h>

#include "lrp.h"

static const double PI = 3.14159265358979323846;

int lrp_data_dim(int data) { return data >= LRP_LINE ? 1 : 2; }

int lrp_data_is_classification(int data) { return data < LRP_LINE; }

int lrp_data_classes_ok(int data, int classes) {
  if (data == LRP_OWN) return classes == 0 || (classes >= 2 && classes <= LRP_MAX_CLASSES);
  if (data == LRP_BLOBS || data == LRP_SPIRAL) return classes >= 2 && classes <= LRP_MAX_CLASSES;
  return classes == 2; /* the default, which regression sets ignore */
}

int lrp_config_classes(const lrp_config *c) {
  if (c->data == LRP_OWN) return c->classes;
  return lrp_data_is_classification(c->data) ? c->classes : 0;
}

int lrp_config_dim(const lrp_config *c) {
  return c->data == LRP_OWN ? (c->classes ? 2 : 1) : lrp_data_dim(c->data);
}

/* One point of class c (0 .. k-1) into xy (2), noise-free. */
static void point(int data, int c, int k, lrp_rng *r, double *xy) {
  double u = lrp_rng_uniform(r), v;
  switch (data) {
    case LRP_MOONS: /* two crescents that interlock without overlapping
                       (scikit-learn's make_moons, the lower one 0.5 lower):
                       a linear boundary gets about 95% right, not all */
      xy[0] = c ? 1 - cos(PI * u) - 0.5 : cos(PI * u) - 0.5;
      xy[1] = c ? -sin(PI * u) : sin(PI * u);
      break;
    case LRP_CIRCLES: /* radius 1 around radius 0.5 */
      xy[0] = (c ? 0.5 : 1.0) * cos(2 * PI * u);
      xy[1] = (c ? 0.5 : 1.0) * sin(2 * PI * u);
      break;
    case LRP_SPIRAL: /* k arms, one and three quarter turns */
      v = 3.5 * PI * u + (k == 2 ? c * PI : 2 * PI * c / k);
      xy[0] = 1.2 * u * cos(v);
      xy[1] = 1.2 * u * sin(v);
      break;
    case LRP_XOR: /* the quadrant decides: drawn until it is c's */
      do {
        xy[0] = 2 * lrp_rng_uniform(r) - 1;
        xy[1] = 2 * lrp_rng_uniform(r) - 1;
      } while ((xy[0] * xy[1] > 0) != c);
      break;
    default: /* LRP_BLOBS: two round clusters; k > 2 on a circle */
      if (k > 2) {
        v = 2 * PI * c / k + PI / 4;
        xy[0] = cos(v) + 0.25 * lrp_rng_normal(r);
        xy[1] = sin(v) + 0.25 * lrp_rng_normal(r);
        break;
      }
      xy[0] = (c ? 0.7 : -0.7) + 0.25 * lrp_rng_normal(r);
      xy[1] = (c ? 0.7 : -0.7) + 0.25 * lrp_rng_normal(r);
      break;
  }
}

void lrp_data_make(float *x, float *y, int data, int n, double noise,
                   uint32_t seed) {
  lrp_data_make_classes(x, y, data, 2, n, noise, seed);
}

void lrp_data_make_classes(float *x, float *y, int data, int k, int n,
                           double noise, uint32_t seed) {
  lrp_rng r;
  lrp_rng_seed(&r, seed, LRP_STREAM_DATA);
  for (int i = 0; i < n; i++) {
    if (lrp_data_dim(data) == 1) {
      double u = 2 * lrp_rng_uniform(&r) - 1;
      double f = data == LRP_LINE ? 1.5 * u - 0.5 : sin(PI * u);
      x[i] = (float)u;
      y[i] = (float)(f + noise * lrp_rng_normal(&r));
    } else {
      double xy[2];
      int c = k == 2 ? i & 1 : i % k;
      point(data, c, k, &r, xy);
      x[2 * i] = (float)(xy[0] + noise * lrp_rng_normal(&r));
      x[2 * i + 1] = (float)(xy[1] + noise * lrp_rng_normal(&r));
      y[i] = (float)c;
    }
  }
}
