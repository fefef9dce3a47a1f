/* test_job.c - job.c through its public calls: linear regression against
   the least-squares solution of its training split, classifiers reaching
   their accuracy, the outputs' lengths, chunked advancing, determinism,
   mini-batch epochs, divergence, the path's plane, the grids (the model at
   every evaluation too), and the rejection of bad configurations and
   blocks. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lrp.h"

enum {
  O_LOSS,
  O_LR,
  O_PATH,
  O_PATH_STEP,
  O_EVAL_STEP,
  O_TEST_LOSS,
  O_TRAIN_ACC,
  O_TEST_ACC,
  O_DATA_X,
  O_DATA_Y,
  O_DATA_TEST,
  O_SHARPNESS,
  O_DATA_SCALE,
  O_COUNT
};
static const char *const out_names[] = {
    "loss",      "lr",       "path",   "path_step", "eval_step", "test_loss",
    "train_acc", "test_acc", "data_x", "data_y",    "data_test",
    "sharpness", "data_scale"};
static const int out_types[] = {LRP_F32, LRP_F64, LRP_F32, LRP_I32,
                                LRP_I32, LRP_F32, LRP_F32, LRP_F32,
                                LRP_F32, LRP_F32, LRP_I32, LRP_F32,
                                LRP_F32};

static size_t type_size(int type) { return type == LRP_F64 ? 8 : 4; }

static lrp_config data_cfg(int problem, int data, int opt, double lr,
                           int steps) {
  lrp_config c;
  lrp_config_init(&c);
  c.problem = problem, c.data = data, c.opt = opt, c.lr = lr, c.steps = steps;
  return c;
}

/* A job in a block of exactly lrp_job_bytes (so that the sanitizer sees any
   overrun), initialised; NULL when refused. */
static lrp_job *job_new(const lrp_config *c) {
  size_t bytes = lrp_job_bytes(c);
  if (!bytes) return NULL;
  lrp_job *j = malloc(bytes);
  if (lrp_job_init(j, bytes, c) != LRP_OK) {
    free(j);
    return NULL;
  }
  return j;
}

/* Runs a job to the end in chunks of `chunk` updates and finishes it. */
static lrp_job *job_run(const lrp_config *c, int chunk) {
  lrp_job *j = job_new(c);
  if (!j) return NULL;
  int guard = 0;
  while (!lrp_job_done(j) && guard++ <= c->steps + 1) lrp_job_advance(j, chunk);
  if (lrp_job_finish(j) != LRP_OK) {
    free(j);
    return NULL;
  }
  return j;
}

static const void *out(const lrp_job *j, int i, int *len) {
  *len = lrp_job_out_len(j, i);
  return lrp_job_out_ptr(j, i);
}
#define OUT_F(j, i, len) ((const float *)out(j, i, len))
#define OUT_I(j, i, len) ((const int *)out(j, i, len))

/* Every output of a and b has the same length and bytes. */
static void check_same_outputs(const lrp_job *a, const lrp_job *b) {
  for (int i = 0; i < O_COUNT; i++) {
    int la, lb;
    const void *pa = out(a, i, &la), *pb = out(b, i, &lb);
    check_ctx("%s", out_names[i]);
    CHECK_INT(la, lb);
    if (la == lb && la > 0)
      CHECK_INT(first_diff(pa, pb, type_size(out_types[i]) * (size_t)la), -1);
  }
  CHECK_INT(lrp_job_fingerprint(a, 0), lrp_job_fingerprint(b, 0));
  CHECK_INT(lrp_job_fingerprint(a, 1), lrp_job_fingerprint(b, 1));
}

/* The fingerprint is lrp_fingerprint of loss, lr and path. */
static void check_fingerprint(const lrp_job *j) {
  int nl, nr, np;
  const float *loss = OUT_F(j, O_LOSS, &nl), *path = OUT_F(j, O_PATH, &np);
  const double *lr = out(j, O_LR, &nr);
  uint32_t fp[2];
  lrp_fingerprint(fp, loss, nl, lr, nr, path, np / 2);
  CHECK_INT(lrp_job_fingerprint(j, 0), fp[0]);
  CHECK_INT(lrp_job_fingerprint(j, 1), fp[1]);
}

static void test_out_table(void) {
  check_ctx("output table");
  CHECK_INT(lrp_job_out_count(), O_COUNT);
  for (int i = 0; i < O_COUNT; i++) {
    const char *name = lrp_job_out_name(i);
    check_ctx("output %d", i);
    CHECK(name && strcmp(name, out_names[i]) == 0);
    CHECK_INT(lrp_job_out_type(i), out_types[i]);
  }
  check_ctx("output table ends");
  CHECK(lrp_job_out_name(-1) == NULL);
  CHECK(lrp_job_out_name(O_COUNT) == NULL);
}

/* (w, b) minimising the mean squared error over the training rows (is_test
   0), in double. */
static void least_squares(const float *x, const float *y, const int *is_test,
                          int n, double *w, double *b) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0, m = 0;
  for (int i = 0; i < n; i++)
    if (!is_test[i]) {
      m++, sx += x[i], sy += y[i], sxx += (double)x[i] * x[i];
      sxy += (double)x[i] * y[i];
    }
  *w = (m * sxy - sx * sy) / (m * sxx - sx * sx);
  *b = (sy - *w * sx) / m;
}

/* The mean squared error of w x + b over the rows with is_test == test. */
static double mse(const float *x, const float *y, const int *is_test, int n,
                  int test, double w, double b) {
  double s = 0;
  int m = 0;
  for (int i = 0; i < n; i++)
    if (is_test[i] == test)
      s += (w * x[i] + b - y[i]) * (w * x[i] + b - y[i]), m++;
  return s / m;
}

/* (a) full-batch gradient descent on a line converges to the training
   split's least-squares solution; the path is (w, b) itself, from 0. */
static void test_linreg_least_squares(void) {
  lrp_config c = data_cfg(LRP_LINREG, LRP_LINE, LRP_SGD, 0.1, 2000);
  lrp_job *j = job_run(&c, 2000);
  check_ctx("linreg least squares");
  CHECK(j != NULL);
  if (!j) return;
  int n, ny, nt, np, nl, ne, ntl;
  const float *x = OUT_F(j, O_DATA_X, &n), *y = OUT_F(j, O_DATA_Y, &ny);
  const int *is_test = OUT_I(j, O_DATA_TEST, &nt);
  const float *path = OUT_F(j, O_PATH, &np), *loss = OUT_F(j, O_LOSS, &nl);
  const float *test_loss = OUT_F(j, O_TEST_LOSS, &ntl);
  OUT_I(j, O_EVAL_STEP, &ne);
  CHECK_INT(n, c.n);
  CHECK_INT(ny, c.n);
  CHECK_INT(nt, c.n);
  int held = 0;
  for (int i = 0; i < nt; i++) held += is_test[i] != 0;
  CHECK_INT(held, (int)floor(c.n * c.holdout));
  double w, b;
  least_squares(x, y, is_test, n, &w, &b);
  float fw = path[np - 2], fb = path[np - 1];
  CHECK_NEAR(fw, w, 0, 1e-5);
  CHECK_NEAR(fb, b, 0, 1e-5);
  CHECK_NEAR(w, 1.5, 0, 0.1); /* the line the data came from */
  CHECK_NEAR(b, -0.5, 0, 0.1);
  CHECK_EXACT(path[0], 0);
  CHECK_EXACT(path[1], 0);
  CHECK_INT(np, 2 * ne);
  CHECK_NEAR(loss[0], mse(x, y, is_test, n, 0, 0, 0), 1e-6, 0);
  CHECK_NEAR(loss[nl - 1], mse(x, y, is_test, n, 0, fw, fb), 1e-5, 0);
  CHECK_NEAR(test_loss[ntl - 1], mse(x, y, is_test, n, 1, fw, fb), 1e-5, 0);
  CHECK(loss[nl - 1] < loss[0] / 4);
  /* the grids: the loss at (w, b) itself, the prediction w x + b */
  float land[4], pred[5];
  CHECK_INT(lrp_job_landscape(j, land, fw, fw + 1, fb, fb + 1, 2, 2), LRP_OK);
  CHECK_EXACT(land[0], loss[nl - 1]);
  CHECK_INT(lrp_job_predict(j, pred, -1, 1, 0, 0, 5, 1), LRP_OK);
  for (int i = 0; i < 5; i++) {
    float xi = (float)(-1 + 0.5 * i), want = fb;
    want = want + xi * fw;
    check_ctx("linreg predict at %g", xi);
    CHECK_EXACT(pred[i], want);
  }
  check_fingerprint(j);
  free(j);
}

/* (b) logreg and an mlp on moons with Adam reach 95% on held-out points. */
static void test_classifiers(void) {
  static const struct {
    const char *name;
    int problem;
  } runs[] = {{"logreg", LRP_LOGREG}, {"mlp 8,8 tanh", LRP_MLP}};
  for (size_t k = 0; k < 2; k++) {
    lrp_config c = data_cfg(runs[k].problem, LRP_MOONS, LRP_ADAM, 0.01, 2000);
    lrp_job *j = job_run(&c, 500);
    check_ctx("%s moons adam", runs[k].name);
    CHECK(j != NULL);
    if (!j) continue;
    int na, nt, nl;
    const float *test_acc = OUT_F(j, O_TEST_ACC, &na);
    const float *train_acc = OUT_F(j, O_TRAIN_ACC, &nt);
    const float *loss = OUT_F(j, O_LOSS, &nl);
    CHECK_INT(lrp_job_diverged_at(j), -1);
    CHECK(na > 0 && test_acc[na - 1] >= 0.95f);
    CHECK(nt > 0 && train_acc[nt - 1] >= 0.9f);
    CHECK(loss[nl - 1] < 0.5f * loss[0]);
    check_fingerprint(j);
    free(j);
  }
}

/* (c) loss steps + 1, lr steps, an evaluation every max(1, steps/200)
   updates and at the end, the path one point per evaluation; accuracies for
   classification only, held-out figures only with a holdout. */
static void test_lengths(void) {
  static const struct {
    int problem, data, steps, n;
    double holdout;
  } runs[] = {
      {LRP_LINREG, LRP_LINE, 1, 10, 0.2},
      {LRP_LINREG, LRP_LINE, 7, 50, 0},
      {LRP_LOGREG, LRP_MOONS, 399, 31, 0.5},
      {LRP_LOGREG, LRP_BLOBS, 401, 200, 0},
      {LRP_MLP, LRP_SINE, 450, 99, 0.1},
      {LRP_MLP, LRP_XOR, 1000, 40, 0.3},
      {LRP_MLP, LRP_CIRCLES, 199, 10, 0.5},
  };
  for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
    lrp_config c =
        data_cfg(runs[k].problem, runs[k].data, LRP_ADAM, 0.01, runs[k].steps);
    c.n = runs[k].n, c.holdout = runs[k].holdout, c.hidden[0] = 3,
    c.n_hidden = 1;
    lrp_job *j = job_run(&c, 1000);
    check_ctx("lengths: problem %d data %d steps %d holdout %g", c.problem,
              c.data, c.steps, c.holdout);
    CHECK(j != NULL);
    if (!j) continue;
    int len[O_COUNT], stride = c.steps / 200 > 1 ? c.steps / 200 : 1;
    for (int i = 0; i < O_COUNT; i++) len[i] = lrp_job_out_len(j, i);
    int evals = c.steps / stride + 1 + (c.steps % stride != 0);
    int cls = lrp_data_is_classification(c.data), d = lrp_data_dim(c.data);
    int n_test = (int)floor(c.n * c.holdout);
    CHECK_INT(len[O_LOSS], c.steps + 1);
    CHECK_INT(len[O_LR], c.steps);
    CHECK_INT(len[O_EVAL_STEP], evals);
    CHECK_INT(len[O_PATH], 2 * evals);
    CHECK_INT(len[O_PATH_STEP], evals);
    CHECK_INT(len[O_TEST_LOSS], n_test ? evals : 0);
    CHECK_INT(len[O_TRAIN_ACC], cls ? evals : 0);
    CHECK_INT(len[O_TEST_ACC], cls && n_test ? evals : 0);
    CHECK_INT(len[O_DATA_X], c.n * d);
    CHECK_INT(len[O_DATA_Y], c.n);
    CHECK_INT(len[O_DATA_TEST], c.n);
    int ne, ok = 1, acc_ok = 1, held = 0;
    const int *es = OUT_I(j, O_EVAL_STEP, &ne),
              *ps = OUT_I(j, O_PATH_STEP, &ne);
    const int *is_test = OUT_I(j, O_DATA_TEST, &ne);
    for (int e = 0; e < evals; e++)
      ok &= es[e] == (e + 1 < evals ? e * stride : c.steps) && ps[e] == es[e];
    CHECK(ok);
    for (int i = 0; i < c.n; i++)
      held += is_test[i] == 1, acc_ok &= is_test[i] == 0 || is_test[i] == 1;
    CHECK(acc_ok);
    CHECK_INT(held, n_test);
    /* accuracies are counts over the parts */
    const float *tr = lrp_job_out_ptr(j, O_TRAIN_ACC),
                *te = lrp_job_out_ptr(j, O_TEST_ACC);
    for (int e = 0; e < len[O_TRAIN_ACC]; e++) {
      double a = tr[e] * (c.n - n_test);
      acc_ok &= tr[e] >= 0 && tr[e] <= 1 && fabs(a - floor(a + 0.5)) < 1e-3;
    }
    for (int e = 0; e < len[O_TEST_ACC]; e++) {
      double a = te[e] * n_test;
      acc_ok &= te[e] >= 0 && te[e] <= 1 && fabs(a - floor(a + 0.5)) < 1e-3;
    }
    CHECK(acc_ok);
    check_fingerprint(j);
    free(j);
  }
}

/* (d) chunks of 7 updates, or of 1, give what one advance gives; (e) the
   same configuration the same run, another seed other data and another
   fingerprint. */
static void test_chunks_and_seeds(void) {
  lrp_config c = data_cfg(LRP_MLP, LRP_SPIRAL, LRP_ADAM, 0.02, 300);
  c.batch = 16, c.sched = LRP_PLATEAU, c.patience = 3, c.act = LRP_RELU;
  c.hidden[0] = 5, c.hidden[1] = 4, c.hidden[2] = 3, c.n_hidden = 3;
  lrp_job *whole = job_run(&c, c.steps), *by7 = job_run(&c, 7),
          *by1 = job_run(&c, 1);
  lrp_job *again = job_run(&c, c.steps + 50);
  check_ctx("chunks");
  CHECK(whole && by7 && by1 && again);
  if (whole && by7 && by1 && again) {
    check_same_outputs(whole, by7);
    check_same_outputs(whole, by1);
    check_same_outputs(whole, again);
    /* advancing a finished job changes nothing */
    lrp_job_advance(by7, 10);
    check_ctx("advance after the end");
    check_same_outputs(whole, by7);
  }
  c.seed = 2;
  lrp_job *other = job_run(&c, c.steps);
  check_ctx("another seed");
  CHECK(other != NULL);
  if (whole && other) {
    int n;
    const float *xa = OUT_F(whole, O_DATA_X, &n),
                *xb = OUT_F(other, O_DATA_X, &n);
    int differ = 0;
    for (int i = 0; i < n; i++) differ += xa[i] != xb[i];
    CHECK(differ > n / 2);
    CHECK(lrp_job_fingerprint(whole, 0) != lrp_job_fingerprint(other, 0) ||
          lrp_job_fingerprint(whole, 1) != lrp_job_fingerprint(other, 1));
  }
  free(whole), free(by7), free(by1), free(again), free(other);
}

static int cmp_float(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return (x > y) - (x < y);
}

/* (f) mini-batches. batch = n_train is the full batch, bit for bit; a
   larger batch is refused (lrp_config_check). */
static void test_full_batch(void) {
  lrp_config c = data_cfg(LRP_MLP, LRP_MOONS, LRP_MOMENTUM, 0.05, 120);
  lrp_job *full = job_run(&c, c.steps);
  c.batch = c.n - (int)floor(c.n * c.holdout);
  lrp_job *same = job_run(&c, c.steps);
  check_ctx("batch = n_train is the full batch");
  CHECK(full && same);
  if (full && same) check_same_outputs(full, same);
  c.batch++;
  check_ctx("batch = n_train + 1 is refused");
  CHECK_INT(lrp_job_bytes(&c), 0);
  free(full), free(same);
}

/* A linear regression at a rate so small that it stays at 0: the loss of
   a batch is the mean of y^2 over its rows. These are y^2 over the
   training rows, sorted, and their sum. */
static lrp_config tiny_rate(int n, int batch, int steps) {
  lrp_config c = data_cfg(LRP_LINREG, LRP_LINE, LRP_SGD, 1e-30, steps);
  c.n = n, c.batch = batch;
  return c;
}

static int train_squares(const lrp_job *j, float *sq, double *sum) {
  int n, m = 0;
  const float *y = OUT_F(j, O_DATA_Y, &n);
  const int *is_test = OUT_I(j, O_DATA_TEST, &n);
  *sum = 0;
  for (int i = 0; i < n; i++)
    if (!is_test[i]) sq[m] = y[i] * y[i], *sum += sq[m++];
  qsort(sq, (size_t)m, sizeof(float), cmp_float);
  return m;
}

/* Batch 1: every epoch is a new permutation of the training rows. */
static void test_batch_one(void) {
  enum { N = 20, TRAIN = 16, EPOCHS = 4 };
  lrp_config c = tiny_rate(N, 1, EPOCHS * TRAIN);
  lrp_job *j = job_run(&c, c.steps);
  check_ctx("batch 1 epochs");
  CHECK(j != NULL);
  if (!j) return;
  float sq[N], seen[TRAIN];
  double sum;
  int nl;
  const float *loss = OUT_F(j, O_LOSS, &nl);
  CHECK_INT(train_squares(j, sq, &sum), TRAIN);
  int orders_differ = 0;
  for (int e = 0; e < EPOCHS; e++) {
    memcpy(seen, loss + e * TRAIN, sizeof seen);
    if (e)
      orders_differ +=
          memcmp(loss + e * TRAIN, loss + (e - 1) * TRAIN, sizeof seen) != 0;
    qsort(seen, TRAIN, sizeof(float), cmp_float);
    check_ctx("batch 1, epoch %d: a permutation of the training rows", e);
    CHECK_INT(first_diff(seen, sq, sizeof seen), -1);
  }
  check_ctx("batch 1: every epoch reshuffled");
  CHECK_INT(orders_differ, EPOCHS - 1);
  free(j);
}

/* Batch b: an epoch is ceil(n_train / b) batches of b rows, the last one
   short, whose losses add up to the whole training set's; b = n_train (27
   of 33) is one batch an epoch (a larger b is refused). */
static void test_batch_epochs(void) {
  static const int runs[][2] = {{20, 5}, {200, 16}, {50, 7}, {33, 27}};
  enum { EPOCHS = 3 };
  for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
    int n = runs[k][0], b = runs[k][1], train = n - (int)floor(n * 0.2);
    int per = (train + b - 1) / b, nl;
    lrp_config c = tiny_rate(n, b, EPOCHS * per);
    lrp_job *j = job_run(&c, c.steps);
    check_ctx("batch %d of %d training rows", b, train);
    CHECK(j != NULL);
    if (!j) continue;
    float sq[200];
    double sum;
    CHECK_INT(train_squares(j, sq, &sum), train);
    const float *loss = OUT_F(j, O_LOSS, &nl);
    for (int e = 0; e < EPOCHS; e++) {
      double s = 0;
      for (int i = 0; i < per; i++)
        s += (double)loss[e * per + i] *
             (i + 1 < per ? b : train - (per - 1) * b);
      check_ctx("batch %d of %d training rows, epoch %d", b, train, e);
      CHECK_NEAR(s, sum, 1e-6, 0);
    }
    free(j);
  }
}

/* (g) a diverging run stops at the first t whose loss is not finite or
   exceeds 1e10: t + 1 losses, t rates, an evaluation at t. */
static void test_divergence(void) {
  static const struct {
    const char *name;
    int problem, data;
  } runs[] = {{"linreg line", LRP_LINREG, LRP_LINE},
              {"mlp sine", LRP_MLP, LRP_SINE},
              {"mlp moons", LRP_MLP, LRP_MOONS}};
  for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
    lrp_config c = data_cfg(runs[k].problem, runs[k].data, LRP_SGD, 100, 500);
    if (runs[k].data == LRP_MOONS) c.opt = LRP_MOMENTUM, c.act = LRP_RELU;
    lrp_job *j = job_run(&c, 3);
    check_ctx("divergence: %s lr 100", runs[k].name);
    CHECK(j != NULL);
    if (!j) continue;
    int t = lrp_job_diverged_at(j), nl, nr, ne, np;
    const float *loss = OUT_F(j, O_LOSS, &nl);
    const int *es = OUT_I(j, O_EVAL_STEP, &ne);
    OUT_F(j, O_PATH, &np);
    out(j, O_LR, &nr);
    CHECK(t >= 1 && t < c.steps);
    if (t < 1 || t >= c.steps) {
      free(j);
      continue;
    }
    CHECK(lrp_job_done(j));
    CHECK_INT(nl, t + 1);
    CHECK_INT(nr, t);
    CHECK(!isfinite(loss[t]) || loss[t] > 1e10);
    int before = 1;
    for (int s = 0; s < t; s++) before &= isfinite(loss[s]) && loss[s] <= 1e10;
    CHECK(before);
    CHECK(ne >= 1 && es[ne - 1] == t);
    CHECK_INT(np, 2 * ne);
    check_fingerprint(j);
    free(j);
  }
}

/* (h) the plane of an mlp's path goes through the final parameters: the
   path ends at (0, 0) and starts at negative coordinates; the landscape at
   (0, 0) is the final full-batch loss; predictions are probabilities. */
static void test_plane_and_grids(void) {
  lrp_config c = data_cfg(LRP_MLP, LRP_MOONS, LRP_ADAM, 0.01, 600);
  lrp_job *j = job_new(&c);
  check_ctx("plane");
  CHECK(j != NULL);
  if (!j) return;
  float grid[4 * 1025], sentinel[4 * 1025];
  /* not finished yet: grids are refused */
  CHECK_INT(lrp_job_landscape(j, grid, 0, 1, 0, 1, 2, 2), LRP_E_RANGE);
  CHECK_INT(lrp_job_predict(j, grid, 0, 1, 0, 1, 2, 2), LRP_E_RANGE);
  CHECK_INT(lrp_job_finish(j), LRP_E_RANGE);
  while (!lrp_job_done(j)) lrp_job_advance(j, 100);
  CHECK_INT(lrp_job_finish(j), LRP_OK);
  int np, nl;
  const float *path = OUT_F(j, O_PATH, &np), *loss = OUT_F(j, O_LOSS, &nl);
  CHECK(np >= 4);
  CHECK_EXACT(path[np - 2], 0);
  CHECK_EXACT(path[np - 1], 0);
  CHECK(path[0] < 0 && path[1] < 0);
  int finite = 1;
  for (int i = 0; i < np; i++) finite &= isfinite(path[i]);
  CHECK(finite);
  CHECK_INT(lrp_job_landscape(j, grid, 0, 1, 0, 2, 2, 3), LRP_OK);
  CHECK_EXACT(grid[0], loss[nl - 1]);
  finite = 1;
  for (int i = 0; i < 6; i++) finite &= isfinite(grid[i]) && grid[i] >= 0;
  CHECK(finite);

  CHECK_INT(lrp_job_predict(j, grid, -2, 2, -1.5, 1.5, 40, 30), LRP_OK);
  int in_unit = 1, ones = 0;
  for (int i = 0; i < 40 * 30; i++) {
    in_unit &= grid[i] >= 0 && grid[i] <= 1;
    ones += grid[i] > 0.5f;
  }
  check_ctx("predict: probabilities");
  CHECK(in_unit);
  CHECK(ones > 40 * 30 / 10 && ones < 40 * 30 * 9 / 10);

  static const struct {
    const char *what;
    int null_out, nx, ny, landscape;
  } bad[] = {
      {"NULL out", 1, 4, 4, 1},   {"nx 1", 0, 1, 4, 1},
      {"nx 0", 0, 0, 4, 1},       {"ny 1", 0, 4, 1, 1},
      {"nx 1025", 0, 1025, 2, 1}, {"ny 1025", 0, 2, 1025, 1},
      {"nx -2", 0, -2, 4, 1},     {"NULL out", 1, 4, 4, 0},
      {"nx 1", 0, 1, 4, 0},       {"ny 1 for 2-D data", 0, 4, 1, 0},
      {"ny 0", 0, 4, 0, 0},       {"nx 1025", 0, 1025, 2, 0},
      {"ny 1025", 0, 2, 1025, 0},
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    for (int i = 0; i < 4 * 1025; i++) grid[i] = sentinel[i] = -3.0f;
    float *o = bad[k].null_out ? NULL : grid;
    int err = bad[k].landscape
                  ? lrp_job_landscape(j, o, 0, 1, 0, 1, bad[k].nx, bad[k].ny)
                  : lrp_job_predict(j, o, 0, 1, 0, 1, bad[k].nx, bad[k].ny);
    check_ctx("%s rejects %s", bad[k].landscape ? "landscape" : "predict",
              bad[k].what);
    CHECK_INT(err, bad[k].null_out ? LRP_E_NULL : LRP_E_RANGE);
    CHECK_INT(first_diff(grid, sentinel, sizeof grid), -1);
  }
  free(j);

  /* 1-D data: a line of nx predictions, ny must be 1 */
  c = data_cfg(LRP_MLP, LRP_SINE, LRP_ADAM, 0.01, 50);
  j = job_run(&c, 50);
  check_ctx("predict on 1-D data");
  CHECK(j != NULL);
  if (!j) return;
  CHECK_INT(lrp_job_predict(j, grid, -1, 1, 0, 0, 1024, 1), LRP_OK);
  CHECK_INT(lrp_job_predict(j, grid, -1, 1, 0, 1, 4, 2), LRP_E_RANGE);
  free(j);
}

/* (h') the model at evaluation k: the last is lrp_job_predict to the bit,
   the first (the initial parameters) differs on a model that trains; a k
   outside 0 .. n_eval - 1 is refused and out left untouched; a linear
   regression at k is w_k x + b_k with (w_k, b_k) its path point k. */
static void test_predict_at(void) {
  enum { NX = 40, NY = 30 };
  static float last[NX * NY], at[NX * NY], sentinel[NX * NY];
  lrp_config c = data_cfg(LRP_MLP, LRP_MOONS, LRP_ADAM, 0.01, 600);
  lrp_job *j = job_new(&c);
  check_ctx("predict_at");
  CHECK(j != NULL);
  if (!j) return;
  CHECK_INT(lrp_job_predict_at(j, 0, at, -2, 2, -1.5, 1.5, NX, NY),
            LRP_E_RANGE);
  while (!lrp_job_done(j)) lrp_job_advance(j, 100);
  CHECK_INT(lrp_job_finish(j), LRP_OK);
  int ne;
  OUT_I(j, O_EVAL_STEP, &ne);
  CHECK_INT(ne, 201);
  CHECK_INT(lrp_job_predict(j, last, -2, 2, -1.5, 1.5, NX, NY), LRP_OK);
  CHECK_INT(lrp_job_predict_at(j, ne - 1, at, -2, 2, -1.5, 1.5, NX, NY),
            LRP_OK);
  check_ctx("predict_at the last evaluation is predict");
  CHECK_INT(first_diff(at, last, sizeof at), -1);
  CHECK_INT(lrp_job_predict_at(j, 0, at, -2, 2, -1.5, 1.5, NX, NY), LRP_OK);
  int differ = 0, in_unit = 1;
  for (int i = 0; i < NX * NY; i++) {
    differ += fabsf(at[i] - last[i]) > 0.1f;
    in_unit &= at[i] >= 0 && at[i] <= 1;
  }
  check_ctx("predict_at the first evaluation: the untrained model");
  CHECK(differ > NX * NY / 10);
  CHECK(in_unit);
  static const int bad_k[] = {-1, 201, 202, INT_MIN, INT_MAX};
  for (size_t k = 0; k < sizeof bad_k / sizeof bad_k[0]; k++) {
    for (int i = 0; i < NX * NY; i++) at[i] = sentinel[i] = -3.0f;
    check_ctx("predict_at refuses k = %d", bad_k[k]);
    CHECK_INT(lrp_job_predict_at(j, bad_k[k], at, -2, 2, -1.5, 1.5, NX, NY),
              LRP_E_RANGE);
    CHECK_INT(first_diff(at, sentinel, sizeof at), -1);
  }
  check_ctx("predict_at refuses what predict refuses");
  CHECK_INT(lrp_job_predict_at(NULL, 0, at, 0, 1, 0, 1, 2, 2), LRP_E_NULL);
  CHECK_INT(lrp_job_predict_at(j, 0, NULL, 0, 1, 0, 1, 2, 2), LRP_E_NULL);
  CHECK_INT(lrp_job_predict_at(j, 0, at, 0, 1, 0, 1, 4, 1), LRP_E_RANGE);
  CHECK_INT(lrp_job_predict_at(j, 0, at, 0, 1, 0, 1, 1025, 2), LRP_E_RANGE);
  free(j);

  c = data_cfg(LRP_LINREG, LRP_LINE, LRP_SGD, 0.1, 1000);
  j = job_run(&c, 1000);
  check_ctx("predict_at on a linear regression");
  CHECK(j != NULL);
  if (!j) return;
  int np;
  const float *path = OUT_F(j, O_PATH, &np);
  OUT_I(j, O_EVAL_STEP, &ne);
  CHECK_INT(np, 2 * ne);
  CHECK_INT(lrp_job_predict_at(j, 0, at, -1, 1, 0, 1, 5, 2), LRP_E_RANGE);
  const int ks[] = {0, 1, ne / 2, ne - 1};
  for (size_t q = 0; q < 4; q++) {
    int k = ks[q];
    check_ctx("linreg predict_at evaluation %d", k);
    CHECK_INT(lrp_job_predict_at(j, k, at, -1, 1, 0, 0, 5, 1), LRP_OK);
    for (int i = 0; i < 5; i++) {
      float xi = (float)(-1 + 0.5 * i), want = path[2 * k + 1];
      want = want + xi * path[2 * k];
      CHECK_EXACT(at[i], want);
    }
  }
  free(j);
}

/* (i) lrp_job_bytes is 0 for an invalid configuration, and lrp_job_init
   refuses it, a NULL and a block one byte short. */
static void test_rejects(void) {
  lrp_config good = data_cfg(LRP_MLP, LRP_MOONS, LRP_ADAM, 0.01, 10);
  static const struct {
    const char *what;
    int field;
    double value;
  } bad[] = {{"lr 0", 0, 0},        {"logreg on line", 1, LRP_LINE},
             {"batch > n", 2, 201}, {"hidden 65", 3, 65},
             {"n 5", 4, 5},         {"steps 0", 5, 0}};
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    lrp_config c = good;
    if (bad[k].field == 0) c.lr = bad[k].value;
    if (bad[k].field == 1) c.problem = LRP_LOGREG, c.data = (int)bad[k].value;
    if (bad[k].field == 2) c.batch = (int)bad[k].value;
    if (bad[k].field == 3) c.hidden[1] = (int)bad[k].value;
    if (bad[k].field == 4) c.n = (int)bad[k].value;
    if (bad[k].field == 5) c.steps = (int)bad[k].value;
    check_ctx("job refuses %s", bad[k].what);
    int err = lrp_config_check(&c, NULL);
    CHECK(err != LRP_OK);
    CHECK_INT(lrp_job_bytes(&c), 0);
    size_t bytes = lrp_job_bytes(&good);
    lrp_job *j = malloc(bytes);
    CHECK_INT(lrp_job_init(j, bytes, &c), err);
    free(j);
  }
  check_ctx("job refuses NULL and a short block");
  CHECK_INT(lrp_job_bytes(NULL), 0);
  size_t bytes = lrp_job_bytes(&good);
  CHECK(bytes > 0);
  lrp_job *j = malloc(bytes);
  CHECK_INT(lrp_job_init(NULL, bytes, &good), LRP_E_NULL);
  CHECK_INT(lrp_job_init(j, bytes, NULL), LRP_E_NULL);
  CHECK_INT(lrp_job_init(j, bytes - 1, &good), LRP_E_RANGE);
  CHECK_INT(lrp_job_init(j, 0, &good), LRP_E_RANGE);
  CHECK_INT(lrp_job_advance(NULL, 1), LRP_E_NULL);
  CHECK_INT(lrp_job_finish(NULL), LRP_E_NULL);
  CHECK_INT(lrp_job_init(j, bytes, &good), LRP_OK);
  free(j);
  /* sizes grow with the run */
  lrp_config longer = good;
  longer.steps = 1000, longer.n = 1000;
  CHECK(lrp_job_bytes(&longer) > bytes);
}

/* A surface through the job: the path is the point itself, every step. */
static void test_surface_job(void) {
  lrp_config c;
  double xy[2];
  lrp_config_init(&c);
  c.problem = LRP_QUADRATIC, c.steps = 50;
  lrp_surface_start(c.problem, xy);
  c.x0 = xy[0], c.y0 = xy[1];
  lrp_job *j = job_run(&c, 1);
  check_ctx("surface job");
  CHECK(j != NULL);
  if (!j) return;
  int np, ne, nx, nps;
  const float *path = OUT_F(j, O_PATH, &np);
  const int *ps = OUT_I(j, O_PATH_STEP, &nps);
  OUT_I(j, O_EVAL_STEP, &ne);
  OUT_F(j, O_DATA_X, &nx);
  CHECK_INT(np, 2 * (c.steps + 1));
  CHECK_INT(nps, c.steps + 1);
  CHECK_INT(ne, 0);
  CHECK_INT(nx, 0);
  CHECK_EXACT(path[0], (float)c.x0);
  CHECK_EXACT(path[1], (float)c.y0);
  CHECK(nps == c.steps + 1 && ps[c.steps] == c.steps);
  CHECK_INT(lrp_job_n_params(j), 2);
  check_fingerprint(j);
  float grid[2];
  CHECK_INT(lrp_job_predict(j, grid, 0, 1, 0, 1, 2, 1), LRP_E_RANGE);
  free(j);
}

/* Which data take which classes, and own data's rows. */
static void test_classes_rules(void) {
  static const struct {
    int problem, data, classes, n, err;
  } cases[] = {
      {LRP_MLP, LRP_BLOBS, 8, 200, LRP_OK},     {LRP_LOGREG, LRP_SPIRAL, 3, 200, LRP_OK},
      {LRP_MLP, LRP_MOONS, 3, 200, LRP_E_CLASSES}, {LRP_LOGREG, LRP_XOR, 4, 200, LRP_E_CLASSES},
      {LRP_MLP, LRP_SINE, 3, 200, LRP_E_CLASSES},  {LRP_MLP, LRP_OWN, 1, 200, LRP_E_CLASSES},
      {LRP_MLP, LRP_OWN, 0, 4, LRP_OK},            {LRP_LINREG, LRP_OWN, 0, 4, LRP_OK},
      {LRP_LINREG, LRP_OWN, 3, 40, LRP_E_DATA},    {LRP_LOGREG, LRP_OWN, 0, 40, LRP_E_DATA},
      {LRP_MLP, LRP_MOONS, 2, 9, LRP_E_RANGE},     {LRP_LOGREG, LRP_OWN, 8, 9, LRP_OK},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    lrp_config c = data_cfg(cases[i].problem, cases[i].data, LRP_SGD, 0.1, 10);
    c.classes = cases[i].classes, c.n = cases[i].n;
    check_ctx("classes case %d", (int)i);
    CHECK_INT(lrp_config_check(&c, NULL), cases[i].err);
  }
}

/* Own data: refused until given, checked when given, trained on exactly
   as the same points generated; scaled where they lie far from [-2, 2];
   the fingerprint covers the data. */
static void test_own_data(void) {
  enum { N = 60, K = 3 };
  static float x[2 * N], y[N];
  lrp_config gen = data_cfg(LRP_MLP, LRP_BLOBS, LRP_ADAM, 0.05, 40), own = gen;
  gen.classes = own.classes = K, gen.n = own.n = N, gen.noise = 0;
  own.data = LRP_OWN;
  lrp_data_make_classes(x, y, LRP_BLOBS, K, N, 0, gen.seed);
  lrp_job *a = job_run(&gen, 7), *b = job_new(&own);
  check_ctx("own data: waits for its points");
  CHECK(a != NULL && b != NULL);
  if (!a || !b) return;
  CHECK_INT(lrp_job_advance(b, 5), LRP_E_NO_DATA);
  y[3] = K;
  CHECK_INT(lrp_job_set_data(b, x, y), LRP_E_RANGE);
  y[3] = 0.5f;
  CHECK_INT(lrp_job_set_data(b, x, y), LRP_E_RANGE);
  float keep = x[7];
  y[3] = (float)(3 % K), x[7] = NAN;
  CHECK_INT(lrp_job_set_data(b, x, y), LRP_E_NOT_FINITE);
  x[7] = keep;
  CHECK_INT(lrp_job_set_data(b, x, y), LRP_OK);
  CHECK_INT(lrp_job_set_data(b, x, y), LRP_E_RANGE);
  while (!lrp_job_done(b)) lrp_job_advance(b, 9);
  CHECK_INT(lrp_job_finish(b), LRP_OK);
  int la, lb;
  const float *loss_a = OUT_F(a, O_LOSS, &la), *loss_b = OUT_F(b, O_LOSS, &lb);
  check_ctx("own data: the generated points' run, to the bit");
  CHECK_INT(la, lb);
  CHECK_INT(first_diff(loss_a, loss_b, sizeof(float) * (size_t)la), -1);
  CHECK(loss_b[la - 1] < loss_b[0]);
  CHECK(lrp_job_fingerprint(a, 0) != lrp_job_fingerprint(b, 0) ||
        lrp_job_fingerprint(a, 1) != lrp_job_fingerprint(b, 1));
  CHECK_INT(lrp_job_out_len(b, O_DATA_SCALE), 6);
  const float *sc = OUT_F(b, O_DATA_SCALE, &la);
  CHECK_EXACT(sc[2], 0); /* within [-2, 2]: not scaled */
  CHECK_INT(lrp_job_out_len(a, O_DATA_SCALE), 0);
  free(a), free(b);

  /* regression on x in [0, 100], y in [1000, 3000]: both scaled */
  lrp_config reg = data_cfg(LRP_LINREG, LRP_OWN, LRP_SGD, 0.1, 20);
  reg.classes = 0, reg.n = 5;
  float rx[5] = {0, 25, 50, 75, 100}, ry[5] = {1000, 1500, 2000, 2500, 3000};
  lrp_job *r = job_new(&reg);
  check_ctx("own data: scaled onto [-1.5, 1.5]");
  CHECK(r != NULL);
  if (!r) return;
  CHECK_INT(lrp_job_set_data(r, rx, ry), LRP_OK);
  int ls;
  const float *dx = OUT_F(r, O_DATA_X, &ls), *dy = OUT_F(r, O_DATA_Y, &ls);
  CHECK_EXACT(dx[0], -1.5f);
  CHECK_EXACT(dx[2], 0.0f);
  CHECK_EXACT(dx[4], 1.5f);
  CHECK_EXACT(dy[0], -1.5f);
  CHECK_EXACT(dy[4], 1.5f);
  sc = OUT_F(r, O_DATA_SCALE, &ls);
  CHECK_INT(ls, 6);
  CHECK_EXACT(sc[0], 0), CHECK_EXACT(sc[1], 100), CHECK_EXACT(sc[2], 1);
  CHECK_EXACT(sc[3], 1000), CHECK_EXACT(sc[4], 3000), CHECK_EXACT(sc[5], 1);
  free(r);
}

/* The landscape a few rows at a time: the same bits as whole; bad row
   ranges refused; a surface only whole. */
static void test_landscape_rows(void) {
  lrp_config c = data_cfg(LRP_MLP, LRP_MOONS, LRP_ADAM, 0.05, 30);
  lrp_job *j = job_run(&c, 1000);
  check_ctx("landscape rows");
  CHECK(j != NULL);
  if (!j) return;
  enum { NX = 7, NY = 5 };
  float whole[NX * NY], part[NX * NY];
  CHECK_INT(lrp_job_landscape(j, whole, -1, 2, -0.5, 1.5, NX, NY), LRP_OK);
  for (int r0 = 0; r0 < NY; r0 += 2) {
    int rows = NY - r0 < 2 ? NY - r0 : 2;
    CHECK_INT(lrp_job_landscape_rows(j, part + r0 * NX, -1, 2, -0.5, 1.5, NX, NY, r0, rows), LRP_OK);
  }
  CHECK_INT(first_diff(whole, part, sizeof whole), -1);
  CHECK_INT(lrp_job_landscape_rows(j, part, -1, 2, -0.5, 1.5, NX, NY, 4, 2), LRP_E_RANGE);
  CHECK_INT(lrp_job_landscape_rows(j, part, -1, 2, -0.5, 1.5, NX, NY, -1, 1), LRP_E_RANGE);
  CHECK_INT(lrp_job_landscape_rows(j, part, -1, 2, -0.5, 1.5, NX, NY, 0, 0), LRP_E_RANGE);
  free(j);
  lrp_config sc = data_cfg(LRP_ROSENBROCK, LRP_MOONS, LRP_SGD, 0.001, 5);
  lrp_job *s = job_run(&sc, 10);
  CHECK(s != NULL);
  if (!s) return;
  CHECK_INT(lrp_job_landscape_rows(s, part, -1, 2, -0.5, 1.5, NX, NY, 0, NY), LRP_OK);
  CHECK_INT(lrp_job_landscape_rows(s, part, -1, 2, -0.5, 1.5, NX, NY, 0, 2), LRP_E_RANGE);
  free(s);
}

void test_job(void) {
  test_landscape_rows();
  test_classes_rules();
  test_own_data();
  test_out_table();
  test_linreg_least_squares();
  test_classifiers();
  test_lengths();
  test_chunks_and_seeds();
  test_full_batch();
  test_batch_one();
  test_batch_epochs();
  test_divergence();
  test_plane_and_grids();
  test_predict_at();
  test_rejects();
  test_surface_job();
}
