/* job.c - one run of any problem inside one caller-provided block: the data,
   the model, the optimizer state and every output. A job advances a chunk
   of updates at a time (so a worker can stream progress), then finishes:
   the plane of the parameters' path, the path in it, the fingerprint.
   Surfaces run whole through lrp_run on the first advance. */
#include <math.h>
#include <string.h>

#include "lrp.h"
#include "simd.h"

#define LANDSCAPE_ROWS 1024 /* training rows the landscape is evaluated on */
#define EVAL_POINTS 200     /* evaluations along a run, at least */
#define PCA_ROWS 64         /* snapshots, evenly spaced, that find the plane */
#define SHARP_ROWS 256      /* training rows the sharpness is measured on */
#define SHARP_ITERS 20      /* power iterations per sharpness measurement */

struct lrp_job {
  lrp_config cfg;
  lrp_model model;
  lrp_optim optim;
  lrp_plateau plateau;
  lrp_rng batch_rng;
  int surface, n, d, n_train, n_test, batch, rows, pos, stride;
  int own, have_data, n_scale; /* own data: given by lrp_job_set_data */
  uint64_t data_hash;          /* own data: FNV-1a of their bits */
  float scale[3 * 3];          /* own data: lo, hi, scaled per column */
  int t, done, finished, diverged_at, n_loss, n_lr, n_path, n_eval;
  uint32_t fp[2];
  /* data: all points in generated order; train and test rows contiguous */
  float *x, *y, *xt, *yt, *xe, *ye, *xb, *yb;
  int *is_test, *order;
  /* model and optimizer */
  float *params, *grad, *state, *ws, *snap, *plane; /* plane: o, d1, d2 */
  double *gram;
  /* outputs */
  float *loss, *path, *test_loss, *train_acc, *test_acc, *sharpness;
  float *sharp_scratch; /* (4, n_params): lrp_model_sharpness's vectors */
  double *lr;
  int *path_step, *eval_step;
};

/* A bump allocator over the block: with base NULL it only measures. */
typedef struct arena {
  char *base;
  size_t used;
} arena;

static void *take(arena *a, size_t bytes) {
  size_t at = (a->used + 15) & ~(size_t)15;
  a->used = at + bytes;
  return a->base ? a->base + at : NULL;
}
#define TAKE(a, type, count) ((type *)take(a, sizeof(type) * (size_t)(count)))

/* Lays the job out in a (or measures it); sizes only from cfg. */
static void layout(lrp_job *j, arena *a, const lrp_config *c) {
  int steps = c->steps;
  j->surface = c->problem < LRP_SURFACE_COUNT;
  j->loss = TAKE(a, float, steps + 1);
  j->lr = TAKE(a, double, steps);
  if (j->surface) {
    j->n_path = 0;
    j->path = TAKE(a, float, 2 * (steps + 1));
    j->path_step = TAKE(a, int, steps + 1);
    j->sharpness = TAKE(a, float, steps + 1);
    return;
  }
  lrp_model_init(&j->model, c);
  int n = c->n, d = lrp_config_dim(c), P = j->model.n_params;
  j->n = n;
  j->d = d;
  j->n_test = (int)floor(n * c->holdout);
  j->n_train = n - j->n_test;
  j->batch = c->batch && c->batch < j->n_train ? c->batch : j->n_train;
  j->rows = lrp_model_rows(j->batch);
  j->stride = steps / EVAL_POINTS > 1 ? steps / EVAL_POINTS : 1;
  int evals = steps / j->stride + 2;
  j->x = TAKE(a, float, n * d);
  j->y = TAKE(a, float, n);
  j->xt = TAKE(a, float, n * d);
  j->yt = TAKE(a, float, n);
  j->xe = j->xt ? j->xt + (size_t)j->n_train * d : NULL;
  j->ye = j->yt ? j->yt + j->n_train : NULL;
  j->xb = TAKE(a, float, (size_t)j->rows * d);
  j->yb = TAKE(a, float, j->rows);
  j->is_test = TAKE(a, int, n);
  j->order = TAKE(a, int, n);
  j->params = TAKE(a, float, P);
  j->grad = TAKE(a, float, P);
  j->state = TAKE(a, float, 3 * P);
  j->ws = TAKE(a, float, lrp_model_ws_len(&j->model, j->rows));
  j->snap = TAKE(a, float, (size_t)evals * P);
  j->plane = TAKE(a, float, 3 * (size_t)P);
  j->gram = TAKE(a, double, PCA_ROWS * (PCA_ROWS + 3)); /* + 3 vectors */
  j->path = TAKE(a, float, 2 * evals);
  j->path_step = TAKE(a, int, evals);
  j->eval_step = TAKE(a, int, evals);
  j->test_loss = TAKE(a, float, evals);
  j->train_acc = TAKE(a, float, evals);
  j->test_acc = TAKE(a, float, evals);
  j->sharp_scratch = TAKE(a, float, 4 * (size_t)P);
}

size_t lrp_job_bytes(const lrp_config *cfg) {
  if (lrp_config_check(cfg, NULL)) return 0;
  lrp_job j;
  arena a = {NULL, sizeof(lrp_job)};
  layout(&j, &a, cfg);
  return a.used;
}

/* Splits the points: a seeded permutation puts n_test of them in the test
   set; train and test rows are copied contiguously in that order. */
static void split(lrp_job *j) {
  lrp_rng r;
  lrp_rng_seed(&r, j->cfg.seed, LRP_STREAM_SPLIT);
  for (int i = 0; i < j->n; i++) j->order[i] = i;
  lrp_rng_shuffle(&r, j->order, j->n);
  for (int k = 0; k < j->n; k++) {
    int i = j->order[k], dst = k < j->n_test ? j->n_train + k : k - j->n_test;
    j->is_test[i] = k < j->n_test;
    memcpy(j->xt + (size_t)dst * j->d, j->x + (size_t)i * j->d, sizeof(float) * j->d);
    j->yt[dst] = j->y[i];
  }
  for (int i = 0; i < j->n_train; i++) j->order[i] = i; /* batch order */
}

/* Splits the data and seeds the mini-batches: the data are in place. */
static void prepare(lrp_job *j) {
  split(j);
  lrp_rng_seed(&j->batch_rng, j->cfg.seed, LRP_STREAM_BATCH);
  if (j->batch < j->n_train) lrp_rng_shuffle(&j->batch_rng, j->order, j->n_train);
  j->have_data = 1;
}

static uint64_t fnv_words(uint64_t h, const float *x, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint32_t u;
    memcpy(&u, &x[i], sizeof u);
    h = (h ^ u) * 0x100000001b3ull;
  }
  return h;
}

/* Own data: a column (n values, `stride` apart) is used as it is when it
   lies within [-2, 2] and spans at least 0.5; else it is mapped linearly
   onto [-1.5, 1.5] (a constant column onto 0). info: lo, hi, scaled. */
static void scale_column(float *v, int n, int stride, float *info) {
  float lo = v[0], hi = v[0];
  for (int i = 1; i < n; i++) {
    float x = v[(size_t)i * stride];
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
  }
  int scaled = !(lo >= -2.0f && hi <= 2.0f && hi - lo >= 0.5f);
  double mid = ((double)lo + hi) / 2, f = hi > lo ? 3.0 / ((double)hi - lo) : 0;
  for (int i = 0; scaled && i < n; i++) {
    float *x = &v[(size_t)i * stride];
    *x = (float)((*x - mid) * f);
  }
  info[0] = lo;
  info[1] = hi;
  info[2] = (float)scaled;
}

int lrp_job_set_data(lrp_job *j, const float *x, const float *y) {
  if (!j || !x || !y) return LRP_E_NULL;
  if (!j->own || j->have_data) return LRP_E_RANGE;
  int k = j->cfg.classes, n = j->n, d = j->d;
  for (int i = 0; i < n * d; i++)
    if (!isfinite(x[i])) return LRP_E_NOT_FINITE;
  for (int i = 0; i < n; i++) {
    if (!isfinite(y[i])) return LRP_E_NOT_FINITE;
    if (k && (y[i] != floorf(y[i]) || y[i] < 0 || y[i] >= k)) return LRP_E_RANGE;
  }
  memcpy(j->x, x, sizeof(float) * (size_t)n * d);
  memcpy(j->y, y, sizeof(float) * (size_t)n);
  j->data_hash = fnv_words(fnv_words(0xcbf29ce484222325ull, x, (size_t)n * d), y, (size_t)n);
  for (int c = 0; c < d; c++) scale_column(j->x + c, n, d, j->scale + 3 * c);
  j->n_scale = d;
  if (!k) scale_column(j->y, n, 1, j->scale + 3 * j->n_scale++);
  prepare(j);
  return LRP_OK;
}

int lrp_job_init(lrp_job *j, size_t bytes, const lrp_config *cfg) {
  if (!j || !cfg) return LRP_E_NULL;
  int err = lrp_config_check(cfg, NULL);
  if (err) return err;
  if (bytes < lrp_job_bytes(cfg)) return LRP_E_RANGE;
  memset(j, 0, sizeof *j);
  j->cfg = *cfg;
  arena a = {(char *)j, sizeof(lrp_job)};
  layout(j, &a, cfg);
  j->diverged_at = -1;
  if (j->surface) return LRP_OK;
  j->own = cfg->data == LRP_OWN;
  if (!j->own) {
    lrp_data_make_classes(j->x, j->y, cfg->data, cfg->classes, j->n, cfg->noise, cfg->seed);
    prepare(j);
  }
  lrp_model_init_params(&j->model, j->params, cfg->seed);
  memset(j->state, 0, sizeof(float) * 3 * (size_t)j->model.n_params);
  lrp_optim_init(&j->optim, cfg);
  lrp_plateau_init(&j->plateau, cfg);
  return LRP_OK;
}

/* The next batch: the whole training set, or the next slice of this epoch's
   seeded order (the last one may be short), reshuffled every epoch. */
static int next_batch(lrp_job *j, const float **x, const float **y) {
  if (j->batch == j->n_train) {
    *x = j->xt;
    *y = j->yt;
    return j->n_train;
  }
  if (j->pos == j->n_train) {
    lrp_rng_shuffle(&j->batch_rng, j->order, j->n_train);
    j->pos = 0;
  }
  int rows = j->n_train - j->pos < j->batch ? j->n_train - j->pos : j->batch;
  for (int r = 0; r < rows; r++) {
    int i = j->order[j->pos + r];
    memcpy(j->xb + (size_t)r * j->d, j->xt + (size_t)i * j->d, sizeof(float) * j->d);
    j->yb[r] = j->yt[i];
  }
  j->pos += rows;
  *x = j->xb;
  *y = j->yb;
  return rows;
}

/* Records the parameters and the held-out figures at step t. */
static void evaluate(lrp_job *j, int t) {
  int k = j->n_eval++, P = j->model.n_params, right;
  memcpy(j->snap + (size_t)k * P, j->params, sizeof(float) * P);
  j->eval_step[k] = t;
  j->path_step[k] = t;
  if (j->batch == j->n_train) /* the training step's forward pass saw them all */
    right = lrp_model_correct(&j->model, j->ws, j->yt, j->n_train);
  else
    lrp_model_eval(&j->model, j->params, j->xt, j->yt, j->n_train, j->ws, j->rows, &right,
                   LRP_SIMD);
  j->train_acc[k] = (float)right / j->n_train;
  j->test_loss[k] = (float)lrp_model_eval(&j->model, j->params, j->xe, j->ye, j->n_test, j->ws,
                                          j->rows, &right, LRP_SIMD);
  j->test_acc[k] = j->n_test ? (float)right / j->n_test : NAN;
}

static int diverged(float f) { return !isfinite(f) || f > LRP_DIVERGE_LOSS; }

int lrp_job_advance(lrp_job *j, int max_updates) {
  if (!j) return LRP_E_NULL;
  if (j->surface && !j->done) {
    lrp_result res;
    int err = lrp_run(&j->cfg, j->loss, j->lr, j->path, &res);
    if (err) return err;
    j->diverged_at = res.diverged_at;
    j->n_loss = j->n_path = res.n_loss;
    j->n_lr = res.n_lr;
    for (int t = 0; t < j->n_path; t++) {
      j->path_step[t] = t;
      j->sharpness[t] = (float)lrp_surface_sharpness(j->cfg.problem, j->cfg.cond, j->path + 2 * t);
    }
    j->done = 1;
  }
  if (!j->surface && !j->have_data) return LRP_E_NO_DATA;
  for (int k = 0; !j->done && k < max_updates; k++) {
    const float *x, *y;
    int t = j->t, rows = next_batch(j, &x, &y);
    /* the last step's loss needs no gradient: no update follows it */
    float f = (float)lrp_model_loss_grad(&j->model, j->params, t < j->cfg.steps ? j->grad : NULL,
                                         x, y, rows, j->ws, LRP_SIMD);
    j->loss[t] = f;
    j->n_loss = t + 1;
    int last = diverged(f) || t == j->cfg.steps;
    if (t % j->stride == 0 || last) evaluate(j, t);
    if (last) {
      if (diverged(f)) j->diverged_at = t;
      j->done = 1;
      break;
    }
    if (j->cfg.sched == LRP_PLATEAU && t > j->cfg.warmup)
      lrp_plateau_observe(&j->plateau, &j->cfg, f);
    j->lr[t] = lrp_sched_lr(&j->cfg, t, &j->plateau);
    lrp_optim_update(&j->optim, j->params, j->grad, j->state, j->model.n_params, j->lr[t],
                     LRP_SIMD);
    j->n_lr = ++j->t;
  }
  return LRP_OK;
}

int lrp_job_done(const lrp_job *j) { return j && j->done; }
int lrp_job_diverged_at(const lrp_job *j) { return j ? j->diverged_at : -1; }
uint32_t lrp_job_fingerprint(const lrp_job *j, int half) { return j ? j->fp[half & 1] : 0; }
int lrp_job_n_params(const lrp_job *j) { return j && !j->surface ? j->model.n_params : 2; }

static double dot(const float *a, const float *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += (double)a[i] * b[i];
  return s;
}

/* The top eigenvector of the symmetric k x k matrix g by power iteration,
   from a fixed start (so the result is deterministic); its eigenvalue. */
static double top_eigen(const double *g, int k, double *u, double *tmp) {
  for (int i = 0; i < k; i++) u[i] = 1.0 + 0.01 * i;
  double lambda = 0;
  for (int it = 0; it < 500; it++) {
    double norm = 0;
    for (int i = 0; i < k; i++) {
      double s = 0;
      for (int l = 0; l < k; l++) s += g[i * k + l] * u[l];
      tmp[i] = s;
      norm += s * s;
    }
    norm = sqrt(norm);
    if (norm == 0) return 0;
    double change = 0;
    for (int i = 0; i < k; i++) {
      change += fabs(tmp[i] / norm - u[i]);
      u[i] = tmp[i] / norm;
    }
    lambda = norm;
    if (change < 1e-12 * k) break;
  }
  return lambda;
}

/* dir (P) = D^T u normalised, D the rows snap_rows[i] - snap_last; made
   orthogonal to `other` (unless NULL). Falls back to a unit vector when the
   path does not span this direction. Points from the start towards the end. */
static void direction(lrp_job *j, const int *rows, int m, const double *u, float *dir,
                      const float *other) {
  int P = j->model.n_params;
  const float *last = j->snap + (size_t)(j->n_eval - 1) * P;
  for (int p = 0; p < P; p++) {
    double s = 0;
    for (int i = 0; i < m; i++) s += u[i] * (j->snap[(size_t)rows[i] * P + p] - last[p]);
    dir[p] = (float)s;
  }
  for (int attempt = 0; attempt <= P; attempt++) {
    double o = other ? dot(dir, other, P) : 0;
    for (int p = 0; other && p < P; p++) dir[p] = (float)(dir[p] - o * other[p]);
    double norm = sqrt(dot(dir, dir, P));
    if (norm > 1e-12) {
      double start = 0; /* the start's coordinate: made negative */
      for (int p = 0; p < P; p++) start += (double)(j->snap[p] - last[p]) * dir[p];
      double scale = (start > 0 ? -1 : 1) / norm;
      for (int p = 0; p < P; p++) dir[p] = (float)(dir[p] * scale);
      return;
    }
    for (int p = 0; p < P; p++) dir[p] = p == attempt % P;
  }
}

/* The plane of the path: for a 1-D linear regression the (weight, bias)
   plane itself; else the top two principal directions, about the final
   parameters, of up to PCA_ROWS snapshots spread evenly over the run
   (first and last included), through the final parameters. */
static void find_plane(lrp_job *j) {
  int P = j->model.n_params, K = j->n_eval;
  float *o = j->plane, *d1 = o + P, *d2 = d1 + P;
  if (j->cfg.problem == LRP_LINREG && P == 2) {
    o[0] = o[1] = d1[1] = d2[0] = 0;
    d1[0] = d2[1] = 1;
  } else {
    const float *last = j->snap + (size_t)(K - 1) * P;
    memcpy(o, last, sizeof(float) * P);
    int rows[PCA_ROWS], m = K < PCA_ROWS ? K : PCA_ROWS;
    for (int i = 0; i < m; i++) rows[i] = m > 1 ? (int)((long)i * (K - 1) / (m - 1)) : 0;
    double *g = j->gram, *u1 = g + m * m, *u2 = u1 + m, *tmp = u2 + m;
    for (int a = 0; a < m; a++)
      for (int b = 0; b <= a; b += 4) { /* four sums at a time, each over p in order */
        const float *sa = j->snap + (size_t)rows[a] * P, *sb[4];
        for (int q = 0; q < 4; q++) sb[q] = j->snap + (size_t)rows[b + q <= a ? b + q : b] * P;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int p = 0; p < P; p++) {
          double x = sa[p] - last[p];
          s0 += x * (sb[0][p] - last[p]);
          s1 += x * (sb[1][p] - last[p]);
          s2 += x * (sb[2][p] - last[p]);
          s3 += x * (sb[3][p] - last[p]);
        }
        double s[4] = {s0, s1, s2, s3};
        for (int q = 0; q < 4 && b + q <= a; q++) g[a * m + b + q] = g[(b + q) * m + a] = s[q];
      }
    double l1 = top_eigen(g, m, u1, tmp);
    for (int a = 0; a < m; a++) /* deflate */
      for (int b = 0; b < m; b++) g[a * m + b] -= l1 * u1[a] * u1[b];
    top_eigen(g, m, u2, tmp);
    direction(j, rows, m, u1, d1, NULL);
    direction(j, rows, m, u2, d2, d1);
  }
  for (int k = 0; k < K; k++) {
    const float *s = j->snap + (size_t)k * P;
    double a = 0, b = 0;
    for (int p = 0; p < P; p++) {
      a += (double)(s[p] - o[p]) * d1[p];
      b += (double)(s[p] - o[p]) * d2[p];
    }
    j->path[2 * k] = (float)a;
    j->path[2 * k + 1] = (float)b;
  }
  j->n_path = K;
}

int lrp_job_finish(lrp_job *j) {
  if (!j) return LRP_E_NULL;
  if (!j->done) return LRP_E_RANGE;
  if (!j->finished) {
    if (!j->surface) find_plane(j);
    lrp_fingerprint(j->fp, j->loss, j->n_loss, j->lr, j->n_lr, j->path, j->n_path);
    if (j->own) { /* the data too: two data sets never share a fingerprint */
      uint64_t h = ((uint64_t)j->fp[0] << 32) | j->fp[1];
      h = (h ^ (uint32_t)(j->data_hash >> 32)) * 0x100000001b3ull;
      h = (h ^ (uint32_t)j->data_hash) * 0x100000001b3ull;
      j->fp[0] = (uint32_t)(h >> 32);
      j->fp[1] = (uint32_t)h;
    }
    j->finished = 1;
  }
  return LRP_OK;
}

/* The sharpness at evaluation k of a finished data run (for surfaces, the
   exact value at path point k, as in the "sharpness" output): SHARP_ITERS
   power iterations on the first SHARP_ROWS training rows. On demand, not in
   the run: one costs about as much as 2 SHARP_ITERS training steps. NaN for
   a k out of range or a run not yet done. */
double lrp_job_sharpness(lrp_job *j, int k) {
  if (!j || !j->done) return NAN;
  if (j->surface)
    return k >= 0 && k < j->n_path ? j->sharpness[k] : NAN;
  if (k < 0 || k >= j->n_eval) return NAN;
  int rows = j->n_train < SHARP_ROWS ? j->n_train : SHARP_ROWS;
  const float *p = j->snap + (size_t)k * j->model.n_params;
  return lrp_model_sharpness(&j->model, p, j->xt, j->yt, rows, j->ws, j->sharp_scratch,
                             SHARP_ITERS);
}

/* The outputs, by index: name, element type, where and how many. */
static const char *const out_names[] = {
    "loss",      "lr",        "path",     "path_step", "eval_step", "test_loss",
    "train_acc", "test_acc",  "data_x",   "data_y",    "data_test", "sharpness",
    "data_scale"};
enum { OUT_COUNT = (int)(sizeof out_names / sizeof out_names[0]) };

int lrp_job_out_count(void) { return OUT_COUNT; }
const char *lrp_job_out_name(int i) { return i >= 0 && i < OUT_COUNT ? out_names[i] : NULL; }
int lrp_job_out_type(int i) { return i == 1 ? LRP_F64 : i == 3 || i == 4 || i == 10 ? LRP_I32 : LRP_F32; }

static void *out_info(const lrp_job *j, int i, int *len) {
  int data = !j->surface, cls = data && (j->model.bce || j->model.softmax);
  int test = data && j->n_test > 0;
  int evals = data ? j->n_eval : 0;
  switch (i) {
    case 0: *len = j->n_loss; return j->loss;
    case 1: *len = j->n_lr; return j->lr;
    case 2: *len = 2 * j->n_path; return j->path;
    case 3: *len = j->n_path; return j->path_step;
    case 4: *len = evals; return j->eval_step;
    case 5: *len = test ? evals : 0; return j->test_loss;
    case 6: *len = cls ? evals : 0; return j->train_acc;
    case 7: *len = cls && test ? evals : 0; return j->test_acc;
    case 8: *len = data ? j->n * j->d : 0; return j->x;
    case 9: *len = data ? j->n : 0; return j->y;
    case 10: *len = data ? j->n : 0; return j->is_test;
    case 11: *len = data ? 0 : j->n_path; return j->sharpness;
    case 12: *len = 3 * j->n_scale; return (void *)j->scale;
    default: *len = 0; return NULL;
  }
}

void *lrp_job_out_ptr(const lrp_job *j, int i) {
  int len;
  return j ? out_info(j, i, &len) : NULL;
}

int lrp_job_out_len(const lrp_job *j, int i) {
  int len = 0;
  if (j) out_info(j, i, &len);
  return len;
}

/* Grid point (i, k) of a box, row-major with y (or b) rows. */
static double grid_at(double lo, double hi, int i, int n) { return lo + (hi - lo) * i / (n - 1); }

static int check_grid(const lrp_job *j, const float *out, int nx, int ny) {
  if (!j || !out) return LRP_E_NULL;
  if (!j->finished) return LRP_E_RANGE;
  return nx < 2 || ny < 1 || nx > 1024 || ny > 1024 ? LRP_E_RANGE : LRP_OK;
}

/* The training loss over the plane of the path: out (ny, nx) at the
   parameters o + a d1 + b d2 (for surfaces the point (a, b) itself), on at
   most LANDSCAPE_ROWS training rows. */
int lrp_job_landscape(lrp_job *j, float *out, double a_lo, double a_hi, double b_lo,
                      double b_hi, int nx, int ny) {
  return lrp_job_landscape_rows(j, out, a_lo, a_hi, b_lo, b_hi, nx, ny, 0, ny);
}

/* Grid rows row0 .. row0 + rows - 1 of lrp_job_landscape's grid into out
   (rows, nx), the same bits, so that a caller can compute a heavy
   landscape a few rows at a time. */
int lrp_job_landscape_rows(lrp_job *j, float *out, double a_lo, double a_hi, double b_lo,
                           double b_hi, int nx, int ny, int row0, int rows) {
  int err = check_grid(j, out, nx, ny);
  if (err || ny < 2) return err ? err : LRP_E_RANGE;
  if (row0 < 0 || rows < 1 || row0 > ny - rows) return LRP_E_RANGE;
  if (j->surface) {
    if (row0 || rows != ny) return LRP_E_RANGE; /* cheap: whole */
    return lrp_surface_grid(out, j->cfg.problem, j->cfg.cond, a_lo, a_hi, b_lo, b_hi, nx, ny);
  }
  int P = j->model.n_params, n = j->n_train < LANDSCAPE_ROWS ? j->n_train : LANDSCAPE_ROWS;
  const float *o = j->plane, *d1 = o + P, *d2 = d1 + P;
  float *p = j->grad; /* free once the run is over */
  for (int k = row0; k < row0 + rows; k++)
    for (int i = 0; i < nx; i++) {
      float a = (float)grid_at(a_lo, a_hi, i, nx), b = (float)grid_at(b_lo, b_hi, k, ny);
      for (int q = 0; q < P; q++) p[q] = o[q] + a * d1[q] + b * d2[q];
      out[(k - row0) * nx + i] = (float)lrp_model_eval(&j->model, p, j->xt, j->yt, n, j->ws,
                                                       j->rows, NULL, LRP_SIMD);
    }
  return LRP_OK;
}

/* The model's output over the input space with the parameters of
   evaluation k (0 .. n_eval - 1; the snapshots are kept for the plane):
   for 2-D data out (ny, nx) on the box's grid (the probability of class 1,
   or the prediction); for 1-D data out (nx) along [x_lo, x_hi] (ny must
   be 1). The grid's inputs go through xb, free once the run is over. */
int lrp_job_predict_at(lrp_job *j, int k, float *out, double x_lo, double x_hi,
                       double y_lo, double y_hi, int nx, int ny) {
  int err = check_grid(j, out, nx, ny);
  if (err) return err;
  if (j->surface || (j->d == 1 && ny != 1) || (j->d == 2 && ny < 2)) return LRP_E_RANGE;
  if (k < 0 || k >= j->n_eval) return LRP_E_RANGE;
  const float *p = j->snap + (size_t)k * j->model.n_params;
  int total = nx * ny, chunk = j->rows;
  for (int s = 0; s < total; s += chunk) {
    int m = total - s < chunk ? total - s : chunk;
    for (int r = 0; r < m; r++) {
      int i = (s + r) % nx, row = (s + r) / nx;
      j->xb[r * j->d] = (float)grid_at(x_lo, x_hi, i, nx);
      if (j->d == 2) j->xb[r * 2 + 1] = (float)grid_at(y_lo, y_hi, row, ny);
    }
    lrp_model_predict(&j->model, p, j->xb, m, out + s, j->ws, j->rows, LRP_SIMD);
  }
  return LRP_OK;
}

/* The trained model: the last evaluation's parameters. */
int lrp_job_predict(lrp_job *j, float *out, double x_lo, double x_hi, double y_lo,
                    double y_hi, int nx, int ny) {
  return lrp_job_predict_at(j, j ? j->n_eval - 1 : 0, out, x_lo, x_hi, y_lo, y_hi, nx, ny);
}

static void reverse(int *a, int lo, int hi) {
  for (hi--; lo < hi; lo++, hi--) {
    int t = a[lo];
    a[lo] = a[hi];
    a[hi] = t;
  }
}

/* What a run's data and start are, for carrying it elsewhere (the PyTorch
   export): the point index of each row of the training then the held-out
   set, rows (n); the training rows each epoch of mini-batches visits, in
   order, epochs (n_epochs, n_train), as next_batch draws them (a full batch
   takes the rows in order, one epoch); the initial parameters, p0
   (n_params). Each is replayed from the seed, so the job is not touched;
   any pointer may be NULL. */
int lrp_job_start_data(const lrp_job *j, int *rows, int *epochs, int n_epochs, float *p0) {
  if (!j) return LRP_E_NULL;
  if (j->surface || n_epochs < 0) return LRP_E_RANGE;
  lrp_rng r;
  if (rows) {
    lrp_rng_seed(&r, j->cfg.seed, LRP_STREAM_SPLIT);
    int *perm = rows; /* the split's permutation: test points first */
    for (int i = 0; i < j->n; i++) perm[i] = i;
    lrp_rng_shuffle(&r, perm, j->n);
    reverse(perm, 0, j->n_test); /* rotate by three reversals: training rows first */
    reverse(perm, j->n_test, j->n);
    reverse(perm, 0, j->n);
  }
  if (epochs && n_epochs > 0) {
    int nt = j->n_train;
    lrp_rng_seed(&r, j->cfg.seed, LRP_STREAM_BATCH);
    for (int i = 0; i < nt; i++) epochs[i] = i;
    if (j->batch < nt) lrp_rng_shuffle(&r, epochs, nt);
    for (int e = 1; e < n_epochs; e++) {
      memcpy(epochs + (size_t)e * nt, epochs + (size_t)(e - 1) * nt, sizeof(int) * (size_t)nt);
      if (j->batch < nt) lrp_rng_shuffle(&r, epochs + (size_t)e * nt, nt);
    }
  }
  if (p0) lrp_model_init_params(&j->model, p0, j->cfg.seed);
  return LRP_OK;
}

/* The training rows and the batch size of a data run (0 for a surface). */
int lrp_job_train_rows(const lrp_job *j) { return j && !j->surface ? j->n_train : 0; }
int lrp_job_batch(const lrp_job *j) { return j && !j->surface ? j->batch : 0; }
