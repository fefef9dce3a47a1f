/* run.c - the training loop over a surface: loss, rate and path per step,
   the divergence rule, and the run's fingerprint. No allocation. */
#include <math.h>
#include <string.h>

#include "lrp.h"
#include "simd.h"

int lrp_result_size(void) { return (int)sizeof(lrp_result); }

/* FNV-1a, 64 bits, taking the float32 bit patterns one 32-bit word at a
   time. NaNs are hashed as the one canonical quiet NaN: WebAssembly leaves a
   NaN's sign and payload to the engine. */
typedef struct fnv {
  uint64_t h;
} fnv;

static void fnv_floats(fnv *s, const float *x, int n) {
  for (int i = 0; i < n; i++) {
    uint32_t u = 0x7fc00000u;
    if (!isnan(x[i])) memcpy(&u, &x[i], sizeof u);
    s->h = (s->h ^ u) * 0x100000001b3ull;
  }
}

void lrp_fingerprint(uint32_t fp[2], const float *loss, int n_loss,
                     const double *lr, int n_lr, const float *path,
                     int n_path) {
  fnv s = {0xcbf29ce484222325ull};
  fnv_floats(&s, loss, n_loss);
  for (int t = 0; t < n_lr; t++) {
    float r = (float)lr[t];
    fnv_floats(&s, &r, 1);
  }
  fnv_floats(&s, path, 2 * n_path);
  fp[0] = (uint32_t)(s.h >> 32);
  fp[1] = (uint32_t)s.h;
}

static int diverged(float f) { return !isfinite(f) || f > LRP_DIVERGE_LOSS; }

int lrp_run(const lrp_config *cfg, float *loss, double *lr, float *path,
            lrp_result *res) {
  if (!cfg || !loss || !lr || !path || !res) return LRP_E_NULL;
  int err = lrp_config_check(cfg, NULL);
  if (err) return err;
  if (cfg->problem >= LRP_SURFACE_COUNT) return LRP_E_UNSUPPORTED;

  float p[2] = {(float)cfg->x0, (float)cfg->y0}, g[2];
  float state[3 * 2] = {0}; /* the largest optimizer state: amsgrad Adam */
  lrp_optim o;
  lrp_plateau pl;
  lrp_optim_init(&o, cfg);
  lrp_plateau_init(&pl, cfg);
  float cond = (float)cfg->cond;

  res->diverged_at = -1;
  int t = 0;
  for (;; t++) {
    float f = lrp_surface_eval(cfg->problem, cond, p, g);
    loss[t] = f;
    path[2 * t] = p[0];
    path[2 * t + 1] = p[1];
    if (diverged(f)) {
      res->diverged_at = t;
      break;
    }
    if (t == cfg->steps) break;
    /* ReduceLROnPlateau sees the loss after each update past the warm-up */
    if (cfg->sched == LRP_PLATEAU && t > cfg->warmup)
      lrp_plateau_observe(&pl, cfg, f);
    lr[t] = lrp_sched_lr(cfg, t, &pl);
    lrp_optim_update(&o, p, g, state, 2, lr[t], LRP_SIMD);
  }
  res->n_loss = t + 1;
  res->n_lr = t;
  uint32_t fp[2];
  lrp_fingerprint(fp, loss, res->n_loss, lr, res->n_lr, path, res->n_loss);
  res->fp_hi = fp[0];
  res->fp_lo = fp[1];
  return LRP_OK;
}
