/* data.c - the sample data sets of PRESET.md, generated from the seed.
   Classification sets are 2-D with labels 0 and 1 (classes alternate by
   index, so every split is close to balanced); regression sets are 1-D.
   Inputs lie roughly in [-1.5, 1.5]; noise is a normal draw of that standard
   deviation added to each input (to the target for regression). */
#include <math.h>

#include "lrp.h"

static const double PI = 3.14159265358979323846;

int lrp_data_dim(int data) { return data >= LRP_LINE ? 1 : 2; }

int lrp_data_is_classification(int data) { return data < LRP_LINE; }

/* One point of class c (0 or 1) into xy (2), noise-free. */
static void point(int data, int c, lrp_rng *r, double *xy) {
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
    case LRP_SPIRAL: /* two arms, one and three quarter turns */
      v = 3.5 * PI * u + c * PI;
      xy[0] = 1.2 * u * cos(v);
      xy[1] = 1.2 * u * sin(v);
      break;
    case LRP_XOR: /* the quadrant decides: drawn until it is c's */
      do {
        xy[0] = 2 * lrp_rng_uniform(r) - 1;
        xy[1] = 2 * lrp_rng_uniform(r) - 1;
      } while ((xy[0] * xy[1] > 0) != c);
      break;
    default: /* LRP_BLOBS: two round clusters */
      xy[0] = (c ? 0.7 : -0.7) + 0.25 * lrp_rng_normal(r);
      xy[1] = (c ? 0.7 : -0.7) + 0.25 * lrp_rng_normal(r);
      break;
  }
}

void lrp_data_make(float *x, float *y, int data, int n, double noise,
                   uint32_t seed) {
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
      int c = i & 1;
      point(data, c, &r, xy);
      x[2 * i] = (float)(xy[0] + noise * lrp_rng_normal(&r));
      x[2 * i + 1] = (float)(xy[1] + noise * lrp_rng_normal(&r));
      y[i] = (float)c;
    }
  }
}
