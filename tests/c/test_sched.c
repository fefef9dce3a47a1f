/* test_sched.c - sched.c against closed forms of torch.optim.lr_scheduler
   (PyTorch 1.13 docs) written here: every schedule at t = 0, at its
   boundaries and at the end; the warm-up and its shift; monotonicity; and
   ReduceLROnPlateau on hand-made loss sequences.
   Update t uses the rate the scheduler holds after t calls of step(). */
#include <math.h>

#include "check.h"
#include "lrp.h"

static const double PI = 3.14159265358979323846;
#define LR 0.1   /* the base (peak, top) rate of every case */
#define MIN 0.01 /* min_lr, eta_min, base_lr of CyclicLR */
#define STEPS 200
#define REL 1e-12

/* CosineAnnealingLR's eta_min + (eta_max - eta_min) (1 + cos(pi T/T_max))/2
   at T/T_max = frac; OneCycleLR's 'cos' anneal from hi to lo likewise. */
static double cosw(double hi, double lo, double frac) {
  return lo + (hi - lo) * (1 + cos(PI * frac)) / 2;
}

/* OneCycleLR's start and end: max_lr / div_factor, that / final_div_factor */
#define OC_INIT (LR / 25)
#define OC_FINAL (LR / 25 / 1e4)

/* One configuration per schedule under test (on top of lrp_config_init,
   lr = LR, steps = STEPS). */
static void set_milestones(lrp_config *c, int a, int b) {
  c->milestones[0] = a, c->milestones[1] = b, c->n_milestones = 2;
}
static void constant(lrp_config *c) { c->sched = LRP_CONSTANT; }
static void step(lrp_config *c) {
  c->sched = LRP_STEP, c->step_size = 50, c->gamma = 0.5;
}
static void multistep(lrp_config *c) {
  c->sched = LRP_MULTISTEP, c->gamma = 0.5, set_milestones(c, 30, 80);
}
static void multistep_unsorted(lrp_config *c) {
  multistep(c), set_milestones(c, 80, 30);
}
/* MultiStepLR counts a repeated milestone twice (a Counter). */
static void multistep_twice(lrp_config *c) {
  multistep(c), set_milestones(c, 50, 50);
}
static void expo(lrp_config *c) { c->sched = LRP_EXP, c->gamma = 0.99; }
static void cosine(lrp_config *c) {
  c->sched = LRP_COSINE, c->t_max = 100, c->min_lr = MIN;
}
static void restarts1(lrp_config *c) {
  c->sched = LRP_RESTARTS, c->t0 = 50, c->t_mult = 1, c->min_lr = MIN;
}
/* T_0 20, T_mult 2: periods start at 0, 20, 60, 140 (20, 40, 80, 160 long) */
static void restarts2(lrp_config *c) {
  c->sched = LRP_RESTARTS, c->t0 = 20, c->t_mult = 2, c->min_lr = MIN;
}
/* Phase ends pct_start * 200 - 1 = 59 and 199. */
static void onecycle(lrp_config *c) {
  c->sched = LRP_ONECYCLE, c->pct_start = 0.3, c->div = 25, c->final_div = 1e4;
}
/* Phase ends 0.25 * 10 - 1 = 1.5 (not a step) and 9. */
static void onecycle_short(lrp_config *c) {
  onecycle(c), c->steps = 10, c->pct_start = 0.25;
}
/* Up 10 steps, down 30: bottoms at 0, 40, 80, ..., tops at 10, 50, ... */
static void cyclic(lrp_config *c) {
  c->sched = LRP_CYCLIC, c->min_lr = MIN, c->step_up = 10,
  c->step_down = 30, c->mode = LRP_TRIANGULAR, c->gamma = 1;
}
static void cyclic2(lrp_config *c) { cyclic(c), c->mode = LRP_TRIANGULAR2; }
static void cyclic_exp(lrp_config *c) {
  cyclic(c), c->mode = LRP_EXP_RANGE, c->gamma = 0.99;
}
static void linear(lrp_config *c) {
  c->sched = LRP_LINEAR, c->start = 0.25, c->end = 1, c->iters = 100;
}
static void linear_down(lrp_config *c) {
  linear(c), c->start = 1, c->end = 0.5, c->iters = 40;
}
static void poly(lrp_config *c) {
  c->sched = LRP_POLY, c->iters = 100, c->power = 2;
}
static void poly1(lrp_config *c) { poly(c), c->power = 1; }
static void plateau(lrp_config *c) { c->sched = LRP_PLATEAU; }
/* Warm-up 20, then cosine over L = 180 from u = t - 20. */
static void warm_cosine(lrp_config *c) {
  cosine(c), c->warmup = 20, c->t_max = 180;
}
/* Warm-up 50, then onecycle over L = 150: phase ends 44 and 149 in u. */
static void warm_onecycle(lrp_config *c) { onecycle(c), c->warmup = 50; }
static void warm_all(lrp_config *c) { constant(c), c->warmup = STEPS; }

typedef void (*setup_fn)(lrp_config *c);

static lrp_config make(setup_fn setup) {
  lrp_config c;
  lrp_config_init(&c);
  c.lr = LR;
  c.steps = STEPS;
  setup(&c);
  return c;
}

#define ROW(setup, t, want) {#setup, setup, t, want}
struct sched_case {
  const char *name;
  setup_fn setup;
  int t;
  double want;
};

static void test_closed_forms(void) {
  const struct sched_case cases[] = {
    ROW(constant, 0, LR),
    ROW(constant, 199, LR),
    ROW(step, 0, LR),
    ROW(step, 49, LR),
    ROW(step, 50, LR * 0.5),
    ROW(step, 99, LR * 0.5),
    ROW(step, 100, LR * 0.25),
    ROW(step, 199, LR * 0.125),
    ROW(multistep, 0, LR),
    ROW(multistep, 29, LR),
    ROW(multistep, 30, LR * 0.5),
    ROW(multistep, 79, LR * 0.5),
    ROW(multistep, 80, LR * 0.25),
    ROW(multistep, 199, LR * 0.25),
    ROW(multistep_unsorted, 29, LR),
    ROW(multistep_unsorted, 30, LR * 0.5),
    ROW(multistep_unsorted, 80, LR * 0.25),
    ROW(multistep_twice, 49, LR),
    ROW(multistep_twice, 50, LR * 0.25),
    ROW(expo, 0, LR),
    ROW(expo, 1, LR * 0.99),
    ROW(expo, 100, LR * pow(0.99, 100)),
    ROW(expo, 199, LR * pow(0.99, 199)),
    ROW(cosine, 0, LR),
    ROW(cosine, 25, MIN + (LR - MIN) * (1 + sqrt(0.5)) / 2),
    ROW(cosine, 50, (LR + MIN) / 2),
    ROW(cosine, 99, cosw(LR, MIN, 0.99)),
    ROW(cosine, 100, MIN),
    ROW(cosine, 150, (LR + MIN) / 2), /* past T_max the cosine rises again */
    ROW(cosine, 199, cosw(LR, MIN, 1.99)),
    ROW(restarts1, 0, LR),
    ROW(restarts1, 25, (LR + MIN) / 2),
    ROW(restarts1, 49, cosw(LR, MIN, 49.0 / 50)),
    ROW(restarts1, 50, LR),
    ROW(restarts1, 75, (LR + MIN) / 2),
    ROW(restarts1, 100, LR),
    ROW(restarts1, 150, LR),
    ROW(restarts1, 199, cosw(LR, MIN, 49.0 / 50)),
    ROW(restarts2, 0, LR),
    ROW(restarts2, 10, (LR + MIN) / 2),
    ROW(restarts2, 19, cosw(LR, MIN, 19.0 / 20)),
    ROW(restarts2, 20, LR),
    ROW(restarts2, 40, (LR + MIN) / 2),
    ROW(restarts2, 59, cosw(LR, MIN, 39.0 / 40)),
    ROW(restarts2, 60, LR),
    ROW(restarts2, 100, (LR + MIN) / 2),
    ROW(restarts2, 139, cosw(LR, MIN, 79.0 / 80)),
    ROW(restarts2, 140, LR),
    ROW(restarts2, 199, cosw(LR, MIN, 59.0 / 160)),
    ROW(onecycle, 0, OC_INIT),
    ROW(onecycle, 1, cosw(OC_INIT, LR, 1.0 / 59)),
    ROW(onecycle, 58, cosw(OC_INIT, LR, 58.0 / 59)),
    ROW(onecycle, 59, LR), /* the peak, at pct_start * total - 1 */
    ROW(onecycle, 60, cosw(LR, OC_FINAL, 1.0 / 140)),
    ROW(onecycle, 129, (LR + OC_FINAL) / 2),
    ROW(onecycle, 198, cosw(LR, OC_FINAL, 139.0 / 140)),
    ROW(onecycle, 199, OC_FINAL), /* the end, at total - 1 */
    ROW(onecycle_short, 0, OC_INIT),
    ROW(onecycle_short, 1, cosw(OC_INIT, LR, 1 / 1.5)),
    ROW(onecycle_short, 2, cosw(LR, OC_FINAL, 0.5 / 7.5)),
    ROW(onecycle_short, 9, OC_FINAL),
    ROW(cyclic, 0, MIN),
    ROW(cyclic, 5, (LR + MIN) / 2),
    ROW(cyclic, 10, LR), /* top */
    ROW(cyclic, 25, (LR + MIN) / 2),
    ROW(cyclic, 39, MIN + (LR - MIN) / 30),
    ROW(cyclic, 40, MIN), /* bottom */
    ROW(cyclic, 50, LR),
    ROW(cyclic, 199, MIN + (LR - MIN) / 30),
    ROW(cyclic2, 0, MIN),
    ROW(cyclic2, 10, LR),
    ROW(cyclic2, 40, MIN),
    ROW(cyclic2, 50, MIN + (LR - MIN) / 2),
    ROW(cyclic2, 65, MIN + (LR - MIN) / 4),
    ROW(cyclic2, 90, MIN + (LR - MIN) / 4),
    ROW(cyclic2, 170, MIN + (LR - MIN) / 16),
    ROW(cyclic_exp, 0, MIN),
    ROW(cyclic_exp, 10, MIN + (LR - MIN) * pow(0.99, 10)),
    ROW(cyclic_exp, 40, MIN),
    ROW(cyclic_exp, 50, MIN + (LR - MIN) * pow(0.99, 50)),
    ROW(cyclic_exp, 170, MIN + (LR - MIN) * pow(0.99, 170)),
    ROW(cyclic_exp, 190, MIN + (LR - MIN) * pow(0.99, 190) / 3),
    ROW(linear, 0, LR * 0.25),
    ROW(linear, 50, LR * 0.625),
    ROW(linear, 99, LR * (0.25 + 0.75 * 0.99)),
    ROW(linear, 100, LR),
    ROW(linear, 199, LR),
    ROW(linear_down, 0, LR),
    ROW(linear_down, 20, LR * 0.75),
    ROW(linear_down, 40, LR * 0.5),
    ROW(linear_down, 199, LR * 0.5),
    ROW(poly, 0, LR),
    ROW(poly, 50, LR * 0.25),
    ROW(poly, 90, LR * 0.01),
    ROW(poly, 100, 0),
    ROW(poly, 199, 0),
    ROW(poly1, 25, LR * 0.75),
    ROW(poly1, 100, 0),
    ROW(plateau, 0, LR), /* without a plateau state: the base rate */
    ROW(warm_cosine, 0, LR / 20),
    ROW(warm_cosine, 9, LR / 2),
    ROW(warm_cosine, 19, LR),
    ROW(warm_cosine, 20, LR),
    ROW(warm_cosine, 110, (LR + MIN) / 2),
    ROW(warm_cosine, 199, cosw(LR, MIN, 179.0 / 180)),
    ROW(warm_onecycle, 0, LR / 50),
    ROW(warm_onecycle, 49, LR),
    ROW(warm_onecycle, 50, OC_INIT),
    ROW(warm_onecycle, 94, LR),
    ROW(warm_onecycle, 199, OC_FINAL),
    ROW(warm_all, 0, LR / 200),
    ROW(warm_all, 199, LR),
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    const struct sched_case *r = &cases[k];
    lrp_config c = make(r->setup);
    check_ctx("%s at t=%d", r->name, r->t);
    CHECK_NEAR(lrp_sched_lr(&c, r->t, NULL), r->want, REL, 0);
  }
}

/* With warm-up w: lr (t + 1) / w for t < w, then the schedule of a run of
   steps - w updates at t - w. */
static void test_warmup_shift(void) {
  static const struct {
    const char *name;
    setup_fn setup;
  } all[] = {{"constant", constant}, {"step", step},
             {"multistep", multistep}, {"exp", expo},
             {"cosine", cosine},       {"restarts", restarts2},
             {"onecycle", onecycle},   {"cyclic2", cyclic2},
             {"linear", linear},       {"poly", poly}};
  const int w = 30;
  for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
    lrp_config warm = make(all[k].setup), shifted = make(all[k].setup);
    warm.warmup = w;
    shifted.steps = STEPS - w;
    worst ramp = worst_init(REL, 0), rest = worst_init(0, 0);
    for (int t = 0; t < STEPS; t++) {
      double got = lrp_sched_lr(&warm, t, NULL);
      if (t < w)
        worst_add(&ramp, t, got, LR * (t + 1) / w);
      else
        worst_add(&rest, t, got, lrp_sched_lr(&shifted, t - w, NULL));
    }
    check_ctx("%s warm-up ramp", all[k].name);
    CHECK_WORST(ramp);
    check_ctx("%s after warm-up = shifted schedule", all[k].name);
    CHECK_WORST(rest);
  }
}

/* Direction of a schedule over [from, to]: -1 non-increasing, +1
   non-decreasing; strict asks for strict. Reports the first step against it,
   or -1. */
static int first_against(setup_fn setup, int from, int to, int dir,
                         int strict) {
  lrp_config c = make(setup);
  for (int t = from; t < to; t++) {
    double now = lrp_sched_lr(&c, t, NULL);
    double d = dir * (lrp_sched_lr(&c, t + 1, NULL) - now);
    if (d < 0 || (strict && d == 0)) return t;
  }
  return -1;
}

static void test_monotone(void) {
  static const struct {
    const char *what;
    setup_fn setup;
    int from, to, dir, strict;
  } runs[] = {
      {"cosine non-increasing over [0, t_max]", cosine, 0, 100, -1, 0},
      {"exp decreasing", expo, 0, STEPS - 1, -1, 1},
      {"step non-increasing", step, 0, STEPS - 1, -1, 0},
      {"multistep non-increasing", multistep, 0, STEPS - 1, -1, 0},
      {"poly non-increasing", poly, 0, STEPS - 1, -1, 0},
      {"poly decreasing over [0, iters]", poly, 0, 100, -1, 1},
      {"linear non-decreasing", linear, 0, STEPS - 1, +1, 0},
      {"onecycle rising to its peak", onecycle, 0, 59, +1, 1},
      {"onecycle falling after its peak", onecycle, 59, STEPS - 1, -1, 1},
      {"restarts falling within a period", restarts2, 60, 139, -1, 1},
      {"warm-up rising", warm_cosine, 0, 19, +1, 1},
  };
  for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
    check_ctx("%s", runs[k].what);
    CHECK_INT(first_against(runs[k].setup, runs[k].from, runs[k].to,
                            runs[k].dir, runs[k].strict),
              -1);
  }
}

/* ReduceLROnPlateau(mode='min', threshold_mode='rel'): a loss is better if
   below best (1 - threshold); after more than patience bad losses the rate
   becomes max(lr factor, min_lr), unless that changes it by 1e-8 or less;
   cooldown losses after a cut count as good. want[i] is the rate after
   observing loss[i]. */
#define MAX_SEQ 12
static const struct plateau_case {
  const char *what;
  double lr, factor, threshold, min_lr;
  int patience, cooldown, n;
  double loss[MAX_SEQ], want[MAX_SEQ];
} plateau_cases[] = {
    {"patience 2, threshold 0.1", 1, 0.5, 0.1, 0, 2, 0, 8,
     {10, 9.5, 9.1, 9.05, 8.0, 7.5, 7.3, 7.25},
     {1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25}},
    {"threshold is strict and relative to the best", 1, 0.5, 0.1, 0, 0, 0, 4,
     {10, 9, 8.99, 8.99 * 0.9},
     {1, 0.5, 0.5, 0.25}},
    {"threshold 0: any decrease is better", 1, 0.5, 0, 0, 1, 0, 6,
     {5, 4.9999, 4.9998, 4.9998, 4.9998, 4.9997},
     {1, 1, 1, 1, 0.5, 0.5}},
    {"cooldown 2 after each cut", 1, 0.5, 1e-4, 0, 0, 2, 9,
     {5, 5, 5, 5, 5, 5, 5, 5, 5},
     {1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125, 0.125}},
    {"cooldown ends, then patience counts again", 1, 0.5, 1e-4, 0, 1, 1, 8,
     {5, 5, 5, 5, 5, 5, 5, 5},
     {1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25}},
    {"min_lr floors the rate", 1, 0.1, 1e-4, 0.05, 0, 0, 5,
     {3, 3, 3, 3, 3},
     {1, 0.1, 0.05, 0.05, 0.05}},
    {"a cut of 1e-8 or less is skipped (eps)", 1.5e-8, 0.5, 1e-4, 0, 0, 0,
     3, {3, 3, 3}, {1.5e-8, 1.5e-8, 1.5e-8}},
    {"a cut of more than 1e-8 is taken", 3e-8, 0.5, 1e-4, 0, 0, 0, 4,
     {3, 3, 3, 3}, {3e-8, 1.5e-8, 1.5e-8, 1.5e-8}},
};

static void test_plateau(void) {
  for (size_t k = 0; k < sizeof plateau_cases / sizeof plateau_cases[0];
       k++) {
    const struct plateau_case *p = &plateau_cases[k];
    lrp_config c = make(plateau);
    c.lr = p->lr, c.factor = p->factor, c.threshold = p->threshold;
    c.min_lr = p->min_lr, c.patience = p->patience, c.cooldown = p->cooldown;
    lrp_plateau pl;
    lrp_plateau_init(&pl, &c);
    check_ctx("plateau %s, before any loss", p->what);
    CHECK_NEAR(lrp_sched_lr(&c, 0, &pl), p->lr, REL, 0);
    for (int i = 0; i < p->n; i++) {
      lrp_plateau_observe(&pl, &c, p->loss[i]);
      check_ctx("plateau %s, after loss %d (%g)", p->what, i, p->loss[i]);
      CHECK_NEAR(lrp_sched_lr(&c, i + 1, &pl), p->want[i], REL, 0);
    }
  }
}

void test_sched(void) {
  test_closed_forms();
  test_warmup_shift();
  test_monotone();
  test_plateau();
}
