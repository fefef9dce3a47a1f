/* test_model.c - model.c against a double-precision forward pass written
   here from lrp.h's layout (per layer W (in, out) row-major, then b (out);
   BCE from the logit, softmax cross-entropy over k logits, MSE): the loss, the gradient against central
   differences (of the core's own float loss and of the double loss), the
   SIMD kernels against their scalar twins to the bit, the initial weights'
   limits, evaluation and prediction. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lrp.h"

#define MAXW 64
#define ROWS 13  /* odd: the row-wise SIMD loss has a scalar tail */
#define ROWS4 40 /* a multiple of four */

static const char *const act_names[] = {"tanh", "relu", "sigmoid"};

/* A model under test: linreg, logreg, or an mlp of these widths. */
typedef struct model_case {
  int problem, data, n_hidden, hidden[LRP_MAX_HIDDEN], act, classes;
} model_case;

static lrp_config config_of(const model_case *mc) {
  lrp_config c;
  lrp_config_init(&c);
  c.problem = mc->problem, c.data = mc->data, c.act = mc->act;
  c.classes = mc->classes ? mc->classes : 2;
  c.n_hidden = mc->n_hidden ? mc->n_hidden : 1;
  for (int l = 0; l < mc->n_hidden; l++) c.hidden[l] = mc->hidden[l];
  return c;
}

static void describe(const model_case *mc, char *out, size_t len) {
  static const char *const problems[] = {"linreg", "logreg", "mlp"};
  int at = snprintf(out, len, "%s %s", problems[mc->problem - LRP_LINREG],
                    mc->data == LRP_MOONS    ? "moons"
                    : mc->data == LRP_LINE   ? "line"
                    : mc->data == LRP_BLOBS  ? "blobs"
                    : mc->data == LRP_SPIRAL ? "spiral"
                                             : "sine");
  if (mc->classes > 2) at += snprintf(out + at, len - (size_t)at, " k=%d", mc->classes);
  for (int l = 0; l < mc->n_hidden; l++)
    at += snprintf(out + at, len - (size_t)at, "%s%d", l ? "," : " hidden ",
                   mc->hidden[l]);
  if (mc->problem == LRP_MLP)
    snprintf(out + at, len - (size_t)at, " %s", act_names[mc->act]);
}

/* The reference: mean loss in double at parameters p (n_params); unless
   NULL, signs (rows * hidden units) receives whether each hidden
   pre-activation is positive (to see relu's kinks) and z_out (rows) the
   output (with softmax, predict's 2 c + p). */
static double ref_loss(const lrp_model *m, const double *p, const float *x,
                       const float *y, int rows, unsigned char *signs,
                       double *z_out) {
  double sum = 0;
  for (int r = 0; r < rows; r++) {
    double in[MAXW], out[MAXW];
    for (int i = 0; i < m->width[0]; i++) in[i] = x[r * m->width[0] + i];
    const double *pl = p;
    for (int l = 0; l < m->n_layers; l++) {
      int I = m->width[l], O = m->width[l + 1];
      for (int o = 0; o < O; o++) {
        double acc = pl[I * O + o];
        for (int i = 0; i < I; i++) acc += in[i] * pl[i * O + o];
        out[o] = acc;
      }
      pl += (I + 1) * O;
      for (int o = 0; l + 1 < m->n_layers && o < O; o++) {
        if (signs) *signs++ = out[o] > 0;
        out[o] = m->act == LRP_TANH   ? tanh(out[o])
                 : m->act == LRP_RELU ? fmax(out[o], 0)
                                      : 1 / (1 + exp(-out[o]));
      }
      memcpy(in, out, sizeof(double) * O);
    }
    double z = in[0], yr = y[r];
    if (m->softmax) { /* log-sum-exp about the largest logit */
      int k = m->width[m->n_layers], c = 0;
      double s = 0;
      for (int j = 1; j < k; j++) c = in[j] > in[c] ? j : c;
      for (int j = 0; j < k; j++) s += exp(in[j] - in[c]);
      if (z_out) z_out[r] = 2 * c + 1 / s;
      sum += log(s) - (in[(int)yr] - in[c]);
      continue;
    }
    if (z_out) z_out[r] = z;
    sum += m->bce ? fmax(z, 0) - z * yr + log1p(exp(-fabs(z)))
                  : (z - yr) * (z - yr);
  }
  return sum / rows;
}

/* A reproducible test point: the seeded initial weights with every bias
   (and every parameter of a linear model) drawn in [-0.5, 0.5]. */
static void test_params(const lrp_model *m, float *p, uint64_t *rng) {
  lrp_model_init_params(m, p, 11);
  float *pl = p;
  for (int l = 0; l < m->n_layers; l++) {
    int I = m->width[l], O = m->width[l + 1];
    for (int k = 0; k < (I + 1) * O; k++)
      if (m->act < 0 || k >= I * O)
        pl[k] = (float)check_uniform(rng, -0.5, 0.5);
    pl += (I + 1) * O;
  }
}

static float *ws_for(const lrp_model *m, int rows) {
  return malloc(sizeof(float) * lrp_model_ws_len(m, rows));
}

static double loss_f(const lrp_model *m, const float *p, const float *x,
                     const float *y, int rows, int simd) {
  float *ws = ws_for(m, rows);
  double l = lrp_model_loss_grad(m, p, NULL, x, y, rows, ws, simd);
  free(ws);
  return l;
}

#define SIGNS (ROWS * LRP_MAX_HIDDEN * MAXW)

/* The reference loss with parameter k set to v; *kink is set when a relu
   pre-activation changes sign against `signs` (those at p). */
static double ref_at(const lrp_model *m, double *pd, int k, double v,
                     const float *x, const float *y, const unsigned char *signs,
                     int *kink) {
  unsigned char s[SIGNS];
  double keep = pd[k];
  pd[k] = v;
  double f = ref_loss(m, pd, x, y, ROWS, s, NULL);
  pd[k] = keep;
  if (m->act == LRP_RELU &&
      memcmp(s, signs, (size_t)ROWS * (m->activations - m->width[m->n_layers])))
    *kink = 1;
  return f;
}

/* The gradient against central differences: of the core's own float loss
   (step 3e-3, a float32 tolerance) and of the double reference (step 1e-6
   relative, a tight one). A relu parameter whose steps cross a kink is
   skipped; few may be. */
static void check_gradient(const lrp_model *m, const float *p, const float *x,
                           const float *y) {
  int P = m->n_params, skipped = 0;
  float *dp = malloc(sizeof(float) * P), *q = malloc(sizeof(float) * P);
  double *pd = malloc(sizeof(double) * P);
  float *ws = ws_for(m, ROWS);
  unsigned char signs[SIGNS];
  for (int k = 0; k < P; k++) pd[k] = p[k];
  double f = lrp_model_loss_grad(m, p, dp, x, y, ROWS, ws, 1);
  CHECK_NEAR(f, ref_loss(m, pd, x, y, ROWS, signs, NULL), 1e-5, 0);
  CHECK_EXACT(loss_f(m, p, x, y, ROWS, 1), f); /* dp NULL: the same loss */
  worst wf = worst_init(2e-3, 1e-4), wd = worst_init(1e-4, 1e-6);
  memcpy(q, p, sizeof(float) * P);
  for (int k = 0; k < P; k++) {
    float hi = p[k] + 3e-3f, lo = p[k] - 3e-3f;
    double h = 1e-6 * fmax(1, fabs(p[k]));
    int kink = 0;
    ref_at(m, pd, k, hi, x, y, signs, &kink);
    ref_at(m, pd, k, lo, x, y, signs, &kink);
    double rp = ref_at(m, pd, k, pd[k] + h, x, y, signs, &kink);
    double rm = ref_at(m, pd, k, pd[k] - h, x, y, signs, &kink);
    if (kink) {
      skipped++;
      continue;
    }
    q[k] = hi;
    double fp = loss_f(m, q, x, y, ROWS, 1);
    q[k] = lo;
    double fm = loss_f(m, q, x, y, ROWS, 1);
    q[k] = p[k];
    worst_add(&wf, k, dp[k], (fp - fm) / ((double)hi - lo));
    worst_add(&wd, k, dp[k], (rp - rm) / (2 * h));
  }
  CHECK(skipped <= P / 10);
  if (wf.at >= 0) CHECK_WORST(wf);
  if (wd.at >= 0) CHECK_WORST(wd);
  free(dp), free(q), free(pd), free(ws);
}

/* simd = 1 and its scalar twin give the same bits: loss and gradient, with
   and without dp. */
static void check_twins(const lrp_model *m, const float *p, const float *x,
                        const float *y, int rows) {
  int P = m->n_params;
  float *d1 = malloc(sizeof(float) * P), *d0 = malloc(sizeof(float) * P);
  float *ws = ws_for(m, rows);
  double l1 = lrp_model_loss_grad(m, p, d1, x, y, rows, ws, 1);
  double l0 = lrp_model_loss_grad(m, p, d0, x, y, rows, ws, 0);
  CHECK_INT(first_diff(&l1, &l0, sizeof l1), -1);
  CHECK_INT(first_diff(d1, d0, sizeof(float) * P), -1);
  l1 = lrp_model_loss_grad(m, p, NULL, x, y, rows, ws, 1);
  CHECK_INT(first_diff(&l1, &l0, sizeof l1), -1);
  free(d1), free(d0), free(ws);
}

/* eval: the mean loss of loss_grad (same sum), the same in any chunking,
   and the count of rows whose logit's sign matches the label; predict: the
   probability (or the prediction) of the double reference. */
static void check_eval_predict(const lrp_model *m, const float *p,
                               const float *x, const float *y, int rows) {
  int P = m->n_params, right = -1, right5 = -1, right0 = -1;
  double *pd = malloc(sizeof(double) * P), *z = malloc(sizeof(double) * rows);
  float *out = malloc(sizeof(float) * rows),
        *logit = malloc(sizeof(float) * rows);
  for (int k = 0; k < P; k++) pd[k] = p[k];
  double want = ref_loss(m, pd, x, y, rows, NULL, z);
  int wr = lrp_model_rows(rows);
  float *ws = ws_for(m, wr), *ws5 = ws_for(m, 5);
  double f = lrp_model_eval(m, p, x, y, rows, ws, wr, &right, 1);
  CHECK_NEAR(f, want, 1e-5, 0);
  CHECK_EXACT(f, loss_f(m, p, x, y, rows, 1));
  double f5 = lrp_model_eval(m, p, x, y, rows, ws5, 5, &right5, 1);
  double f0 = lrp_model_eval(m, p, x, y, rows, ws, wr, &right0, 0);
  CHECK_INT(first_diff(&f5, &f, sizeof f), -1);
  CHECK_INT(first_diff(&f0, &f, sizeof f), -1);
  CHECK_INT(right5, right);
  CHECK_INT(right0, right);
  CHECK_EXACT(lrp_model_eval(m, p, x, y, rows, ws, wr, NULL, 1), f);
  lrp_model raw = *m; /* the same network with its output read raw */
  raw.bce = 0;
  lrp_model_predict(&raw, p, x, rows, logit, ws, wr, 1);
  lrp_model_predict(m, p, x, rows, out, ws5, 5, 1);
  int agree = 0, in_unit = 1;
  worst wp = worst_init(1e-5, 1e-6);
  for (int r = 0; r < rows; r++) {
    agree += m->softmax ? (int)(out[r] / 2) == (int)y[r] : (logit[r] > 0) == (y[r] > 0.5f);
    in_unit &= m->softmax ? out[r] - 2 * (int)(out[r] / 2) >= 1.0f / m->width[m->n_layers] - 1e-6f
                          : out[r] >= 0 && out[r] <= 1;
    worst_add(&wp, r, out[r], m->bce ? 1 / (1 + exp(-z[r])) : z[r]);
  }
  if (m->bce || m->softmax) {
    CHECK_INT(right, agree);
    CHECK(in_unit);
  }
  CHECK_WORST(wp);
  lrp_model_predict(m, p, x, rows, logit, ws, wr, 0);
  CHECK_INT(first_diff(logit, out, sizeof(float) * rows), -1);
  free(pd), free(z), free(out), free(logit), free(ws), free(ws5);
}

static model_case cases[64];

/* linreg, logreg, and every mlp shape with every activation on a
   classification and a regression set. */
static int make_cases(void) {
  static const int shapes[][4] = {/* n_hidden, widths */
                                  {1, 3},
                                  {2, 8, 5},
                                  {3, 4, 7, 6},
                                  {1, 1},
                                  {2, 12, 16},
                                  /* 16-column blocks with tails */
                                  {3, 20, 33, 17}};
  int n = 0;
  cases[n++] = (model_case){LRP_LINREG, LRP_LINE, 0, {0}, LRP_TANH, 2};
  cases[n++] = (model_case){LRP_LOGREG, LRP_MOONS, 0, {0}, LRP_TANH, 2};
  for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
    for (int act = 0; act < LRP_ACT_COUNT; act++)
      for (int k = 0; k < 2; k++) {
        model_case mc = {LRP_MLP,
                         k ? LRP_SINE : LRP_MOONS,
                         shapes[s][0],
                         {shapes[s][1], shapes[s][2], shapes[s][3]},
                         act, 2};
        cases[n++] = mc;
      }
  /* softmax over k classes: softmax regression and mlps, 16-column tails */
  cases[n++] = (model_case){LRP_LOGREG, LRP_BLOBS, 0, {0}, LRP_TANH, 3};
  cases[n++] = (model_case){LRP_MLP, LRP_SPIRAL, 2, {8, 5}, LRP_TANH, 5};
  cases[n++] = (model_case){LRP_MLP, LRP_BLOBS, 3, {20, 33, 17}, LRP_RELU, 8};
  cases[n++] = (model_case){LRP_MLP, LRP_SPIRAL, 1, {1}, LRP_SIGMOID, 4};
  /* logits left over by blocks of four, across rows: three of them alone,
     and three after a block, from 20 inputs (a block of 16 and one of 4) */
  cases[n++] = (model_case){LRP_MLP, LRP_BLOBS, 1, {8}, LRP_TANH, 3};
  cases[n++] = (model_case){LRP_MLP, LRP_SPIRAL, 2, {12, 20}, LRP_TANH, 7};
  return n;
}

/* lrp_model_init: the widths, the loss and the parameter count. */
static void check_shape(const lrp_model *m, const model_case *mc) {
  int cls = mc->data != LRP_LINE && mc->data != LRP_SINE, k = mc->classes;
  int d = cls ? 2 : 1, params = 0, in = d, out = k > 2 ? k : 1;
  CHECK_INT(m->width[0], d);
  CHECK_INT(m->n_layers, mc->n_hidden + 1);
  CHECK_INT(m->bce, cls && k <= 2);
  CHECK_INT(m->softmax, k > 2);
  CHECK_INT(m->act, mc->problem == LRP_MLP ? mc->act : -1);
  for (int l = 0; l < mc->n_hidden; l++) {
    CHECK_INT(m->width[l + 1], mc->hidden[l]);
    params += (in + 1) * mc->hidden[l];
    in = mc->hidden[l];
  }
  CHECK_INT(m->width[m->n_layers], out);
  CHECK_INT(m->n_params, params + (in + 1) * out);
}

static void test_models(void) {
  int n = make_cases();
  uint64_t rng = 2024;
  for (int c = 0; c < n; c++) {
    const model_case *mc = &cases[c];
    char name[96];
    describe(mc, name, sizeof name);
    lrp_config cfg = config_of(mc);
    lrp_model m;
    check_ctx("%s: config", name);
    CHECK_INT(lrp_config_check(&cfg, NULL), LRP_OK);
    CHECK_INT(lrp_model_init(&m, &cfg), LRP_OK);
    check_ctx("%s: shape", name);
    check_shape(&m, mc);
    int d = m.width[0];
    float *x = malloc(sizeof(float) * ROWS4 * d),
          *y = malloc(sizeof(float) * ROWS4);
    float *p = malloc(sizeof(float) * m.n_params);
    lrp_data_make_classes(x, y, mc->data, mc->classes ? mc->classes : 2, ROWS4, 0.2,
                          (uint32_t)c + 1);
    test_params(&m, p, &rng);
    check_ctx("%s: gradient", name);
    check_gradient(&m, p, x, y);
    check_ctx("%s: simd twins, %d rows", name, ROWS);
    check_twins(&m, p, x, y, ROWS);
    check_ctx("%s: simd twins, %d rows", name, ROWS4);
    check_twins(&m, p, x, y, ROWS4);
    check_ctx("%s: eval and predict", name);
    check_eval_predict(&m, p, x, y, ROWS4);
    free(x), free(y), free(p);
  }
}

/* Glorot-uniform limits sqrt(6 / (in + out)), He-uniform sqrt(6 / in) for
   relu, zero biases, zero linear models; the same weights for the same
   seed, others for another; a wide layer's weights spread uniformly. */
static void test_init_params(void) {
  static const model_case inits[] = {
      {LRP_LINREG, LRP_LINE, 0, {0}, LRP_TANH, 2},
      {LRP_LOGREG, LRP_MOONS, 0, {0}, LRP_TANH, 2},
      {LRP_MLP, LRP_MOONS, 2, {64, 64}, LRP_TANH, 2},
      {LRP_MLP, LRP_MOONS, 2, {64, 64}, LRP_RELU, 2},
      {LRP_MLP, LRP_SINE, 3, {3, 8, 5}, LRP_SIGMOID, 2},
      {LRP_MLP, LRP_MOONS, 1, {1}, LRP_RELU, 2},
  };
  for (size_t c = 0; c < sizeof inits / sizeof inits[0]; c++) {
    const model_case *mc = &inits[c];
    char name[96];
    describe(mc, name, sizeof name);
    lrp_config cfg = config_of(mc);
    lrp_model m;
    lrp_model_init(&m, &cfg);
    int P = m.n_params;
    float *a = malloc(sizeof(float) * P), *b = malloc(sizeof(float) * P),
          *o = malloc(sizeof(float) * P);
    lrp_model_init_params(&m, a, 5);
    lrp_model_init_params(&m, b, 5);
    lrp_model_init_params(&m, o, 6);
    check_ctx("%s: init deterministic", name);
    CHECK_INT(first_diff(a, b, sizeof(float) * P), -1);
    const float *pl = a, *ol = o;
    for (int l = 0; l < m.n_layers; l++) {
      int I = m.width[l], O = m.width[l + 1], differ = 0, zero_b = 1;
      double limit = mc->problem != LRP_MLP ? 0
                     : mc->act == LRP_RELU  ? sqrt(6.0 / I)
                                            : sqrt(6.0 / (I + O));
      double big = 0, s1 = 0, s2 = 0;
      for (int k = 0; k < I * O; k++) {
        big = fmax(big, fabs(pl[k]));
        s1 += pl[k], s2 += (double)pl[k] * pl[k];
        differ += pl[k] != ol[k];
      }
      for (int k = I * O; k < (I + 1) * O; k++) zero_b &= pl[k] == 0.0f;
      check_ctx("%s: init layer %d (%d x %d), limit %g", name, l, I, O, limit);
      CHECK(big <= limit * (1 + 1e-7));
      CHECK(zero_b);
      if (limit > 0 && I * O >= 8) {
        CHECK(big >= 0.5 * limit);
        CHECK(differ >= I * O - 1);
      }
      if (I * O >= 1000) {
        int n = I * O;
        double sd = limit / sqrt(3.0);
        CHECK_NEAR(s1 / n, 0, 0, 5 * sd / sqrt(n));
        CHECK_NEAR(s2 / n, sd * sd, 0.1, 0);
      }
      pl += (I + 1) * O;
      ol += (I + 1) * O;
    }
    free(a), free(b), free(o);
  }
}

/* The binary cross-entropy of a confident, right logit z is log(1 +
   exp(-z)), about exp(-z): PyTorch's log1p keeps it to float precision. */
static void test_confident_bce(void) {
  model_case mc = {LRP_LOGREG, LRP_MOONS, 0, {0}, LRP_TANH, 2};
  lrp_config cfg = config_of(&mc);
  lrp_model m;
  lrp_model_init(&m, &cfg);
  float x[2 * ROWS], y[ROWS], p[3] = {0, 0, 0}, *ws = ws_for(&m, ROWS);
  lrp_data_make(x, y, LRP_MOONS, ROWS, 0.1, 1);
  for (int r = 0; r < ROWS; r++) y[r] = 1;
  worst w = worst_init(1e-5, 0);
  for (int k = 0; k <= 120; k++) {
    p[2] = 0.25f * k; /* the bias: the logit of every row */
    double f = lrp_model_loss_grad(&m, p, NULL, x, y, ROWS, ws, 1);
    worst_add(&w, k, f, log1p(exp(-(double)p[2])));
  }
  check_ctx("BCE of logits 0 .. 30, all right: loss against log1p(exp(-z))");
  CHECK_WORST(w);
  free(ws);
}

void test_model(void) {
  test_models();
  test_init_params();
  test_confident_bce();
}
