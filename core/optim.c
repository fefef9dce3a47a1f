/* optim.c - torch.optim's update rules (PyTorch 1.13, single-tensor path,
   maximize=False, dampening=0, centered=False, lr_decay=0,
   initial_accumulator_value=0), elementwise over a flat float32 block.

   Every rule has a scalar twin (*_span) and a SIMD kernel (*_f4) that does
   the very same float32 operations in the same order, so the two agree to
   the bit; the SIMD kernel covers the multiple-of-four prefix, the twin the
   rest. Scalars are computed in double as PyTorch computes them in Python,
   then rounded to float32 where its kernels round them.
   reference: https://pytorch.org/docs/1.13/optim.html */
#include <math.h>

#include "lrp.h"
#include "simd.h"

/* The per-update constants, float32 as the kernels use them. */
typedef struct coef {
  float neg_lr, wd, mom, alpha, one_m_alpha, b1, one_m_b1, b2, one_m_b2,
      eps, bc2_sqrt, neg_step, decay;
} coef;

void lrp_optim_init(lrp_optim *o, const lrp_config *c) {
  o->kind = c->opt;
  o->amsgrad = c->amsgrad;
  o->bc = c->bc;
  o->momentum = c->momentum;
  o->alpha = c->alpha;
  o->b1 = c->b1;
  o->b2 = c->b2;
  o->eps = c->eps;
  o->wd = c->wd;
  o->t = 0;
  o->b1_t = o->b2_t = 1;
}

int lrp_optim_size(void) { return (int)sizeof(lrp_optim); }

int lrp_optim_state_len(const lrp_optim *o, int n) {
  switch (o->kind) {
    case LRP_SGD: return 0;
    case LRP_ADAM:
    case LRP_ADAMW: return (o->amsgrad ? 3 : 2) * n;
    default: return n;
  }
}

/* SGD, momentum and Nesterov: d = g + wd p; v = mom v + d;
   d = v (momentum) or d + mom v (nesterov); p -= lr d. The velocity starts
   at zero, which makes the first v equal d exactly as PyTorch's clone. */
static void sgd_span(const coef *c, int kind, float *p, const float *g,
                     float *v, int i, int n) {
  for (; i < n; i++) {
    float d = g[i] + c->wd * p[i];
    if (kind != LRP_SGD) {
      v[i] = v[i] * c->mom + d;
      d = kind == LRP_NESTEROV ? d + c->mom * v[i] : v[i];
    }
    p[i] = p[i] + c->neg_lr * d;
  }
}

/* Adagrad: s += g^2; p -= lr g / (sqrt(s) + eps). */
static void adagrad_span(const coef *c, float *p, const float *g, float *s,
                         int i, int n) {
  for (; i < n; i++) {
    float d = g[i] + c->wd * p[i];
    s[i] = s[i] + d * d;
    p[i] = p[i] + c->neg_lr * d / (sqrtf(s[i]) + c->eps);
  }
}

/* RMSprop: s = alpha s + (1 - alpha) g^2; p -= lr g / (sqrt(s) + eps). */
static void rmsprop_span(const coef *c, float *p, const float *g, float *s,
                         int i, int n) {
  for (; i < n; i++) {
    float d = g[i] + c->wd * p[i];
    s[i] = s[i] * c->alpha + c->one_m_alpha * d * d;
    p[i] = p[i] + c->neg_lr * d / (sqrtf(s[i]) + c->eps);
  }
}

/* Adam / AdamW: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
   vmax = max(vmax, v) with amsgrad; p -= (lr / bc1) m / (sqrt(v) / sqrt(bc2)
   + eps). AdamW first decays p by (1 - lr wd); Adam adds wd p to g. */
static void adam_span(const coef *c, int kind, int amsgrad, float *p,
                      const float *g, float *s, int n_all, int i, int n) {
  float *m = s, *v = s + n_all, *vmax = s + 2 * n_all;
  for (; i < n; i++) {
    float d = g[i];
    if (kind == LRP_ADAMW)
      p[i] = p[i] * c->decay;
    else
      d = d + c->wd * p[i];
    m[i] = m[i] * c->b1 + c->one_m_b1 * d;
    v[i] = v[i] * c->b2 + c->one_m_b2 * d * d;
    float vv = v[i];
    if (amsgrad) vv = vmax[i] = vmax[i] < vv ? vv : vmax[i];
    p[i] = p[i] + c->neg_step * m[i] / (sqrtf(vv) / c->bc2_sqrt + c->eps);
  }
}

#if LRP_SIMD
/* The SIMD kernels: the same operations as the twins above, four lanes at a
   time, over [0, n4). */
static void sgd_f4(const coef *c, int kind, float *p, const float *g,
                   float *v, int n4) {
  f4 wd = f4_set1(c->wd), mom = f4_set1(c->mom), nlr = f4_set1(c->neg_lr);
  for (int i = 0; i < n4; i += 4) {
    f4 pi = f4_load(p + i);
    f4 d = f4_add(f4_load(g + i), f4_mul(wd, pi));
    if (kind != LRP_SGD) {
      f4 vi = f4_add(f4_mul(f4_load(v + i), mom), d);
      f4_store(v + i, vi);
      d = kind == LRP_NESTEROV ? f4_add(d, f4_mul(mom, vi)) : vi;
    }
    f4_store(p + i, f4_add(pi, f4_mul(nlr, d)));
  }
}

static void adagrad_rmsprop_f4(const coef *c, int kind, float *p,
                               const float *g, float *s, int n4) {
  f4 wd = f4_set1(c->wd), nlr = f4_set1(c->neg_lr), eps = f4_set1(c->eps);
  f4 alpha = f4_set1(c->alpha), oma = f4_set1(c->one_m_alpha);
  for (int i = 0; i < n4; i += 4) {
    f4 pi = f4_load(p + i);
    f4 d = f4_add(f4_load(g + i), f4_mul(wd, pi));
    f4 si = f4_load(s + i);
    si = kind == LRP_ADAGRAD
             ? f4_add(si, f4_mul(d, d))
             : f4_add(f4_mul(si, alpha), f4_mul(f4_mul(oma, d), d));
    f4_store(s + i, si);
    f4 step = f4_div(f4_mul(nlr, d), f4_add(f4_sqrt(si), eps));
    f4_store(p + i, f4_add(pi, step));
  }
}

static void adam_f4(const coef *c, int kind, int amsgrad, float *p,
                    const float *g, float *s, int n_all, int n4) {
  float *m = s, *v = s + n_all, *vmax = s + 2 * n_all;
  f4 wd = f4_set1(c->wd), decay = f4_set1(c->decay);
  f4 b1 = f4_set1(c->b1), omb1 = f4_set1(c->one_m_b1);
  f4 b2 = f4_set1(c->b2), omb2 = f4_set1(c->one_m_b2);
  f4 bc2 = f4_set1(c->bc2_sqrt), eps = f4_set1(c->eps);
  f4 nstep = f4_set1(c->neg_step);
  for (int i = 0; i < n4; i += 4) {
    f4 pi = f4_load(p + i), d = f4_load(g + i);
    if (kind == LRP_ADAMW)
      pi = f4_mul(pi, decay);
    else
      d = f4_add(d, f4_mul(wd, pi));
    f4 mi = f4_add(f4_mul(f4_load(m + i), b1), f4_mul(omb1, d));
    f4 vi = f4_add(f4_mul(f4_load(v + i), b2), f4_mul(f4_mul(omb2, d), d));
    f4_store(m + i, mi);
    f4_store(v + i, vi);
    if (amsgrad) {
      vi = f4_max(f4_load(vmax + i), vi);
      f4_store(vmax + i, vi);
    }
    f4 den = f4_add(f4_div(f4_sqrt(vi), bc2), eps);
    f4_store(p + i, f4_add(pi, f4_div(f4_mul(nstep, mi), den)));
  }
}
#endif

static coef make_coef(const lrp_optim *o, double lr) {
  coef c;
  /* b^t as running products (o->t already counts this update): their
     relative error, at most t * 1.1e-16, stays far below the float32
     rounding these scalars then get, at a fraction of pow's cost a step */
  double bc1 = o->bc ? 1.0 - o->b1_t : 1.0;
  double bc2 = o->bc ? 1.0 - o->b2_t : 1.0;
  int coupled = o->kind != LRP_ADAMW;
  c.neg_lr = (float)-lr;
  c.wd = coupled ? (float)o->wd : 0.0f;
  c.mom = (float)o->momentum;
  c.alpha = (float)o->alpha;
  c.one_m_alpha = (float)(1.0 - o->alpha);
  c.b1 = (float)o->b1;
  c.one_m_b1 = (float)(1.0 - o->b1);
  c.b2 = (float)o->b2;
  c.one_m_b2 = (float)(1.0 - o->b2);
  c.eps = (float)o->eps;
  c.bc2_sqrt = (float)sqrt(bc2);
  c.neg_step = (float)-(lr / bc1);
  c.decay = (float)(1.0 - lr * o->wd);
  return c;
}

void lrp_optim_update(lrp_optim *o, float *p, const float *g, float *s,
                      int n, double lr, int simd) {
  o->t++;
  o->b1_t *= o->b1;
  o->b2_t *= o->b2;
  coef c = make_coef(o, lr);
  int n4 = 0;
#if LRP_SIMD
  if (simd) n4 = n & ~3;
#else
  (void)simd;
#endif
  switch (o->kind) {
    case LRP_SGD:
    case LRP_MOMENTUM:
    case LRP_NESTEROV:
#if LRP_SIMD
      sgd_f4(&c, o->kind, p, g, s, n4);
#endif
      sgd_span(&c, o->kind, p, g, s, n4, n);
      break;
    case LRP_ADAGRAD:
    case LRP_RMSPROP:
#if LRP_SIMD
      adagrad_rmsprop_f4(&c, o->kind, p, g, s, n4);
#endif
      if (o->kind == LRP_ADAGRAD)
        adagrad_span(&c, p, g, s, n4, n);
      else
        rmsprop_span(&c, p, g, s, n4, n);
      break;
    default:
#if LRP_SIMD
      adam_f4(&c, o->kind, o->amsgrad, p, g, s, n, n4);
#endif
      adam_span(&c, o->kind, o->amsgrad, p, g, s, n, n4, n);
      break;
  }
}
