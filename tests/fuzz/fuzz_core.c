/* fuzz_core.c - libFuzzer over the core's public API (core/lrp.h).

   An input is a preset as text, then, after a NUL byte, the bytes that
   choose every other argument (when they run out, each argument takes a
   plain default, so a text-only input still makes every call).
     Text: items separated by '&' or newlines, each key=value. key is a
     field's name, or "#i" for field index i (any integer), optionally with
     "[k]" for element k; value is a number as strtod reads it (nan, inf,
     1e308, 0x1p-1074, -0), an enum's name, or a comma list whose elements
     are set in turn. "@offset=hex" overwrites bytes of the lrp_config
     itself, as a careless binding might.
   Every lrp_config_set is checked against lrp.h (a refused value stores
   nothing, a stored one reads back). An invalid config must be refused by
   every entry point that takes it. A valid one is made cheap (its steps and
   points cut to a budget; the text can still ask for anything) and run:
   lrp_run, the data, model, sharpness, optimizer, schedule and rng calls,
   and two jobs in blocks of exactly lrp_job_bytes filled with different
   garbage, advanced in different chunks with queries between them, that
   must agree to the bit, grids included. Buffers are sized exactly as
   lrp.h documents, so AddressSanitizer sees any overrun; a broken promise
   aborts, which libFuzzer reports as a crash.

   Build: make build/fuzz/fuzz_core (npm test runs it through
   tests/fuzz.test.mjs for LRP_FUZZ_SECONDS, default 20). By hand, from a
   scratch directory (libFuzzer writes crash files into the current one):
     fuzz_core -dict=tests/fuzz/lrp.dict -jobs=2 -workers=2 NEW_DIR tests/fuzz/corpus
   Replay one input: build/fuzz/fuzz_core FILE */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lrp.h"

#define SURFACE_MAX_STEPS 2000
#define DATA_MAX_STEPS 1000 /* past 400 the evaluation stride exceeds 1 */
#define RUN_BUDGET 3e5  /* steps x points x parameters of one data run */
#define GRID_BUDGET 2e5 /* grid points x rows x parameters of one grid */
#define SURFACE_GRID_MAX 4096 /* points of a surface grid actually drawn */

#define ASSERT(cond)                                                     \
  do {                                                                   \
    if (!(cond)) {                                                       \
      fprintf(stderr, "fuzz_core.c:%d: broken promise: %s\n", __LINE__, \
              #cond);                                                    \
      abort();                                                           \
    }                                                                    \
  } while (0)

/* The argument bytes: each take_* consumes some, or gives its default. */
typedef struct src {
  const uint8_t *p;
  size_t n;
} src;

static unsigned take_u8(src *s, unsigned dflt) {
  if (!s->n) return dflt;
  s->n--;
  return *s->p++;
}

static uint32_t take_u32(src *s, uint32_t dflt) {
  if (s->n < 4) return dflt;
  uint32_t u = (uint32_t)s->p[0] | (uint32_t)s->p[1] << 8 |
               (uint32_t)s->p[2] << 16 | (uint32_t)s->p[3] << 24;
  s->p += 4, s->n -= 4;
  return u;
}

/* An int in [lo, hi]. */
static int take_range(src *s, int lo, int hi, int dflt) {
  if (!s->n) return dflt;
  uint32_t u = take_u8(s, 0);
  u |= take_u8(s, 0) << 8;
  return (int)(lo + (int64_t)(u % (uint32_t)((int64_t)hi - lo + 1)));
}

/* An int argument: the edges callers get wrong, or one near [lo, hi]. */
static int take_arg(src *s, int lo, int hi, int dflt) {
  static const int edges[] = {INT_MIN, -1, 0, 1, 2, INT_MAX};
  unsigned sel = take_u8(s, 255);
  if (sel == 255) return dflt;
  if (sel < 6) return edges[sel];
  if (sel < 12) return (int)take_u32(s, (uint32_t)dflt);
  return take_range(s, lo - 2, hi + 2, dflt);
}

/* A double: a special value, raw bits, or a small decimal. */
static double take_double(src *s, double dflt) {
  static const double specials[] = {
      0.0,      -0.0,      1.0,      -1.0,     0.5,        NAN,
      INFINITY, -INFINITY, DBL_MAX,  -DBL_MAX, DBL_MIN,    5e-324,
      1e-300,   1e-8,      1e6,      1e9,      1e10,       4294967295.0,
      1e300,    -1e300,    100000.0, 0.999999, 2147483648.0};
  enum { N_SPECIAL = sizeof specials / sizeof specials[0] };
  unsigned sel = take_u8(s, 255);
  if (sel == 255) return dflt;
  if (sel < N_SPECIAL) return specials[sel];
  if (sel < 128) {
    uint64_t bits = take_u32(s, 0);
    bits |= (uint64_t)take_u32(s, 0) << 32;
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
  }
  return ((int)take_u32(s, 0) % 20001 - 10000) / pow(10, sel % 6);
}

/* Floats a and b (n) agree to the bit, any NaN matching any NaN. */
static int same_floats(const float *a, const float *b, int n) {
  for (int i = 0; i < n; i++)
    if (memcmp(&a[i], &b[i], sizeof(float)) && !(isnan(a[i]) && isnan(b[i])))
      return 0;
  return 1;
}

static int same_doubles(const double *a, const double *b, int n) {
  for (int i = 0; i < n; i++)
    if (memcmp(&a[i], &b[i], sizeof(double)) && !(isnan(a[i]) && isnan(b[i])))
      return 0;
  return 1;
}

static int same_double(double a, double b) { return same_doubles(&a, &b, 1); }

static void *alloc(size_t count, size_t size) {
  void *p = malloc(count * size ? count * size : 1);
  ASSERT(p);
  return p;
}

/* ---- the preset text ---- */

/* Sets element k of field f to x and checks what lrp.h promises. */
static void set_checked(lrp_config *c, int f, int k, double x) {
  lrp_config before;
  memcpy(&before, c, sizeof before);
  int err = lrp_config_set(c, f, k, x);
  ASSERT(err >= LRP_OK && err < LRP_ERROR_COUNT);
  if (f < 0 || f >= lrp_config_field_count()) ASSERT(err == LRP_E_FIELD);
  if (!isfinite(x)) ASSERT(err != LRP_OK);
  if (err) {
    ASSERT(memcmp(&before, c, sizeof before) == 0); /* nothing stored */
    return;
  }
  ASSERT(lrp_config_get(c, f, k) == x); /* -0 reads back as 0: equal */
  ASSERT(isnan(lrp_config_get(c, f, k + 1)));
}

/* The value of one element: a number, else the name of an enum value. */
static int parse_value(int f, const char *text, double *x) {
  char *end;
  *x = strtod(text, &end);
  if (end != text && *end == 0) return 1;
  for (int i = -1; i < 64; i++) {
    const char *name = lrp_enum_name(f, i);
    if (i < 0 || i >= 63) ASSERT(!name);
    if (name && strcmp(name, text) == 0) {
      *x = i;
      return 1;
    }
  }
  return 0;
}

static int hex(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

/* "@offset=hex": raw bytes into the struct, kept inside it. */
static void poke(lrp_config *c, const char *key, const char *value) {
  long at = strtol(key + 1, NULL, 10);
  for (; at >= 0 && at < (long)sizeof *c && hex(value[0]) >= 0 && hex(value[1]) >= 0;
       at++, value += 2)
    ((unsigned char *)c)[at] = (unsigned char)(hex(value[0]) << 4 | hex(value[1]));
}

/* One key=value item (item is modified). */
static void apply_item(lrp_config *c, char *item) {
  char *value = strchr(item, '=');
  if (!value) return;
  *value++ = 0;
  if (item[0] == '@') {
    poke(c, item, value);
    return;
  }
  long k = 0; /* any long: each element's index is clamped to an int */
  int f;
  char *bracket = strchr(item, '[');
  if (bracket) {
    *bracket = 0;
    k = strtol(bracket + 1, NULL, 10);
    k = k < INT_MIN ? INT_MIN : k > INT_MAX ? INT_MAX : k;
  }
  if (item[0] == '#') {
    f = (int)strtol(item + 1, NULL, 10);
  } else {
    f = lrp_config_field_find(item);
    if (f >= 0) ASSERT(strcmp(lrp_config_field_name(f), item) == 0);
  }
  for (char *elem = value, *next; elem; elem = next, k++) {
    next = strchr(elem, ',');
    if (next) *next++ = 0;
    double x;
    if (parse_value(f, elem, &x)) set_checked(c, f, k > INT_MAX ? INT_MAX : (int)k, x);
  }
}

static void apply_text(lrp_config *c, const uint8_t *text, size_t len) {
  char item[512];
  size_t start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && text[i] != '&' && text[i] != '\n') continue;
    size_t n = i - start < sizeof item - 1 ? i - start : sizeof item - 1;
    memcpy(item, text + start, n);
    item[n] = 0;
    apply_item(c, item);
    start = i + 1;
  }
}

/* ---- calls that take no config, or any ---- */

static void probe_tables(const lrp_config *c, src *s) {
  int count = lrp_config_field_count();
  ASSERT(count > 0);
  ASSERT(lrp_config_size() == (int)sizeof(lrp_config));
  ASSERT(lrp_optim_size() == (int)sizeof(lrp_optim));
  ASSERT(lrp_result_size() == (int)sizeof(lrp_result));
  const int codes[] = {INT_MIN, -1, LRP_ERROR_COUNT, INT_MAX, take_arg(s, 0, 20, 0)};
  for (int i = 0; i < LRP_ERROR_COUNT; i++) ASSERT(strlen(lrp_error_message(i)) > 0);
  for (int i = 0; i < 5; i++) ASSERT(strlen(lrp_error_message(codes[i])) > 0);
  int fs[] = {INT_MIN, -2, -1, count, count + 1, INT_MAX, take_arg(s, 0, count, 0)};
  for (int i = 0; i < 7; i++) {
    int f = fs[i], in = f >= 0 && f < count;
    ASSERT(!lrp_config_field_name(f) == !in);
    ASSERT(lrp_enum_name(f, 0) == NULL || in);
    ASSERT(isnan(lrp_config_get(c, f, 0)) || in);
  }
  for (int f = 0; f < count; f++) {
    ASSERT(lrp_config_field_find(lrp_config_field_name(f)) == f);
    ASSERT(!lrp_enum_name(f, -1) && !lrp_enum_name(f, INT_MAX) && !lrp_enum_name(f, INT_MIN));
    /* any element of any field of whatever the text built */
    const int ks[] = {INT_MIN, -1, 0, 1, 2, 3, LRP_MAX_MILESTONES - 1, LRP_MAX_MILESTONES,
                      40, 64, 100, 1000, INT_MAX, take_arg(s, 0, 100, 0)};
    for (int i = 0; i < 14; i++) lrp_config_get(c, f, ks[i]);
  }
  /* a list ends at its array's end, whatever its length field says */
  for (int k = LRP_MAX_HIDDEN; k < LRP_MAX_HIDDEN + 3; k++)
    ASSERT(isnan(lrp_config_get(c, lrp_config_field_find("hidden"), k)));
  for (int k = LRP_MAX_MILESTONES; k < LRP_MAX_MILESTONES + 3; k++)
    ASSERT(isnan(lrp_config_get(c, lrp_config_field_find("milestones"), k)));
  ASSERT(lrp_config_field_find(NULL) == -1);
  ASSERT(lrp_config_field_find("") == -1);
  /* NULL where lrp.h says it is refused */
  int bad = 0;
  ASSERT(lrp_config_check(NULL, &bad) == LRP_E_NULL && bad == -1);
  ASSERT(lrp_config_set(NULL, 0, 0, 1) == LRP_E_NULL);
  ASSERT(isnan(lrp_config_get(NULL, 0, 0)));
  ASSERT(lrp_job_bytes(NULL) == 0);
  ASSERT(lrp_job_init(NULL, 0, c) == LRP_E_NULL);
  ASSERT(lrp_job_advance(NULL, 1) == LRP_E_NULL);
  ASSERT(lrp_job_finish(NULL) == LRP_E_NULL);
  ASSERT(!lrp_job_done(NULL) && lrp_job_diverged_at(NULL) == -1);
  ASSERT(lrp_job_fingerprint(NULL, 0) == 0 && !lrp_job_out_ptr(NULL, 0));
  ASSERT(lrp_job_out_len(NULL, 0) == 0 && isnan(lrp_job_sharpness(NULL, 0)));
  ASSERT(lrp_job_landscape(NULL, NULL, 0, 1, 0, 1, 2, 2) == LRP_E_NULL);
  ASSERT(lrp_job_predict(NULL, NULL, 0, 1, 0, 1, 2, 2) == LRP_E_NULL);
  ASSERT(lrp_job_predict_at(NULL, 0, NULL, 0, 1, 0, 1, 2, 2) == LRP_E_NULL);
  ASSERT(lrp_job_start_data(NULL, NULL, NULL, 0, NULL) == LRP_E_NULL);
  ASSERT(lrp_job_train_rows(NULL) == 0 && lrp_job_batch(NULL) == 0);
  float loss[1], path[2];
  double lr[1];
  lrp_result res;
  ASSERT(lrp_run(NULL, loss, lr, path, &res) == LRP_E_NULL);
  ASSERT(lrp_run(c, NULL, lr, path, &res) == LRP_E_NULL);
  ASSERT(lrp_run(c, loss, lr, path, NULL) == LRP_E_NULL);
  ASSERT(isnan(lrp_surface_eval(0, 1, NULL, NULL)));
  ASSERT(isnan(lrp_surface_sharpness(0, 1, NULL)));
  ASSERT(lrp_surface_grid(NULL, 0, 1, 0, 1, 0, 1, 2, 2) == LRP_E_NULL);
  ASSERT(isnan(lrp_model_sharpness(NULL, NULL, NULL, NULL, 1, NULL, NULL, 1)));
  for (int i = -1; i <= lrp_job_out_count(); i++) {
    int type = lrp_job_out_type(i);
    ASSERT(type == LRP_F32 || type == LRP_F64 || type == LRP_I32);
    ASSERT(!lrp_job_out_name(i) == (i < 0 || i >= lrp_job_out_count()));
  }
}

/* An nx by ny grid size: documented and small enough to draw (out sized
   exactly), or refused (out one float: a write would overrun). */
static float *grid_buffer(int nx, int ny, int *expect_ok) {
  int64_t count = (int64_t)nx * ny;
  *expect_ok = *expect_ok && count > 0;
  float *out = alloc(*expect_ok ? (size_t)count : 1, sizeof(float));
  const uint32_t sentinel = 0x7fa5a5a5u; /* a signalling NaN: never computed */
  for (int64_t i = 0; i < (*expect_ok ? count : 1); i++) memcpy(&out[i], &sentinel, 4);
  return out;
}

static int all_written(const float *out, int count) {
  for (int i = 0; i < count; i++) {
    uint32_t u;
    memcpy(&u, &out[i], 4);
    if (u == 0x7fa5a5a5u) return 0;
  }
  return 1;
}

static void probe_surfaces(src *s) {
  int problem = take_arg(s, 0, LRP_PROBLEM_COUNT, LRP_BEALE);
  double cond = take_double(s, 10);
  int valid = problem >= 0 && problem < LRP_SURFACE_COUNT;
  float p[2], dp[2];
  p[0] = (float)take_double(s, 0.5);
  p[1] = (float)take_double(s, -0.25);
  float f = lrp_surface_eval(problem, (float)cond, p, dp);
  ASSERT(same_double(f, lrp_surface_eval(problem, (float)cond, p, NULL)));
  if (!valid) ASSERT(isnan(f));
  double h = lrp_surface_sharpness(problem, cond, p), xy[2];
  if (!valid) ASSERT(isnan(h));
  lrp_surface_start(problem, xy);
  ASSERT(isfinite(xy[0]) && isfinite(xy[1]));
  int nx = take_arg(s, 2, 64, 9), ny = take_arg(s, 2, 64, 7);
  double box[4];
  for (int i = 0; i < 4; i++) box[i] = take_double(s, i & 1 ? 2 : -2);
  int ok = valid && nx >= 2 && ny >= 2 && nx <= 4096 && ny <= 4096;
  if (ok && (int64_t)nx * ny > SURFACE_GRID_MAX) return; /* valid, too slow */
  float *out = grid_buffer(nx, ny, &ok);
  int err = lrp_surface_grid(out, problem, cond, box[0], box[1], box[2], box[3], nx, ny);
  ASSERT(ok ? err == LRP_OK && all_written(out, nx * ny) : err != LRP_OK);
  free(out);
}

static void probe_rng(src *s) {
  lrp_rng r;
  uint64_t seed = take_u32(s, 1);
  seed |= (uint64_t)take_u32(s, 0) << 32;
  lrp_rng_seed(&r, seed, take_u32(s, LRP_STREAM_DATA));
  lrp_rng_u32(&r);
  uint32_t n = take_u32(s, 7);
  n = n ? n : 1; /* [0, n) is empty for n = 0 */
  ASSERT(lrp_rng_below(&r, n) < n);
  double u = lrp_rng_uniform(&r);
  ASSERT(u >= 0 && u < 1);
  ASSERT(isfinite(lrp_rng_normal(&r)));
  int a[64], len = take_range(s, 0, 64, 10), seen[64] = {0};
  for (int i = 0; i < 64; i++) a[i] = i;
  lrp_rng_shuffle(&r, a, len);
  for (int i = 0; i < 64; i++) seen[a[i]]++;
  for (int i = 0; i < 64; i++) ASSERT(seen[i] == 1 && (i < len || a[i] == i));
}

/* lrp_fingerprint hashes NaNs as one: a NaN's payload must not matter. */
static void probe_fingerprint(src *s) {
  float f[8], g[8];
  double d[4];
  for (int i = 0; i < 8; i++) f[i] = g[i] = (float)take_double(s, i);
  for (int i = 0; i < 4; i++) d[i] = take_double(s, i);
  for (int i = 0; i < 8; i++)
    if (isnan(g[i])) g[i] = -NAN;
  int nl = take_range(s, 0, 4, 4), nr = take_range(s, 0, 4, 3), np = take_range(s, 0, 2, 2);
  uint32_t a[2], b[2];
  lrp_fingerprint(a, f, nl, d, nr, f + 4, np);
  lrp_fingerprint(b, g, nl, d, nr, g + 4, np);
  ASSERT(a[0] == b[0] && a[1] == b[1]);
}

/* ---- a valid config ---- */

/* Caps what makes a run slow, keeping the config valid: halves the larger
   of the points and the steps until steps x points x parameters fits the
   budget (10 points and 1 step fit even three 64-wide layers). */
static void make_cheap(lrp_config *c) {
  if (c->problem < LRP_SURFACE_COUNT) {
    if (c->steps > SURFACE_MAX_STEPS) c->steps = SURFACE_MAX_STEPS;
  } else {
    if (c->steps > DATA_MAX_STEPS) c->steps = DATA_MAX_STEPS;
    for (;;) {
      lrp_model m;
      lrp_model_init(&m, c);
      if ((double)c->steps * c->n * m.n_params <= RUN_BUDGET) break;
      if (c->n > 10 && (c->n >= c->steps || c->steps == 1))
        c->n = c->n / 2 < 10 ? 10 : c->n / 2;
      else
        c->steps /= 2;
    }
    /* batches come from the training points (lrp_config_check) */
    int train = c->n - (int)floor(c->n * c->holdout);
    if (c->batch > train) c->batch = train;
  }
  if (c->warmup > c->steps) c->warmup = c->steps;
}

/* The rates a run used: lrp_sched_lr replayed, with ReduceLROnPlateau fed
   the same losses. */
static void check_rates(const lrp_config *c, const float *loss, const double *lr, int n_lr) {
  lrp_plateau pl;
  lrp_plateau_init(&pl, c);
  for (int t = 0; t < n_lr; t++) {
    if (c->sched == LRP_PLATEAU && t > c->warmup) lrp_plateau_observe(&pl, c, loss[t]);
    ASSERT(same_double(lrp_sched_lr(c, t, &pl), lr[t]));
    if (c->sched != LRP_PLATEAU) ASSERT(same_double(lrp_sched_lr(c, t, NULL), lr[t]));
  }
}

typedef struct run_out {
  float *loss, *path;
  double *lr;
  lrp_result res;
} run_out;

/* lrp_run into buffers of exactly steps + 1, steps and 2 (steps + 1). */
static void run_surface(const lrp_config *c, run_out *r) {
  int S = c->steps;
  r->loss = alloc((size_t)S + 1, sizeof(float));
  r->lr = alloc((size_t)S, sizeof(double));
  r->path = alloc(2 * ((size_t)S + 1), sizeof(float));
  ASSERT(lrp_run(c, r->loss, r->lr, r->path, &r->res) == LRP_OK);
  lrp_result *res = &r->res;
  ASSERT(res->n_loss == res->n_lr + 1 && res->n_lr <= S);
  ASSERT(res->diverged_at < 0 ? res->n_lr == S : res->diverged_at == res->n_lr);
  uint32_t fp[2];
  lrp_fingerprint(fp, r->loss, res->n_loss, r->lr, res->n_lr, r->path, res->n_loss);
  ASSERT(fp[0] == res->fp_hi && fp[1] == res->fp_lo);
  check_rates(c, r->loss, r->lr, res->n_lr);
}

/* Points for a config's data: own data as blobs of its classes (a line for
   regression), the rest generated. */
static void make_points(const lrp_config *c, float *x, float *y) {
  int own = c->data == LRP_OWN, k = lrp_config_classes(c);
  lrp_data_make_classes(x, y, own ? (k ? LRP_BLOBS : LRP_LINE) : c->data, k ? k : 2, c->n,
                        c->noise, c->seed);
}

/* The data and the model's calls, each SIMD kernel against its scalar twin. */
static void probe_model(const lrp_config *c, src *s) {
  lrp_model m;
  ASSERT(lrp_model_init(&m, c) == LRP_OK);
  int n = c->n, d = lrp_config_dim(c), P = m.n_params, k = lrp_config_classes(c);
  ASSERT(m.width[0] == d && P > 0 && m.bce == (k == 2) && m.softmax == (k > 2));
  int any = take_arg(s, 0, LRP_OWN, c->data); /* any int: no table read */
  ASSERT(lrp_data_dim(any) == 1 || lrp_data_dim(any) == 2);
  ASSERT(lrp_data_is_classification(any) == (lrp_data_dim(any) == 2));
  ASSERT(lrp_model_rows(n) >= n && lrp_model_rows(any) >= any);
  float *x = alloc((size_t)n * d, sizeof(float)), *y = alloc((size_t)n, sizeof(float));
  make_points(c, x, y);
  float *p = alloc((size_t)P, sizeof(float));
  lrp_model_init_params(&m, p, c->seed);

  int rows = take_range(s, 1, n, n);
  float *ws = alloc(lrp_model_ws_len(&m, rows), sizeof(float));
  float *dp = alloc((size_t)P, sizeof(float)), *dq = alloc((size_t)P, sizeof(float));
  double f = lrp_model_loss_grad(&m, p, dp, x, y, rows, ws, 1);
  int right = lrp_model_correct(&m, ws, y, rows);
  ASSERT(right >= 0 && right <= rows);
  ASSERT(same_double(f, lrp_model_loss_grad(&m, p, dq, x, y, rows, ws, 0)));
  ASSERT(same_floats(dp, dq, P));
  ASSERT(same_double(f, lrp_model_loss_grad(&m, p, NULL, x, y, rows, ws, 1)));

  /* a whole set in chunks of ws_rows: the same per-row losses, so the
     same mean as one chunk of them all */
  int ws_rows = take_range(s, 1, n + 3, 5), right_a, right_b;
  float *ws2 = alloc(lrp_model_ws_len(&m, ws_rows), sizeof(float));
  double e = lrp_model_eval(&m, p, x, y, n, ws2, ws_rows, &right_a, 1);
  ASSERT(same_double(e, lrp_model_eval(&m, p, x, y, n, ws2, ws_rows, &right_b, 0)));
  ASSERT(right_a == right_b && right_a >= 0 && right_a <= n);
  if (rows == n) ASSERT(same_double(e, lrp_model_loss_grad(&m, p, NULL, x, y, n, ws, 0)));
  ASSERT(isnan(lrp_model_eval(&m, p, x, y, 0, ws2, ws_rows, NULL, 1)));
  float *out = alloc((size_t)n, sizeof(float)), *out2 = alloc((size_t)n, sizeof(float));
  lrp_model_predict(&m, p, x, n, out, ws2, ws_rows, 1);
  lrp_model_predict(&m, p, x, n, out2, ws2, ws_rows, 0);
  ASSERT(same_floats(out, out2, n));

  int srows = take_arg(s, 1, n, rows < 64 ? rows : 64), iters = take_arg(s, 1, 6, 3);
  float *scratch = alloc(4 * (size_t)P, sizeof(float));
  int sok = srows >= 1 && srows <= n && iters <= 50;
  if (sok || srows < 1 || iters < 1) {
    float *sws = alloc(lrp_model_ws_len(&m, sok ? srows : 1), sizeof(float));
    double h = lrp_model_sharpness(&m, p, x, y, srows, sws, scratch, iters);
    if (srows < 1 || iters < 1) ASSERT(isnan(h));
    free(sws);
  }

  /* the optimizer on these gradients: kernels and twins agree */
  lrp_optim oa, ob;
  lrp_optim_init(&oa, c);
  ob = oa;
  int len = lrp_optim_state_len(&oa, P);
  ASSERT(len >= 0 && len <= 3 * P);
  float *sa = alloc((size_t)len, sizeof(float)), *sb = alloc((size_t)len, sizeof(float));
  float *pa = alloc((size_t)P, sizeof(float)), *pb = alloc((size_t)P, sizeof(float));
  memset(sa, 0, sizeof(float) * len);
  memset(sb, 0, sizeof(float) * len);
  memcpy(pa, p, sizeof(float) * P);
  memcpy(pb, p, sizeof(float) * P);
  for (int k = take_range(s, 0, 4, 2); k > 0; k--) {
    double lr = take_double(s, c->lr);
    lrp_optim_update(&oa, pa, dp, sa, P, lr, 1);
    lrp_optim_update(&ob, pb, dp, sb, P, lr, 0);
    ASSERT(same_floats(pa, pb, P) && same_floats(sa, sb, len) && oa.t == ob.t);
  }
  free(sa), free(sb), free(pa), free(pb), free(scratch), free(out), free(out2);
  free(ws2), free(dp), free(dq), free(ws), free(p), free(x), free(y);
}

static void probe_sched(const lrp_config *c, src *s) {
  lrp_plateau pl;
  lrp_plateau_init(&pl, c);
  for (int k = take_range(s, 0, 8, 3); k > 0; k--) {
    lrp_plateau_observe(&pl, c, take_double(s, 1.0 / k));
    int t = take_range(s, 0, c->steps, c->steps - 1);
    double lr = lrp_sched_lr(c, t, &pl);
    if (c->sched != LRP_PLATEAU) ASSERT(same_double(lr, lrp_sched_lr(c, t, NULL)));
  }
}

/* ---- jobs ---- */

static size_t type_size(int type) { return type == LRP_F64 ? 8 : 4; }

/* Every output, read whole (an overstated length overruns the block). */
static double touch_outputs(const lrp_job *j) {
  double sum = 0;
  for (int i = 0; i < lrp_job_out_count(); i++) {
    int len = lrp_job_out_len(j, i);
    const unsigned char *p = lrp_job_out_ptr(j, i);
    ASSERT(len >= 0 && (p || !len));
    for (size_t b = 0; b < (size_t)len * type_size(lrp_job_out_type(i)); b++) sum += p[b];
  }
  const int bad[] = {-1, lrp_job_out_count(), INT_MIN, INT_MAX};
  for (int i = 0; i < 4; i++) ASSERT(!lrp_job_out_ptr(j, bad[i]) && !lrp_job_out_len(j, bad[i]));
  return sum;
}

static void same_outputs(const lrp_job *a, const lrp_job *b) {
  for (int i = 0; i < lrp_job_out_count(); i++) {
    int len = lrp_job_out_len(a, i), type = lrp_job_out_type(i);
    ASSERT(len == lrp_job_out_len(b, i));
    const void *pa = lrp_job_out_ptr(a, i), *pb = lrp_job_out_ptr(b, i);
    if (type == LRP_F32) ASSERT(same_floats(pa, pb, len));
    if (type == LRP_F64) ASSERT(same_doubles(pa, pb, len));
    if (type == LRP_I32) ASSERT(!len || !memcmp(pa, pb, (size_t)len * 4));
  }
  ASSERT(lrp_job_fingerprint(a, 0) == lrp_job_fingerprint(b, 0));
  ASSERT(lrp_job_fingerprint(a, 1) == lrp_job_fingerprint(b, 1));
  ASSERT(lrp_job_diverged_at(a) == lrp_job_diverged_at(b));
}

/* A grid of job a, and the same of b (finished: both are): return codes,
   coverage, bits. kind: GRID_LANDSCAPE, GRID_PREDICT, or GRID_PREDICT_AT
   at an evaluation k the bytes choose (by default the middle one: the
   bytes have mostly run out by the time a finished job is probed), which
   also checks that lrp_job_predict is predict_at the last evaluation. */
enum { GRID_LANDSCAPE, GRID_PREDICT, GRID_PREDICT_AT };

static void probe_grid(lrp_job *a, lrp_job *b, const lrp_config *c, int kind, int finished,
                       src *s) {
  int surface = c->problem < LRP_SURFACE_COUNT, d = lrp_config_dim(c);
  int predict = kind != GRID_LANDSCAPE, evals = lrp_job_out_len(a, 4);
  int k = kind == GRID_PREDICT_AT ? take_arg(s, 0, evals, evals / 2) : evals - 1;
  int nx = take_arg(s, 2, 12, 5), ny = take_arg(s, 1, 12, predict && !surface && d == 1 ? 1 : 4);
  double box[4];
  for (int i = 0; i < 4; i++) box[i] = take_double(s, i & 1 ? 1.5 : -1.5);
  int ok = finished && nx >= 2 && ny >= 1 && nx <= 1024 && ny <= 1024;
  if (predict)
    ok = ok && !surface && (d == 1 ? ny == 1 : ny >= 2) && k >= 0 && k < evals;
  else
    ok = ok && ny >= 2;
  int rows = surface || predict ? 1 : c->n < 1024 ? c->n : 1024; /* a prediction reads no rows */
  if (ok && (double)nx * ny * rows * lrp_job_n_params(a) > GRID_BUDGET) return;
  float *out = grid_buffer(nx, ny, &ok), *out2 = grid_buffer(nx, ny, &ok);
  int err, err2 = LRP_OK;
  if (kind == GRID_PREDICT_AT) {
    err = lrp_job_predict_at(a, k, out, box[0], box[1], box[2], box[3], nx, ny);
    if (ok) err2 = lrp_job_predict_at(b, k, out2, box[0], box[1], box[2], box[3], nx, ny);
  } else {
    int (*grid)(lrp_job *, float *, double, double, double, double, int, int) =
        predict ? lrp_job_predict : lrp_job_landscape;
    err = grid(a, out, box[0], box[1], box[2], box[3], nx, ny);
    if (ok) err2 = grid(b, out2, box[0], box[1], box[2], box[3], nx, ny);
  }
  ASSERT(ok ? err == LRP_OK : err != LRP_OK);
  if (ok) {
    ASSERT(all_written(out, nx * ny));
    ASSERT(err2 == LRP_OK && same_floats(out, out2, nx * ny));
  }
  if (kind == GRID_LANDSCAPE && !surface) { /* a band of rows: the same bits, or refused */
    int row0 = take_arg(s, -1, ny, 0), rows = take_arg(s, 0, ny + 1, 1);
    int band = ok && row0 >= 0 && rows >= 1 && row0 + rows <= ny;
    float *part = band ? grid_buffer(nx, rows, &band) : NULL;
    int e = lrp_job_landscape_rows(b, band ? part : out2, box[0], box[1], box[2], box[3], nx, ny, row0, rows);
    ASSERT(band ? e == LRP_OK && same_floats(part, out + (size_t)row0 * nx, nx * rows) : e != LRP_OK);
    free(part);
  }
  if (ok && kind == GRID_PREDICT_AT) {
    ASSERT(lrp_job_predict_at(a, evals - 1, out, box[0], box[1], box[2], box[3], nx, ny) ==
           LRP_OK);
    ASSERT(lrp_job_predict(b, out2, box[0], box[1], box[2], box[3], nx, ny) == LRP_OK);
    ASSERT(same_floats(out, out2, nx * ny));
  }
  free(out), free(out2);
}

/* A job in a block of exactly lrp_job_bytes, full of garbage first. */
static lrp_job *job_new(const lrp_config *c, size_t bytes, int garbage) {
  lrp_job *j = alloc(bytes, 1);
  memset(j, garbage, bytes);
  ASSERT(lrp_job_init(j, bytes, c) == LRP_OK);
  ASSERT(!lrp_job_done(j) && lrp_job_diverged_at(j) == -1);
  if (c->data == LRP_OWN && c->problem >= LRP_SURFACE_COUNT) {
    float *x = alloc((size_t)c->n * 2, sizeof(float)), *y = alloc((size_t)c->n, sizeof(float));
    make_points(c, x, y);
    ASSERT(lrp_job_advance(j, 1) == LRP_E_NO_DATA);
    ASSERT(lrp_job_set_data(j, x, y) == LRP_OK && lrp_job_set_data(j, x, y) == LRP_E_RANGE);
    free(x), free(y);
  }
  return j;
}

static void check_finished(const lrp_job *j, const lrp_config *c) {
  int n_loss = lrp_job_out_len(j, 0), n_lr = lrp_job_out_len(j, 1);
  int n_path = lrp_job_out_len(j, 3), at = lrp_job_diverged_at(j);
  ASSERT(n_loss == n_lr + 1 && n_lr <= c->steps);
  ASSERT(at < 0 ? n_lr == c->steps : at == n_lr);
  ASSERT(lrp_job_out_len(j, 2) == 2 * n_path && n_path >= 1);
  uint32_t fp[2];
  lrp_fingerprint(fp, lrp_job_out_ptr(j, 0), n_loss, lrp_job_out_ptr(j, 1), n_lr,
                  lrp_job_out_ptr(j, 2), n_path);
  int same = fp[0] == lrp_job_fingerprint(j, 0) && fp[1] == lrp_job_fingerprint(j, 1);
  ASSERT(same == (c->data != LRP_OWN || c->problem < LRP_SURFACE_COUNT)); /* own: data too */
  ASSERT(lrp_job_fingerprint(j, -1) == lrp_job_fingerprint(j, 1) &&
         lrp_job_fingerprint(j, 2) == lrp_job_fingerprint(j, 0));
  check_rates(c, lrp_job_out_ptr(j, 0), lrp_job_out_ptr(j, 1), n_lr);
}

static void probe_start(const lrp_job *a, const lrp_job *b, const lrp_config *c, src *s);

static void probe_jobs(const lrp_config *c, const run_out *run, src *s) {
  size_t bytes = lrp_job_bytes(c);
  ASSERT(bytes > 0);
  lrp_job *small = alloc(bytes - 1, 1); /* one byte short: refused untouched */
  ASSERT(lrp_job_init(small, bytes - 1, c) == LRP_E_RANGE);
  ASSERT(lrp_job_init(small, 0, c) == LRP_E_RANGE);
  free(small);
  lrp_job *a = job_new(c, bytes, 0xa5), *b = job_new(c, bytes, 0xff);
  int surface = c->problem < LRP_SURFACE_COUNT, steps = c->steps;
  ASSERT(lrp_job_n_params(a) >= 2);

  /* a: chunks and queries in the order the bytes say */
  for (int ops = 0; !lrp_job_done(a) && ops < steps + 16; ops++) {
    switch (take_u8(s, 0) % 7) {
      case 0: ASSERT(lrp_job_advance(a, take_arg(s, 1, steps, steps + 1)) == LRP_OK); break;
      case 1: touch_outputs(a); break;
      case 2: ASSERT(isnan(lrp_job_sharpness(a, take_arg(s, 0, 4, 0)))); break;
      case 3: ASSERT(lrp_job_finish(a) == LRP_E_RANGE); break;
      case 4: probe_grid(a, b, c, GRID_LANDSCAPE, 0, s); break;
      case 5: probe_grid(a, b, c, GRID_PREDICT, 0, s); break;
      default: probe_grid(a, b, c, GRID_PREDICT_AT, 0, s); break;
    }
  }
  while (!lrp_job_done(a)) ASSERT(lrp_job_advance(a, steps + 1) == LRP_OK);
  /* b: one chunk, past the end */
  ASSERT(lrp_job_advance(b, INT_MAX) == LRP_OK && lrp_job_done(b));
  ASSERT(lrp_job_advance(b, 1) == LRP_OK && lrp_job_advance(b, -1) == LRP_OK);
  touch_outputs(a);
  ASSERT(lrp_job_finish(a) == LRP_OK && lrp_job_finish(a) == LRP_OK);
  ASSERT(lrp_job_finish(b) == LRP_OK);
  same_outputs(a, b);
  check_finished(a, c);
  touch_outputs(a);
  if (run) { /* the job's surface run is lrp_run's */
    ASSERT(lrp_job_out_len(a, 0) == run->res.n_loss);
    ASSERT(lrp_job_fingerprint(a, 0) == run->res.fp_hi);
    ASSERT(lrp_job_fingerprint(a, 1) == run->res.fp_lo);
    ASSERT(lrp_job_diverged_at(a) == run->res.diverged_at);
  }

  /* sharpness, landscape and prediction (last and at k), in the order the
     bytes say */
  int evals = lrp_job_out_len(a, surface ? 3 : 4);
  for (int ops = 0; ops < 5; ops++) {
    switch (take_u8(s, ops) % 5) {
      case 0: {
        int k = take_arg(s, 0, evals, evals - 1);
        double h = lrp_job_sharpness(a, k);
        ASSERT(same_double(h, lrp_job_sharpness(b, k)));
        if (k < 0 || k >= evals) ASSERT(isnan(h));
        break;
      }
      case 1: probe_grid(a, b, c, GRID_LANDSCAPE, 1, s); break;
      case 2: probe_grid(a, b, c, GRID_PREDICT, 1, s); break;
      case 3: probe_grid(a, b, c, GRID_PREDICT_AT, 1, s); break;
      default: touch_outputs(a); break;
    }
  }
  probe_start(a, b, c, s);
  /* the grids and the replayed start use scratch, never the outputs */
  check_finished(a, c);
  same_outputs(a, b);
  free(a), free(b);
}

/* Is a (n) a permutation of 0 .. n-1? */
static int is_permutation(const int *a, int n) {
  char *seen = alloc((size_t)n, 1);
  memset(seen, 0, (size_t)n);
  int ok = 1;
  for (int i = 0; i < n && ok; i++) {
    ok = a[i] >= 0 && a[i] < n && !seen[a[i]];
    if (ok) seen[a[i]] = 1;
  }
  free(seen);
  return ok;
}

/* The start of a data run, replayed (lrp_job_start_data, for the PyTorch
   export): the split a permutation of the points, each epoch's batch order
   one of the training rows, the initial weights finite; the same from two
   jobs of one config, any piece may be left out; a surface has none. */
static void probe_start(const lrp_job *a, const lrp_job *b, const lrp_config *c, src *s) {
  if (c->problem < LRP_SURFACE_COUNT) {
    ASSERT(lrp_job_start_data(a, NULL, NULL, 1, NULL) == LRP_E_RANGE);
    ASSERT(lrp_job_train_rows(a) == 0 && lrp_job_batch(a) == 0);
    return;
  }
  int n = c->n, nt = lrp_job_train_rows(a), batch = lrp_job_batch(a), P = lrp_job_n_params(a);
  int n_epochs = (int)(take_u8(s, 2) % 4);
  ASSERT(nt >= 1 && nt <= n && batch >= 1 && batch <= nt);
  ASSERT(lrp_job_start_data(a, NULL, NULL, -1, NULL) == LRP_E_RANGE);
  int *rows = alloc((size_t)n, sizeof(int)), *rows2 = alloc((size_t)n, sizeof(int));
  int *ep = alloc((size_t)(n_epochs * nt), sizeof(int)), *ep2 = alloc((size_t)(n_epochs * nt), sizeof(int));
  float *p0 = alloc((size_t)P, sizeof(float)), *p02 = alloc((size_t)P, sizeof(float));
  ASSERT(lrp_job_start_data(a, rows, ep, n_epochs, p0) == LRP_OK);
  ASSERT(lrp_job_start_data(b, rows2, ep2, n_epochs, p02) == LRP_OK);
  ASSERT(lrp_job_start_data(a, NULL, NULL, 0, NULL) == LRP_OK);
  ASSERT(!memcmp(rows, rows2, sizeof(int) * (size_t)n) && !memcmp(p0, p02, sizeof(float) * (size_t)P));
  ASSERT(!memcmp(ep, ep2, sizeof(int) * (size_t)(n_epochs * nt)));
  ASSERT(is_permutation(rows, n));
  for (int e = 0; e < n_epochs; e++) ASSERT(is_permutation(ep + (size_t)e * nt, nt));
  for (int k = 0; k < P; k++) ASSERT(isfinite(p0[k]));
  free(rows), free(rows2), free(ep), free(ep2), free(p0), free(p02);
}

/* An invalid config: refused everywhere, with the same code. */
static void probe_invalid(const lrp_config *c, int err) {
  float loss[1], path[2];
  double lr[1];
  lrp_result res;
  ASSERT(lrp_run(c, loss, lr, path, &res) == err);
  ASSERT(lrp_job_bytes(c) == 0);
  void *block = alloc(64, 1);
  ASSERT(lrp_job_init(block, 64, c) == err);
  ASSERT(lrp_job_init(block, SIZE_MAX, c) == err);
  free(block);
}

static void fuzz_config(lrp_config *c, src *s) {
  probe_tables(c, s);
  probe_surfaces(s);
  probe_rng(s);
  probe_fingerprint(s);

  int bad = 0, err = lrp_config_check(c, &bad);
  ASSERT(err >= 0 && err < LRP_ERROR_COUNT && err == lrp_config_check(c, NULL));
  if (err) {
    ASSERT(bad >= 0 && bad < lrp_config_field_count());
    probe_invalid(c, err);
    return;
  }
  ASSERT(bad == -1);
  make_cheap(c);
  ASSERT(lrp_config_check(c, NULL) == LRP_OK);
  probe_sched(c, s);
  run_out run = {0};
  int surface = c->problem < LRP_SURFACE_COUNT;
  if (surface) {
    run_surface(c, &run);
  } else {
    float loss[1], path[2];
    double lr[1];
    ASSERT(lrp_run(c, loss, lr, path, &run.res) == LRP_E_UNSUPPORTED);
    probe_model(c, s);
  }
  probe_jobs(c, surface ? &run : NULL, s);
  free(run.loss), free(run.lr), free(run.path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *nul = memchr(data, 0, size);
  size_t text_len = nul ? (size_t)(nul - data) : size;
  src s = {data + text_len + (nul != NULL), size - text_len - (nul != NULL)};
  lrp_config *c = alloc(1, sizeof *c); /* on the heap: a read past it is seen */
  lrp_config_init(c);
  ASSERT(lrp_config_check(c, NULL) == LRP_OK);
  apply_text(c, data, text_len);
  fuzz_config(c, &s);
  free(c);
  return 0;
}
