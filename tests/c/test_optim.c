/* test_optim.c - optim.c against PyTorch 1.13's update rules, written here
   in double (torch.optim docs and _single_tensor_* of 1.13): the first three
   updates of every optimizer and option; the state block's length; and the
   SIMD kernels against their scalar twins, bit for bit. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "lrp.h"

static const struct optim_case {
  const char *name;
  int opt, amsgrad, bc;
  double wd, b2, eps;
} cases[] = {
    {"sgd", LRP_SGD, 0, 1, 0, 0.999, 1e-8},
    {"sgd wd", LRP_SGD, 0, 1, 0.1, 0.999, 1e-8},
    {"momentum", LRP_MOMENTUM, 0, 1, 0, 0.999, 1e-8},
    {"momentum wd", LRP_MOMENTUM, 0, 1, 0.1, 0.999, 1e-8},
    {"nesterov", LRP_NESTEROV, 0, 1, 0, 0.999, 1e-8},
    {"nesterov wd", LRP_NESTEROV, 0, 1, 0.1, 0.999, 1e-8},
    {"adagrad", LRP_ADAGRAD, 0, 1, 0, 0.999, 1e-10},
    {"adagrad wd", LRP_ADAGRAD, 0, 1, 0.1, 0.999, 1e-10},
    {"rmsprop", LRP_RMSPROP, 0, 1, 0, 0.999, 1e-8},
    {"rmsprop wd", LRP_RMSPROP, 0, 1, 0.1, 0.999, 1e-8},
    {"adam", LRP_ADAM, 0, 1, 0, 0.999, 1e-8},
    {"adam wd", LRP_ADAM, 0, 1, 0.1, 0.999, 1e-8},
    {"adamw wd 0.01", LRP_ADAMW, 0, 1, 0.01, 0.999, 1e-8},
    {"adamw wd 0.1", LRP_ADAMW, 0, 1, 0.1, 0.999, 1e-8},
    {"adamw wd 0", LRP_ADAMW, 0, 1, 0, 0.999, 1e-8},
    /* b2 0.5 lets v fall, so that amsgrad's maximum matters */
    {"adam amsgrad", LRP_ADAM, 1, 1, 0, 0.5, 1e-8},
    {"adam amsgrad wd", LRP_ADAM, 1, 1, 0.1, 0.5, 1e-8},
    {"adamw amsgrad", LRP_ADAMW, 1, 1, 0.1, 0.5, 1e-8},
    {"adam bc 0", LRP_ADAM, 0, 0, 0, 0.999, 1e-8},
    {"adamw bc 0", LRP_ADAMW, 0, 0, 0.1, 0.999, 1e-8},
    {"adam amsgrad bc 0", LRP_ADAM, 1, 0, 0.1, 0.5, 1e-8},
    /* a large eps, so that where it is added shows */
    {"adam eps 0.1", LRP_ADAM, 0, 1, 0, 0.999, 0.1},
    {"rmsprop eps 0.1", LRP_RMSPROP, 0, 1, 0, 0.999, 0.1},
};
#define N_CASES (int)(sizeof cases / sizeof cases[0])
#define MOMENTUM 0.9
#define ALPHA 0.9
#define B1 0.8

static lrp_config make(const struct optim_case *k) {
  lrp_config c;
  lrp_config_init(&c);
  c.opt = k->opt, c.amsgrad = k->amsgrad, c.bc = k->bc, c.wd = k->wd;
  c.momentum = MOMENTUM, c.alpha = ALPHA, c.b1 = B1, c.b2 = k->b2;
  c.eps = k->eps;
  return c;
}

/* The reference state, per element: velocity or square sum in s1; Adam's
   m, v, max v in s1, s2, s3. */
typedef struct ref {
  double p, s1, s2, s3;
} ref;

/* Update t (1-based) of one element at rate lr, as torch.optim 1.13. */
static void ref_update(const lrp_config *c, int t, ref *r, double g,
                       double lr) {
  double d = c->opt == LRP_ADAMW ? g : g + c->wd * r->p;
  switch (c->opt) {
    case LRP_SGD: r->p -= lr * d; break;
    case LRP_MOMENTUM:
    case LRP_NESTEROV: /* buf = d at the first step, then mu buf + d */
      r->s1 = t == 1 ? d : c->momentum * r->s1 + d;
      r->p -= lr * (c->opt == LRP_NESTEROV ? d + c->momentum * r->s1 : r->s1);
      break;
    case LRP_ADAGRAD: /* lr_decay 0, initial_accumulator_value 0 */
      r->s1 += d * d;
      r->p -= lr * d / (sqrt(r->s1) + c->eps);
      break;
    case LRP_RMSPROP: /* centered False, momentum 0 */
      r->s1 = c->alpha * r->s1 + (1 - c->alpha) * d * d;
      r->p -= lr * d / (sqrt(r->s1) + c->eps);
      break;
    default: { /* Adam, AdamW: max of the raw v; bias corrections at t */
      if (c->opt == LRP_ADAMW) r->p *= 1 - lr * c->wd;
      r->s1 = c->b1 * r->s1 + (1 - c->b1) * d;
      r->s2 = c->b2 * r->s2 + (1 - c->b2) * d * d;
      r->s3 = fmax(r->s3, r->s2);
      double bc1 = c->bc ? 1 - pow(c->b1, t) : 1;
      double bc2 = c->bc ? 1 - pow(c->b2, t) : 1;
      double v = c->amsgrad ? r->s3 : r->s2;
      r->p -= lr / bc1 * r->s1 / (sqrt(v) / sqrt(bc2) + c->eps);
    }
  }
}

/* Five elements: a SIMD body of four and a scalar tail of one. Gradients
   push most parameters away from zero, so that relative errors stay
   meaningful; their sizes fall on elements 1 and 2, which lowers v. */
enum { N = 5, STEPS3 = 3 };
static const double p0[N] = {1.0, -2.0, 0.5, 3.0, -0.75};
static const double grads[STEPS3][N] = {{-0.5, 1.0, -2.0, -0.1, 0.3},
                                        {-0.25, 0.5, -1.5, 0.3, 0.2},
                                        {-0.1, 1.0, -0.5, -0.05, 0.6}};
static const double rates[STEPS3] = {0.1, 0.05, 0.02};

static void test_first_steps(void) {
  for (int k = 0; k < N_CASES; k++) {
    lrp_config c = make(&cases[k]);
    for (int simd = 0; simd <= 1; simd++) {
      lrp_optim o;
      float p[N], g[N], state[3 * N] = {0};
      ref r[N] = {{0}};
      lrp_optim_init(&o, &c);
      for (int i = 0; i < N; i++) r[i].p = p[i] = (float)p0[i];
      for (int t = 1; t <= STEPS3; t++) {
        for (int i = 0; i < N; i++) {
          g[i] = (float)grads[t - 1][i];
          ref_update(&c, t, &r[i], g[i], rates[t - 1]);
        }
        lrp_optim_update(&o, p, g, state, N, rates[t - 1], simd);
        worst w = worst_init(1e-6, 0);
        for (int i = 0; i < N; i++) worst_add(&w, i, p[i], r[i].p);
        check_ctx("%s simd=%d update %d, element", cases[k].name, simd, t);
        CHECK_WORST(w);
      }
      check_ctx("%s simd=%d", cases[k].name, simd);
      CHECK_INT(o.t, STEPS3);
    }
  }
}

static void test_state_len(void) {
  static const struct {
    int opt, amsgrad, per_element;
  } lens[] = {{LRP_SGD, 0, 0},     {LRP_MOMENTUM, 0, 1}, {LRP_NESTEROV, 0, 1},
              {LRP_ADAGRAD, 0, 1}, {LRP_RMSPROP, 0, 1},  {LRP_ADAM, 0, 2},
              {LRP_ADAMW, 0, 2},   {LRP_ADAM, 1, 3},     {LRP_ADAMW, 1, 3}};
  for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
    lrp_config c;
    lrp_optim o;
    lrp_config_init(&c);
    c.opt = lens[k].opt, c.amsgrad = lens[k].amsgrad;
    lrp_optim_init(&o, &c);
    check_ctx("state_len opt %d amsgrad %d", lens[k].opt, lens[k].amsgrad);
    CHECK_INT(lrp_optim_state_len(&o, 37), lens[k].per_element * 37);
  }
  check_ctx("lrp_optim_size");
  CHECK_INT(lrp_optim_size(), (int)sizeof(lrp_optim));
}

/* Index of the first float of a (n) whose bits differ from b's, or -1. */
static long first_diff_at(const float *a, const float *b, int n) {
  long i = first_diff(a, b, sizeof(float) * (size_t)n);
  return i < 0 ? -1 : i / (long)sizeof(float);
}

/* 50 updates of n = 37 (nine SIMD blocks and a tail of one) from one
   random state, with simd 1 and 0: parameters and state must agree to the
   bit. */
static void simd_vs_scalar(const lrp_config *c) {
  enum { NS = 37, UPDATES = 50 };
  float p[2][NS], p_start[NS], s[2][3 * NS] = {{0}}, g[NS];
  lrp_optim o[2];
  uint64_t rng = 7;
  for (int i = 0; i < NS; i++)
    p_start[i] = p[0][i] = p[1][i] = (float)check_uniform(&rng, -3, 3);
  lrp_optim_init(&o[0], c);
  lrp_optim_init(&o[1], c);
  for (int t = 0; t < UPDATES; t++) {
    for (int i = 0; i < NS; i++) g[i] = (float)check_uniform(&rng, -2, 2);
    double lr = 0.001 + 0.01 * check_uniform(&rng, 0, 1);
    lrp_optim_update(&o[0], p[0], g, s[0], NS, lr, 1);
    lrp_optim_update(&o[1], p[1], g, s[1], NS, lr, 0);
  }
  check_ctx("simd vs scalar: opt %s wd %g amsgrad %d bc %d",
            lrp_enum_name(lrp_config_field_find("opt"), c->opt), c->wd,
            c->amsgrad, c->bc);
  CHECK_INT(first_diff_at(p[0], p[1], NS), -1);
  CHECK_INT(first_diff_at(s[0], s[1], 3 * NS), -1);
  CHECK_INT(o[0].t, o[1].t);
  CHECK(first_diff_at(p[0], p_start, NS) >= 0); /* it moved */
}

/* Every optimizer, with and without wd; Adam and AdamW with every amsgrad
   and bc. */
static void test_simd_vs_scalar(void) {
  for (int opt = 0; opt < LRP_OPT_COUNT; opt++) {
    int adam = opt == LRP_ADAM || opt == LRP_ADAMW;
    for (int wd = 0; wd <= 1; wd++)
      for (int ams = 0; ams <= adam; ams++)
        for (int bc = !adam; bc <= 1; bc++) {
          lrp_config c;
          lrp_config_init(&c);
          c.opt = opt, c.wd = 0.1 * wd, c.amsgrad = ams, c.bc = bc;
          c.momentum = MOMENTUM, c.alpha = ALPHA, c.b1 = B1, c.b2 = 0.9;
          simd_vs_scalar(&c);
        }
  }
}

void test_optim(void) {
  test_first_steps();
  test_state_len();
  test_simd_vs_scalar();
}
