/* test_run.c - run.c: gradient descent on the quadratic against its closed
   form, the divergence rule and what a diverged run writes, the schedule's
   and plateau's wiring, the fingerprint (FNV-1a 64 written here), and the
   rejection of bad input. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "check.h"
#include "lrp.h"

#define MAX_STEPS 400
#define SENTINEL_F -12345.0f
#define SENTINEL_D -12345.0

/* The caller's buffers, filled with a sentinel before every run. */
typedef struct bufs {
  float loss[MAX_STEPS + 1], path[2 * (MAX_STEPS + 1)];
  double lr[MAX_STEPS];
  lrp_result res;
} bufs;

static int run(const lrp_config *c, bufs *b) {
  for (int i = 0; i <= MAX_STEPS; i++)
    b->loss[i] = b->path[2 * i] = b->path[2 * i + 1] = SENTINEL_F;
  for (int i = 0; i < MAX_STEPS; i++) b->lr[i] = SENTINEL_D;
  memset(&b->res, 0xab, sizeof b->res);
  return lrp_run(c, b->loss, b->lr, b->path, &b->res);
}

static lrp_config quadratic(double cond, double lr, int steps) {
  lrp_config c;
  double xy[2];
  lrp_config_init(&c);
  c.problem = LRP_QUADRATIC, c.cond = cond, c.lr = lr, c.steps = steps;
  lrp_surface_start(LRP_QUADRATIC, xy);
  c.x0 = xy[0], c.y0 = xy[1];
  return c;
}

/* Entries from n_loss (loss, path) and n_lr (lr) on are still the
   sentinel. */
static void check_untouched(const bufs *b, int n_loss, int n_lr) {
  int loss_ok = 1, path_ok = 1, lr_ok = 1;
  for (int i = n_loss; i <= MAX_STEPS; i++) {
    loss_ok &= b->loss[i] == SENTINEL_F;
    path_ok &= b->path[2 * i] == SENTINEL_F && b->path[2 * i + 1] == SENTINEL_F;
  }
  for (int i = n_lr; i < MAX_STEPS; i++) lr_ok &= b->lr[i] == SENTINEL_D;
  CHECK(loss_ok);
  CHECK(path_ok);
  CHECK(lr_ok);
}

/* Plain gradient descent on 0.5 (x^2 + cond y^2): x_t = x0 (1 - lr)^t,
   y_t = y0 (1 - lr cond)^t; float32 rounding grows about linearly in t. */
static void test_closed_form(void) {
  static const struct {
    double cond, lr;
    int steps;
  } runs[] = {{10, 0.02, 100}, {1, 0.1, 200}, {100, 0.015, 150}};
  for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
    lrp_config c = quadratic(runs[k].cond, runs[k].lr, runs[k].steps);
    bufs b;
    check_ctx("gd cond %g lr %g", c.cond, c.lr);
    CHECK_INT(run(&c, &b), LRP_OK);
    CHECK_INT(b.res.diverged_at, -1);
    CHECK_INT(b.res.n_loss, c.steps + 1);
    CHECK_INT(b.res.n_lr, c.steps);
    check_untouched(&b, c.steps + 1, c.steps);
    worst wx = worst_init(0, 1e-30), wy = wx, wf = wx, wr = worst_init(0, 0);
    int rising = -1;
    for (int t = 0; t <= c.steps; t++) {
      double x = c.x0 * pow(1 - c.lr, t), y = c.y0 * pow(1 - c.lr * c.cond, t);
      wx.rel = wy.rel = wf.rel = 4 * (t + 1) * FLT_EPSILON;
      worst_add(&wx, t, b.path[2 * t], x);
      worst_add(&wy, t, b.path[2 * t + 1], y);
      worst_add(&wf, t, b.loss[t], 0.5 * (x * x + c.cond * y * y));
      if (t < c.steps) worst_add(&wr, t, b.lr[t], c.lr);
      if (t > 0 && b.loss[t] >= b.loss[t - 1] && rising < 0) rising = t;
    }
    check_ctx("gd cond %g lr %g: x_t = x0 (1 - lr)^t", c.cond, c.lr);
    CHECK_WORST(wx);
    check_ctx("gd cond %g lr %g: y_t = y0 (1 - lr cond)^t", c.cond, c.lr);
    CHECK_WORST(wy);
    check_ctx("gd cond %g lr %g: loss[t] = f(x_t, y_t)", c.cond, c.lr);
    CHECK_WORST(wf);
    check_ctx("gd cond %g lr %g: lr[t] = lr", c.cond, c.lr);
    CHECK_WORST(wr);
    check_ctx("gd cond %g lr %g: first t whose loss did not fall", c.cond,
              c.lr);
    CHECK_INT(rising, -1);
  }
}

/* lr > 2 / cond: |y| grows by |1 - lr cond| per update; the run stops at
   the first loss above 1e10. */
static void test_divergence(void) {
  static const struct {
    double cond, lr;
  } runs[] = {{100, 0.03}, {1000, 0.0025}, {10, 0.5}};
  for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
    lrp_config c = quadratic(runs[k].cond, runs[k].lr, 300);
    int want = -1; /* the first t of the closed form's loss above 1e10 */
    for (int t = 0; t <= c.steps && want < 0; t++) {
      double x = c.x0 * pow(1 - c.lr, t);
      double y = c.y0 * pow(1 - c.lr * c.cond, t);
      if (0.5 * (x * x + c.cond * y * y) > 1e10) want = t;
    }
    bufs b;
    check_ctx("diverge cond %g lr %g", runs[k].cond, runs[k].lr);
    CHECK(want > 0);
    CHECK_INT(run(&c, &b), LRP_OK);
    int t = b.res.diverged_at;
    CHECK_INT(t, want);
    CHECK_INT(b.res.n_loss, want + 1);
    CHECK_INT(b.res.n_lr, want);
    if (t < 1 || t > MAX_STEPS) continue; /* already failed above */
    CHECK(!isfinite(b.loss[t]) || b.loss[t] > 1e10);
    int before_ok = 1;
    for (int i = 0; i < t; i++)
      before_ok &= isfinite(b.loss[i]) && b.loss[i] <= 1e10;
    CHECK(before_ok);
    CHECK(isfinite(b.path[2 * t]) && isfinite(b.path[2 * t + 1]));
    CHECK_EXACT(b.lr[t - 1], c.lr);
    check_untouched(&b, t + 1, t);
  }
}

/* A start whose loss is already above 1e10 stops at t = 0: one loss, one
   point, no rate. */
static void test_diverged_at_start(void) {
  lrp_config c;
  lrp_config_init(&c);
  c.problem = LRP_ROSENBROCK, c.x0 = 1000, c.y0 = 1000;
  bufs b;
  check_ctx("diverged at the start");
  CHECK_INT(run(&c, &b), LRP_OK);
  CHECK_INT(b.res.diverged_at, 0);
  CHECK_INT(b.res.n_loss, 1);
  CHECK_INT(b.res.n_lr, 0);
  CHECK_NEAR(b.loss[0], 999.0 * 999 + 100 * 999000.0 * 999000, 1e-6, 0);
  CHECK_EXACT(b.path[0], 1000);
  CHECK_EXACT(b.path[1], 1000);
  check_untouched(&b, 1, 0);
}

/* The rates of a run are its schedule's; plateau sees the loss after each
   update from update `warmup` on, and the rate of update t follows the
   losses after updates warmup .. t-1. */
static void test_schedule_wiring(void) {
  lrp_config c = quadratic(10, 0.05, 120);
  c.sched = LRP_COSINE, c.t_max = 100, c.warmup = 20, c.min_lr = 0.001;
  bufs b;
  check_ctx("cosine run's lr[t]");
  CHECK_INT(run(&c, &b), LRP_OK);
  worst w = worst_init(0, 0);
  for (int t = 0; t < c.steps; t++)
    worst_add(&w, t, b.lr[t], lrp_sched_lr(&c, t, NULL));
  CHECK_WORST(w);

  /* wells from (2, 1) settles in its local minimum, so the plateau cuts;
     started in that minimum, with patience 0, a loss seen one update early
     or late moves every cut */
  static const struct {
    double x0, y0;
    int warmup, patience;
  } plateaus[] = {{2, 1, 10, 5}, {2, 1, 0, 3}, {0.96, 0.001, 20, 0}};
  for (size_t k = 0; k < sizeof plateaus / sizeof plateaus[0]; k++) {
    lrp_config p;
    lrp_config_init(&p);
    p.problem = LRP_WELLS, p.lr = 0.02, p.steps = 300;
    p.x0 = plateaus[k].x0, p.y0 = plateaus[k].y0;
    p.sched = LRP_PLATEAU, p.factor = 0.5;
    p.warmup = plateaus[k].warmup, p.patience = plateaus[k].patience;
    check_ctx("plateau run, warmup %d patience %d", p.warmup, p.patience);
    CHECK_INT(run(&p, &b), LRP_OK);
    CHECK_INT(b.res.n_lr, p.steps);
    CHECK(b.lr[p.steps - 1] <= p.lr / 4); /* it cut at least twice */
    lrp_plateau pl;
    lrp_plateau_init(&pl, &p);
    worst wp = worst_init(0, 0);
    for (int t = 0; t < p.steps; t++) {
      if (t > p.warmup) lrp_plateau_observe(&pl, &p, b.loss[t]);
      worst_add(&wp, t, b.lr[t],
                t < p.warmup ? p.lr * (t + 1) / p.warmup : pl.lr);
    }
    CHECK_WORST(wp);
  }
}

/* FNV-1a 64 over the float32 bit patterns, one 32-bit word at a time, of
   loss, lr, path. */
static uint64_t fnv_bytes(uint64_t h, const void *data, size_t n) {
  const float *s = data;
  for (size_t i = 0; i < n / sizeof(float); i++) {
    uint32_t u;
    memcpy(&u, &s[i], sizeof u);
    h = (h ^ u) * 0x100000001b3ull;
  }
  return h;
}

static uint64_t fingerprint(const bufs *b) {
  uint64_t h = 0xcbf29ce484222325ull;
  h = fnv_bytes(h, b->loss, sizeof(float) * (size_t)b->res.n_loss);
  for (int t = 0; t < b->res.n_lr; t++) {
    float r = (float)b->lr[t];
    h = fnv_bytes(h, &r, sizeof r);
  }
  return fnv_bytes(h, b->path, 2 * sizeof(float) * (size_t)b->res.n_loss);
}

static uint64_t fp_of(const lrp_result *r) {
  return (uint64_t)r->fp_hi << 32 | r->fp_lo;
}

static void test_fingerprint(void) {
  lrp_config c = quadratic(10, 0.05, 100), d = c;
  c.opt = d.opt = LRP_ADAM;
  d.lr = 0.05000001;
  bufs a, a2, b;
  check_ctx("fingerprint");
  CHECK_INT(run(&c, &a), LRP_OK);
  CHECK_INT(run(&c, &a2), LRP_OK);
  CHECK_INT(run(&d, &b), LRP_OK);
  CHECK(fp_of(&a.res) == fp_of(&a2.res));
  CHECK(fp_of(&a.res) != fp_of(&b.res));
  {
    check_ctx("fingerprint is FNV-1a 64 of loss, lr, path");
    CHECK(fp_of(&a.res) == fingerprint(&a));
    lrp_config e = quadratic(100, 0.03, 300);
    CHECK_INT(run(&e, &b), LRP_OK);
    check_ctx("diverged run's fingerprint covers only the written entries");
    CHECK(fp_of(&b.res) == fingerprint(&b));
  }
}

/* Every optimizer runs every surface: the result is complete and the
   state (up to amsgrad Adam's three buffers) fits. */
static void test_all_runs(void) {
  for (int s = 0; s < LRP_SURFACE_COUNT; s++)
    for (int o = 0; o < LRP_OPT_COUNT; o++)
      for (int ams = 0; ams <= 1; ams++) {
        lrp_config c;
        double xy[2];
        lrp_config_init(&c);
        c.problem = s, c.opt = o, c.amsgrad = ams, c.lr = 0.001;
        c.steps = 50;
        lrp_surface_start(s, xy);
        c.x0 = xy[0], c.y0 = xy[1];
        bufs b;
        check_ctx("run problem %d opt %d amsgrad %d", s, o, ams);
        CHECK_INT(run(&c, &b), LRP_OK);
        int n = b.res.diverged_at < 0 ? c.steps : b.res.diverged_at;
        CHECK_INT(b.res.n_loss, n + 1);
        CHECK_INT(b.res.n_lr, n);
        CHECK_EXACT(b.path[0], c.x0);
        CHECK_EXACT(b.path[1], c.y0);
        float p0[2] = {(float)c.x0, (float)c.y0};
        CHECK_EXACT(b.loss[0], lrp_surface_eval(s, (float)c.cond, p0, NULL));
        check_untouched(&b, n + 1, n);
      }
}

static void bad_lr(lrp_config *c) { c->lr = 0; }
static void bad_warmup(lrp_config *c) { c->warmup = c->steps + 1; }
static void data_problem(lrp_config *c) {
  c->problem = LRP_LINREG, c->data = LRP_LINE;
}

/* Bad input: an error code, and nothing written. */
static void test_rejects(void) {
  static const struct {
    const char *what;
    void (*edit)(lrp_config *c);
    int err;
  } bad[] = {
      {"lr 0", bad_lr, LRP_E_RANGE},
      {"warmup > steps", bad_warmup, LRP_E_WARMUP},
      {"a data problem", data_problem, LRP_E_UNSUPPORTED},
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    lrp_config c = quadratic(10, 0.05, 50);
    bad[k].edit(&c);
    bufs b;
    check_ctx("run rejects %s", bad[k].what);
    CHECK_INT(run(&c, &b), bad[k].err);
    check_untouched(&b, 0, 0);
  }
  lrp_config c = quadratic(10, 0.05, 50);
  bufs b;
  run(&c, &b); /* fills the sentinel; the calls below must not write */
  check_ctx("run rejects NULL pointers");
  CHECK_INT(lrp_run(NULL, b.loss, b.lr, b.path, &b.res), LRP_E_NULL);
  CHECK_INT(lrp_run(&c, NULL, b.lr, b.path, &b.res), LRP_E_NULL);
  CHECK_INT(lrp_run(&c, b.loss, NULL, b.path, &b.res), LRP_E_NULL);
  CHECK_INT(lrp_run(&c, b.loss, b.lr, NULL, &b.res), LRP_E_NULL);
  CHECK_INT(lrp_run(&c, b.loss, b.lr, b.path, NULL), LRP_E_NULL);
  CHECK_INT(lrp_result_size(), (int)sizeof(lrp_result));
}

void test_run(void) {
  test_closed_form();
  test_divergence();
  test_diverged_at_start();
  test_schedule_wiring();
  test_fingerprint();
  test_all_runs();
  test_rejects();
}
