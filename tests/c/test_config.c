/* test_config.c - config.c against PRESET.md: the defaults, the field
   table, lrp_config_set's ranges, lists, lrp_config_check's cross-key rules,
   the enumerations' names and the error messages. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lrp.h"

static int field(const char *name) {
  int f = lrp_config_field_find(name);
  check_ctx("field %s exists", name);
  CHECK(f >= 0);
  return f;
}

static lrp_config defaults(void) {
  lrp_config c;
  lrp_config_init(&c);
  return c;
}

/* PRESET.md's defaults for the default run (rosenbrock, sgd, constant,
   200 steps, no warm-up), every key once; lists element by element. */
static void test_defaults(void) {
  static const struct {
    const char *key;
    int k;
    double want;
  } want[] = {
      {"v", 0, 1},           {"problem", 0, LRP_ROSENBROCK},
      {"steps", 0, 200},     {"seed", 0, 1},
      {"cond", 0, 10},       {"x0", 0, -1.5},
      {"y0", 0, 2},          {"data", 0, LRP_MOONS},
      {"classes", 0, 2},     {"n", 0, 200},
      {"noise", 0, 0.1},
      {"batch", 0, 0},       {"hidden", 0, 8},
      {"hidden", 1, 8},      {"act", 0, LRP_TANH},
      {"holdout", 0, 0.2},   {"opt", 0, LRP_SGD},
      {"lr", 0, 0.01},       {"momentum", 0, 0.9},
      {"alpha", 0, 0.99},    {"b1", 0, 0.9},
      {"b2", 0, 0.999},      {"eps", 0, 1e-8},
      {"wd", 0, 0},          {"amsgrad", 0, 0},
      {"bc", 0, 1},          {"sched", 0, LRP_CONSTANT},
      {"warmup", 0, 0},      {"step_size", 0, 50},
      {"milestones", 0, 66}, {"milestones", 1, 133},
      {"gamma", 0, 0.1},     {"t_max", 0, 200},
      {"t0", 0, 50},         {"t_mult", 0, 1},
      {"pct_start", 0, 0.3}, {"div", 0, 25},
      {"final_div", 0, 1e4}, {"min_lr", 0, 0},
      {"step_up", 0, 25},    {"step_down", 0, 25},
      {"mode", 0, LRP_TRIANGULAR}, {"start", 0, 1.0 / 3},
      {"end", 0, 1},         {"iters", 0, 200},
      {"power", 0, 1},       {"factor", 0, 0.1},
      {"patience", 0, 10},   {"threshold", 0, 1e-4},
      {"cooldown", 0, 0},
  };
  lrp_config c = defaults();
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    int f = field(want[i].key);
    check_ctx("default %s[%d]", want[i].key, want[i].k);
    CHECK_EXACT(lrp_config_get(&c, f, want[i].k), want[i].want);
  }
  check_ctx("default lists' lengths");
  CHECK_INT(c.n_hidden, 2);
  CHECK_INT(c.n_milestones, 2);
  CHECK(isnan(lrp_config_get(&c, field("hidden"), 2)));
  check_ctx("defaults pass lrp_config_check");
  int bad = 12345;
  CHECK_INT(lrp_config_check(&c, &bad), LRP_OK);
  CHECK_INT(bad, -1);
}

/* Every PRESET.md key is a field; names and indices round-trip. */
static void test_field_table(void) {
  static const char *const keys[] = {
      "v",        "problem",   "steps",    "seed",      "cond",
      "x0",       "y0",        "data",     "classes",   "n",         "noise",
      "batch",    "hidden",    "act",      "holdout",   "opt",
      "lr",       "momentum",  "alpha",    "b1",        "b2",
      "eps",      "wd",        "amsgrad",  "bc",        "sched",
      "warmup",   "step_size", "milestones", "gamma",   "t_max",
      "min_lr",   "t0",        "t_mult",   "pct_start", "div",
      "final_div", "step_up",  "step_down", "mode",     "start",
      "end",      "iters",     "power",    "factor",    "patience",
      "threshold", "cooldown"};
  int n = lrp_config_field_count();
  check_ctx("field count is PRESET.md's key count");
  CHECK_INT(n, (int)(sizeof keys / sizeof keys[0]));
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) field(keys[i]);
  for (int f = 0; f < n; f++) {
    const char *name = lrp_config_field_name(f);
    check_ctx("field %d round trip", f);
    CHECK(name != NULL);
    CHECK_INT(lrp_config_field_find(name ? name : ""), f);
  }
  check_ctx("field table edges");
  CHECK(lrp_config_field_name(-1) == NULL);
  CHECK(lrp_config_field_name(n) == NULL);
  CHECK_INT(lrp_config_field_find("nope"), -1);
  CHECK_INT(lrp_config_field_find(""), -1);
  CHECK_INT(lrp_config_field_find("LR"), -1);
  CHECK_INT(lrp_config_field_find(NULL), -1);
  CHECK_INT(lrp_config_size(), (int)sizeof(lrp_config));
}

/* Sets field `key` element k of a default config to x: the code must be
   `err`; an accepted value reads back, a rejected one leaves the whole
   config as it was. */
static void set_one(const char *key, int k, double x, int err) {
  lrp_config c = defaults(), before = c;
  int f = field(key);
  check_ctx("set %s[%d] = %.17g", key, k, x);
  CHECK_INT(lrp_config_set(&c, f, k, x), err);
  if (err == LRP_OK)
    CHECK_EXACT(lrp_config_get(&c, f, k), x);
  else
    CHECK_INT(first_diff(&c, &before, sizeof c), -1);
}

/* PRESET.md's ranges (the header's table where PRESET.md says only "a
   rate" or "a fraction"): each end is accepted unless open, the nearest
   value beyond it is rejected, the nearest inside an open end accepted. */
static void test_ranges(void) {
  enum { CLOSED = 0, OPEN_LO = 1, OPEN_HI = 2, OPEN = 3 };
  static const struct {
    const char *key;
    double lo, hi;
    int open, integer;
  } ranges[] = {
      {"v", 1, 1, CLOSED, 1},
      {"steps", 1, 100000, CLOSED, 1},
      {"seed", 0, 4294967295.0, CLOSED, 1},
      {"cond", 1, 1000, CLOSED, 0},
      {"x0", -1000, 1000, CLOSED, 0},
      {"y0", -1000, 1000, CLOSED, 0},
      {"n", 4, 10000, CLOSED, 1},
      {"noise", 0, 1, CLOSED, 0},
      {"batch", 0, 10000, CLOSED, 1},
      {"hidden", 1, 64, CLOSED, 1},
      {"holdout", 0, 0.5, CLOSED, 0},
      {"lr", 0, 100, OPEN_LO, 0},
      {"momentum", 0, 1, OPEN_HI, 0},
      {"alpha", 0, 1, OPEN_HI, 0},
      {"b1", 0, 1, OPEN_HI, 0},
      {"b2", 0, 1, OPEN_HI, 0},
      {"eps", 0, 1, OPEN_LO, 0},
      {"wd", 0, 1, CLOSED, 0},
      {"amsgrad", 0, 1, CLOSED, 1},
      {"bc", 0, 1, CLOSED, 1},
      {"warmup", 0, 100000, CLOSED, 1},
      {"step_size", 1, 100000, CLOSED, 1},
      {"milestones", 0, 100000, CLOSED, 1},
      {"gamma", 0, 100, OPEN_LO, 0},
      {"t_max", 1, 100000, CLOSED, 1},
      {"t0", 1, 100000, CLOSED, 1},
      {"t_mult", 1, 100, CLOSED, 1},
      {"pct_start", 0, 1, OPEN, 0},
      {"div", 0, 1e6, OPEN_LO, 0},
      {"final_div", 0, 1e9, OPEN_LO, 0},
      {"min_lr", 0, 100, CLOSED, 0},
      {"step_up", 1, 100000, CLOSED, 1},
      {"step_down", 1, 100000, CLOSED, 1},
      {"start", 0, 1, OPEN_LO, 0},
      {"end", 0, 1, OPEN_LO, 0},
      {"iters", 1, 100000, CLOSED, 1},
      {"power", 0, 10, OPEN_LO, 0},
      {"factor", 0, 1, OPEN, 0},
      {"patience", 0, 100000, CLOSED, 1},
      {"threshold", 0, 1, OPEN_HI, 0},
      {"cooldown", 0, 100000, CLOSED, 1},
  };
  for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
    const char *key = ranges[i].key;
    double lo = ranges[i].lo, hi = ranges[i].hi;
    int open_lo = ranges[i].open & OPEN_LO, open_hi = ranges[i].open & OPEN_HI;
    double below = ranges[i].integer ? lo - 1 : nextafter(lo, -INFINITY);
    double above = ranges[i].integer ? hi + 1 : nextafter(hi, INFINITY);
    set_one(key, 0, lo, open_lo ? LRP_E_RANGE : LRP_OK);
    set_one(key, 0, hi, open_hi ? LRP_E_RANGE : LRP_OK);
    set_one(key, 0, below, LRP_E_RANGE);
    set_one(key, 0, above, LRP_E_RANGE);
    if (open_lo) set_one(key, 0, nextafter(lo, hi), LRP_OK);
    if (open_hi) set_one(key, 0, nextafter(hi, lo), LRP_OK);
    if (ranges[i].integer) set_one(key, 0, lo + 0.5, LRP_E_NOT_INTEGER);
    set_one(key, 0, NAN, LRP_E_NOT_FINITE);
    set_one(key, 0, INFINITY, LRP_E_NOT_FINITE);
    set_one(key, 0, -INFINITY, LRP_E_NOT_FINITE);
  }
}

/* Enumerations take the integers below their count; list and element
   indices; a bad field index or config. */
static void test_set(void) {
  static const struct {
    const char *key;
    int count;
  } enums[] = {{"problem", LRP_PROBLEM_COUNT}, {"opt", LRP_OPT_COUNT},
               {"sched", LRP_SCHED_COUNT},     {"mode", LRP_MODE_COUNT},
               {"data", LRP_DATA_COUNT},       {"act", LRP_ACT_COUNT}};
  for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
    set_one(enums[i].key, 0, 0, LRP_OK);
    set_one(enums[i].key, 0, enums[i].count - 1, LRP_OK);
    set_one(enums[i].key, 0, enums[i].count, LRP_E_ENUM);
    set_one(enums[i].key, 0, -1, LRP_E_ENUM);
    set_one(enums[i].key, 0, 0.5, LRP_E_NOT_INTEGER);
    set_one(enums[i].key, 0, NAN, LRP_E_NOT_FINITE);
  }
  set_one("lr", 1, 0.5, LRP_E_LIST_LEN); /* a number has element 0 only */
  set_one("lr", -1, 0.5, LRP_E_LIST_LEN);
  set_one("steps", 1, 10, LRP_E_LIST_LEN);
  set_one("hidden", LRP_MAX_HIDDEN, 8, LRP_E_LIST_LEN);
  set_one("hidden", -1, 8, LRP_E_LIST_LEN);
  set_one("milestones", LRP_MAX_MILESTONES, 8, LRP_E_LIST_LEN);

  lrp_config c = defaults(), before = c;
  check_ctx("set rejects a bad field index or a NULL config");
  CHECK_INT(lrp_config_set(&c, -1, 0, 1), LRP_E_FIELD);
  CHECK_INT(lrp_config_set(&c, lrp_config_field_count(), 0, 1), LRP_E_FIELD);
  CHECK_INT(first_diff(&c, &before, sizeof c), -1);
  CHECK_INT(lrp_config_set(NULL, field("lr"), 0, 0.5), LRP_E_NULL);
  check_ctx("get of a bad field index, element or config is NaN");
  CHECK(isnan(lrp_config_get(&c, -1, 0)));
  CHECK(isnan(lrp_config_get(&c, lrp_config_field_count(), 0)));
  CHECK(isnan(lrp_config_get(&c, field("lr"), 1)));
  CHECK(isnan(lrp_config_get(NULL, field("lr"), 0)));
  check_ctx("set -0 stores +0");
  CHECK_INT(lrp_config_set(&c, field("wd"), 0, -0.0), LRP_OK);
  CHECK(!signbit(c.wd));
}

/* Lists are set element by element: the list is as long as the elements
   written from 0. */
static void test_lists(void) {
  lrp_config c = defaults();
  int ms = field("milestones"), hid = field("hidden");
  static const double want_ms[] = {10, 20, 30, 40};
  for (int k = 0; k < 4; k++) {
    check_ctx("set milestones[%d]", k);
    CHECK_INT(lrp_config_set(&c, ms, k, want_ms[k]), LRP_OK);
    CHECK_INT(c.n_milestones, k + 1);
  }
  for (int k = 0; k < 4; k++) {
    check_ctx("get milestones[%d]", k);
    CHECK_EXACT(lrp_config_get(&c, ms, k), want_ms[k]);
    CHECK_INT(c.milestones[k], (int)want_ms[k]);
  }
  check_ctx("milestones past the end");
  CHECK(isnan(lrp_config_get(&c, ms, 4)));
  CHECK(isnan(lrp_config_get(&c, ms, -1)));
  for (int k = 0; k < LRP_MAX_HIDDEN; k++) {
    check_ctx("set hidden[%d]", k);
    CHECK_INT(lrp_config_set(&c, hid, k, 4 + k), LRP_OK);
    CHECK_INT(c.n_hidden, k + 1);
    CHECK_INT(c.hidden[k], 4 + k);
  }
  check_ctx("hidden of three passes the check");
  CHECK_INT(lrp_config_check(&c, NULL), LRP_OK);
  check_ctx("a full milestones list");
  for (int k = 0; k < LRP_MAX_MILESTONES; k++)
    CHECK_INT(lrp_config_set(&c, ms, k, 5 * k), LRP_OK);
  CHECK_INT(c.n_milestones, LRP_MAX_MILESTONES);
  CHECK_EXACT(lrp_config_get(&c, ms, LRP_MAX_MILESTONES - 1),
              5 * (LRP_MAX_MILESTONES - 1));
  /* a length field past the array (a binding that wrote the struct itself)
     still ends the list at the array's end: lrp_config_get reads nothing
     past it (the config on the heap, so that AddressSanitizer would see) */
  check_ctx("lists' lengths past their arrays (found by tests/fuzz)");
  lrp_config *h = malloc(sizeof *h);
  CHECK(h != NULL);
  if (!h) return;
  *h = defaults();
  h->n_milestones = h->n_hidden = 1000;
  int past = 0;
  for (int k = LRP_MAX_MILESTONES; k < 1000; k++)
    past += !isnan(lrp_config_get(h, ms, k));
  for (int k = LRP_MAX_HIDDEN; k < 1000; k++)
    past += !isnan(lrp_config_get(h, hid, k));
  CHECK_INT(past, 0);
  CHECK_EXACT(lrp_config_get(h, ms, 1), h->milestones[1]); /* inside: as stored */
  CHECK_INT(lrp_config_check(h, NULL), LRP_E_LIST_LEN);
  free(h);
}

static void bad_warmup(lrp_config *c) { c->warmup = c->steps + 1; }
static void nesterov_no_momentum(lrp_config *c) {
  c->opt = LRP_NESTEROV, c->momentum = 0;
}
static void lr_zero(lrp_config *c) { c->lr = 0; }
static void lr_nan(lrp_config *c) { c->lr = NAN; }
static void pct_one(lrp_config *c) { c->pct_start = 1; }
static void no_milestones(lrp_config *c) { c->n_milestones = 0; }
static void many_hidden(lrp_config *c) { c->n_hidden = LRP_MAX_HIDDEN + 1; }
static void hidden_zero(lrp_config *c) { c->hidden[1] = 0; }
static void bad_opt(lrp_config *c) { c->opt = LRP_OPT_COUNT; }
static void linreg_moons(lrp_config *c) {
  c->problem = LRP_LINREG, c->data = LRP_MOONS;
}
static void logreg_sine(lrp_config *c) {
  c->problem = LRP_LOGREG, c->data = LRP_SINE;
}
static void batch_over_n(lrp_config *c) {
  c->problem = LRP_MLP, c->n = 100, c->batch = 101;
}
static void warmup_all(lrp_config *c) { c->warmup = c->steps; }
static void nesterov_ok(lrp_config *c) {
  c->opt = LRP_NESTEROV, c->momentum = 0.5;
}
static void linreg_line(lrp_config *c) {
  c->problem = LRP_LINREG, c->data = LRP_LINE;
}
/* The batch is drawn from the training points, n - floor(n * holdout):
   80 of 100 with the default holdout 0.2, 5 of 11 with 0.5 (issue 16). */
static void batch_over_train(lrp_config *c) {
  c->problem = LRP_MLP, c->n = 100, c->batch = 81;
}
static void batch_over_half(lrp_config *c) {
  c->problem = LRP_MLP, c->n = 11, c->holdout = 0.5, c->batch = 7;
}
static void batch_is_n_train(lrp_config *c) {
  c->problem = LRP_MLP, c->n = 100, c->batch = 80;
}
static void batch_is_half(lrp_config *c) {
  c->problem = LRP_MLP, c->n = 11, c->holdout = 0.5, c->batch = 6;
}

/* lrp_config_check on fields written directly: the code and the field. */
static void test_check(void) {
  static const struct {
    const char *what;
    void (*edit)(lrp_config *c);
    int err;
    const char *field; /* NULL: none */
  } checks[] = {
      {"warmup > steps", bad_warmup, LRP_E_WARMUP, "warmup"},
      {"nesterov, momentum 0", nesterov_no_momentum, LRP_E_NESTEROV,
       "momentum"},
      {"lr 0", lr_zero, LRP_E_RANGE, "lr"},
      {"lr NaN", lr_nan, LRP_E_NOT_FINITE, "lr"},
      {"pct_start 1", pct_one, LRP_E_RANGE, "pct_start"},
      {"no milestones", no_milestones, LRP_E_LIST_LEN, "milestones"},
      {"four hidden layers", many_hidden, LRP_E_LIST_LEN, "hidden"},
      {"a hidden layer of 0", hidden_zero, LRP_E_RANGE, "hidden"},
      {"opt past the end", bad_opt, LRP_E_ENUM, "opt"},
      {"linreg on moons", linreg_moons, LRP_E_DATA, "data"},
      {"logreg on sine", logreg_sine, LRP_E_DATA, "data"},
      {"batch > n", batch_over_n, LRP_E_BATCH, "batch"},
      {"warmup = steps", warmup_all, LRP_OK, NULL},
      {"nesterov, momentum 0.5", nesterov_ok, LRP_OK, NULL},
      {"linreg on line", linreg_line, LRP_OK, NULL},
      {"batch > n_train", batch_over_train, LRP_E_BATCH, "batch"},
      {"batch > n_train, holdout 0.5", batch_over_half, LRP_E_BATCH, "batch"},
      {"batch = n_train", batch_is_n_train, LRP_OK, NULL},
      {"batch = n_train, holdout 0.5", batch_is_half, LRP_OK, NULL},
  };
  for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
    lrp_config c = defaults();
    checks[i].edit(&c);
    int bad = 12345, want_bad = checks[i].field ? field(checks[i].field) : -1;
    check_ctx("check: %s", checks[i].what);
    CHECK_INT(lrp_config_check(&c, &bad), checks[i].err);
    CHECK_INT(bad, want_bad);
    CHECK_INT(lrp_config_check(&c, NULL), checks[i].err);
  }
  int bad = 12345;
  check_ctx("check: NULL config");
  CHECK_INT(lrp_config_check(NULL, &bad), LRP_E_NULL);
  CHECK_INT(bad, -1);
}

/* Enumerations list PRESET.md's names in its order, then NULL. */
static void test_enums(void) {
  static const char *const problem[] = {"quadratic", "rosenbrock", "beale",
                                        "himmelblau", "saddle", "wells",
                                        "linreg", "logreg", "mlp", NULL};
  static const char *const opt[] = {"sgd",     "momentum", "nesterov",
                                    "adagrad", "rmsprop",  "adam",
                                    "adamw",   NULL};
  static const char *const sched[] = {
      "constant", "step",   "multistep", "exp",  "cosine", "restarts",
      "onecycle", "cyclic", "linear",    "poly", "plateau", NULL};
  static const char *const mode[] = {"triangular", "triangular2", "exp_range",
                                     NULL};
  static const char *const data[] = {"moons", "circles", "spiral", "xor",
                                     "blobs", "line",    "sine",   "own",
                                     NULL};
  static const char *const act[] = {"tanh", "relu", "sigmoid", NULL};
  static const struct {
    const char *key;
    const char *const *names;
    int count;
  } enums[] = {{"problem", problem, LRP_PROBLEM_COUNT},
               {"opt", opt, LRP_OPT_COUNT},
               {"sched", sched, LRP_SCHED_COUNT},
               {"mode", mode, LRP_MODE_COUNT},
               {"data", data, LRP_DATA_COUNT},
               {"act", act, LRP_ACT_COUNT}};
  for (size_t e = 0; e < sizeof enums / sizeof enums[0]; e++) {
    int f = field(enums[e].key);
    for (int i = 0; i <= enums[e].count; i++) {
      const char *got = lrp_enum_name(f, i), *want = enums[e].names[i];
      check_ctx("enum %s[%d] = %s", enums[e].key, i, want ? want : "NULL");
      CHECK(want ? got && strcmp(got, want) == 0 : got == NULL);
    }
    check_ctx("enum %s[-1]", enums[e].key);
    CHECK(lrp_enum_name(f, -1) == NULL);
  }
  check_ctx("enum names of fields that are not enums");
  CHECK(lrp_enum_name(field("lr"), 0) == NULL);
  CHECK(lrp_enum_name(field("amsgrad"), 0) == NULL);
  CHECK(lrp_enum_name(-1, 0) == NULL);
  CHECK(lrp_enum_name(lrp_config_field_count(), 0) == NULL);
}

/* Every code has its own message; others are "unknown". */
static void test_errors(void) {
  for (int a = 0; a < LRP_ERROR_COUNT; a++) {
    const char *ma = lrp_error_message(a);
    check_ctx("error message %d", a);
    CHECK(ma != NULL && ma[0] != '\0');
    for (int b = 0; b < a; b++)
      if (ma && strcmp(ma, lrp_error_message(b)) == 0) CHECK_INT(a, b);
  }
  check_ctx("error message out of range");
  CHECK(strcmp(lrp_error_message(-1), lrp_error_message(LRP_ERROR_COUNT)) == 0);
  CHECK(strcmp(lrp_error_message(LRP_ERROR_COUNT), lrp_error_message(0)) != 0);
}

void test_config(void) {
  test_defaults();
  test_field_table();
  test_ranges();
  test_set();
  test_lists();
  test_check();
  test_enums();
  test_errors();
}
