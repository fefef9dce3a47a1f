/* config.c - the preset as a C struct: defaults, the field table, checks. */
#include "lrp.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#define LRP_MSG_ITEM(name, msg) msg,
static const char *const error_messages[] = {LRP_ERRORS(LRP_MSG_ITEM)};
#undef LRP_MSG_ITEM

const char *lrp_error_message(int code) {
  if (code < 0 || code >= LRP_ERROR_COUNT) return "unknown error";
  return error_messages[code];
}

enum { KIND_I, KIND_N, KIND_E, KIND_B, KIND_L };
#define KIND_OF_I KIND_I
#define KIND_OF_N KIND_N
#define KIND_OF_E KIND_E
#define KIND_OF_B KIND_B
#define KIND_OF_L KIND_L

typedef struct field {
  const char *name;
  int kind, open;
  double lo, hi;
  size_t offset;  /* of the value (of element 0 for lists) */
  size_t count;   /* of the list's length; 0 otherwise */
  int max_len;    /* of a list */
} field;

/* Lists store their length in n_<name>. */
#define COUNT_OF_hidden offsetof(lrp_config, n_hidden)
#define COUNT_OF_milestones offsetof(lrp_config, n_milestones)
#define MAXLEN_OF_hidden LRP_MAX_HIDDEN
#define MAXLEN_OF_milestones LRP_MAX_MILESTONES
#define LIST_COUNT(name, kind) LIST_COUNT_##kind(name)
#define LIST_COUNT_I(name) 0
#define LIST_COUNT_N(name) 0
#define LIST_COUNT_E(name) 0
#define LIST_COUNT_B(name) 0
#define LIST_COUNT_L(name) COUNT_OF_##name
#define LIST_MAX(name, kind) LIST_MAX_##kind(name)
#define LIST_MAX_I(name) 1
#define LIST_MAX_N(name) 1
#define LIST_MAX_E(name) 1
#define LIST_MAX_B(name) 1
#define LIST_MAX_L(name) MAXLEN_OF_##name

#define FIELD_ITEM(name, kind, lo, hi, open)                            \
  {#name, KIND_OF_##kind, open, lo, hi, offsetof(lrp_config, name),     \
   LIST_COUNT(name, kind), LIST_MAX(name, kind)},
static const field fields[] = {LRP_FIELDS(FIELD_ITEM)};
#undef FIELD_ITEM
#define FIELD_COUNT ((int)(sizeof fields / sizeof fields[0]))

/* Field indices, for the cross-key rules. */
#define FIELD_INDEX(name, kind, lo, hi, open) F_##name,
enum { LRP_FIELDS(FIELD_INDEX) F_COUNT };
#undef FIELD_INDEX

static const char *const problem_names[] = {
    "quadratic", "rosenbrock", "beale", "himmelblau", "saddle",
    "wells",     "linreg",     "logreg", "mlp"};
static const char *const opt_names[] = {"sgd",     "momentum", "nesterov",
                                        "adagrad", "rmsprop",  "adam",
                                        "adamw"};
static const char *const sched_names[] = {
    "constant", "step",   "multistep", "exp",    "cosine",  "restarts",
    "onecycle", "cyclic", "linear",    "poly",   "plateau"};
static const char *const mode_names[] = {"triangular", "triangular2",
                                         "exp_range"};
static const char *const data_names[] = {"moons", "circles", "spiral", "xor",
                                         "blobs", "line",    "sine",   "own"};
static const char *const act_names[] = {"tanh", "relu", "sigmoid"};

const char *lrp_enum_name(int f, int i) {
  const char *const *names;
  switch (f) {
    case F_problem: names = problem_names; break;
    case F_opt: names = opt_names; break;
    case F_sched: names = sched_names; break;
    case F_mode: names = mode_names; break;
    case F_data: names = data_names; break;
    case F_act: names = act_names; break;
    default: return NULL;
  }
  if (i < 0 || i >= (int)fields[f].hi) return NULL;
  return names[i];
}

int lrp_config_field_count(void) { return FIELD_COUNT; }
int lrp_config_size(void) { return (int)sizeof(lrp_config); }

const char *lrp_config_field_name(int f) {
  return f >= 0 && f < FIELD_COUNT ? fields[f].name : NULL;
}

int lrp_config_field_find(const char *name) {
  if (!name) return -1;
  for (int f = 0; f < FIELD_COUNT; f++)
    if (strcmp(fields[f].name, name) == 0) return f;
  return -1;
}

static int is_int_kind(int kind) { return kind != KIND_N; }

static int check_value(const field *fd, double x) {
  if (!isfinite(x)) return LRP_E_NOT_FINITE;
  if (is_int_kind(fd->kind) && x != floor(x)) return LRP_E_NOT_INTEGER;
  if (fd->kind == KIND_E) return x >= 0 && x < fd->hi ? LRP_OK : LRP_E_ENUM;
  if (x < fd->lo || x > fd->hi) return LRP_E_RANGE;
  if ((fd->open & LRP_OPEN_LO) && x == fd->lo) return LRP_E_RANGE;
  if ((fd->open & LRP_OPEN_HI) && x == fd->hi) return LRP_E_RANGE;
  return LRP_OK;
}

static char *at(lrp_config *cfg, const field *fd, int k) {
  size_t size = fd->kind == KIND_N ? sizeof(double) : sizeof(int);
  if (fd->offset == offsetof(lrp_config, seed)) size = sizeof(uint32_t);
  return (char *)cfg + fd->offset + (size_t)k * size;
}

int lrp_config_set(lrp_config *cfg, int f, int k, double x) {
  if (!cfg) return LRP_E_NULL;
  if (f < 0 || f >= FIELD_COUNT) return LRP_E_FIELD;
  const field *fd = &fields[f];
  if (k < 0 || k >= fd->max_len) return LRP_E_LIST_LEN;
  int err = check_value(fd, x);
  if (err) return err;
  char *p = at(cfg, fd, k);
  if (fd->kind == KIND_N) {
    double d = x == 0 ? 0.0 : x; /* -0 and 0 are one value */
    memcpy(p, &d, sizeof d);
  } else if (f == F_seed) {
    uint32_t u = (uint32_t)x;
    memcpy(p, &u, sizeof u);
  } else {
    int i = (int)x;
    memcpy(p, &i, sizeof i);
  }
  if (fd->kind == KIND_L) {
    int len = k + 1; /* setting element k makes the list k + 1 long */
    memcpy((char *)cfg + fd->count, &len, sizeof len);
  }
  return LRP_OK;
}

double lrp_config_get(const lrp_config *cfg, int f, int k) {
  if (!cfg || f < 0 || f >= FIELD_COUNT) return NAN;
  const field *fd = &fields[f];
  if (fd->kind == KIND_L) {
    int len;
    memcpy(&len, (const char *)cfg + fd->count, sizeof len);
    /* a length past the array (a struct written by hand) ends there too */
    if (k < 0 || k >= len || k >= fd->max_len) return NAN;
  } else if (k != 0) {
    return NAN;
  }
  const char *p = at((lrp_config *)cfg, fd, k);
  if (fd->kind == KIND_N) {
    double d;
    memcpy(&d, p, sizeof d);
    return d;
  }
  if (f == F_seed) {
    uint32_t u;
    memcpy(&u, p, sizeof u);
    return u;
  }
  int i;
  memcpy(&i, p, sizeof i);
  return i;
}

static int max1(int x) { return x > 1 ? x : 1; }

void lrp_config_init(lrp_config *c) {
  memset(c, 0, sizeof *c);
  c->v = 1;
  c->problem = LRP_ROSENBROCK;
  c->steps = 200;
  c->seed = 1;
  c->cond = 10;
  double xy[2];
  lrp_surface_start(c->problem, xy);
  c->x0 = xy[0];
  c->y0 = xy[1];
  c->data = LRP_MOONS;
  c->classes = 2;
  c->n = 200;
  c->noise = 0.1;
  c->batch = 0;
  c->hidden[0] = c->hidden[1] = 8;
  c->n_hidden = 2;
  c->act = LRP_TANH;
  c->holdout = 0.2;
  c->opt = LRP_SGD;
  c->lr = 0.01;
  c->momentum = 0.9;
  c->alpha = 0.99;
  c->b1 = 0.9;
  c->b2 = 0.999;
  c->eps = 1e-8;
  c->wd = 0;
  c->amsgrad = 0;
  c->bc = 1;
  c->sched = LRP_CONSTANT;
  c->warmup = 0;
  int L = c->steps;
  c->step_size = max1(L / 4);
  c->milestones[0] = L / 3;
  c->milestones[1] = 2 * L / 3;
  c->n_milestones = 2;
  c->gamma = 0.1;
  c->t_max = max1(L);
  c->t0 = max1(L / 4);
  c->t_mult = 1;
  c->pct_start = 0.3;
  c->div = 25;
  c->final_div = 1e4;
  c->min_lr = 0;
  c->step_up = c->step_down = max1(L / 8);
  c->mode = LRP_TRIANGULAR;
  c->start = 1.0 / 3.0;
  c->end = 1;
  c->iters = max1(L);
  c->power = 1;
  c->factor = 0.1;
  c->patience = 10;
  c->threshold = 1e-4;
  c->cooldown = 0;
}


int lrp_config_check(const lrp_config *cfg, int *bad_field) {
  int bad = -1, err = LRP_OK;
  if (!cfg) {
    err = LRP_E_NULL;
    goto done;
  }
  for (int f = 0; f < FIELD_COUNT && !err; f++) {
    int len = 1;
    if (fields[f].kind == KIND_L) {
      memcpy(&len, (const char *)cfg + fields[f].count, sizeof len);
      if (len < 1 || len > fields[f].max_len) err = LRP_E_LIST_LEN;
    }
    for (int k = 0; k < len && !err; k++)
      err = check_value(&fields[f], lrp_config_get(cfg, f, k));
    if (err) bad = f;
  }
  if (err) goto done;
  if (cfg->warmup > cfg->steps) {
    err = LRP_E_WARMUP, bad = F_warmup;
  } else if (cfg->opt == LRP_NESTEROV && cfg->momentum <= 0) {
    err = LRP_E_NESTEROV, bad = F_momentum;
  } else if (cfg->problem >= LRP_LINREG) {
    int cls = lrp_config_classes(cfg) > 0;
    if (!lrp_data_classes_ok(cfg->data, cfg->classes))
      err = LRP_E_CLASSES, bad = F_classes;
    else if ((cfg->problem == LRP_LINREG && cls) ||
        (cfg->problem == LRP_LOGREG && !cls))
      err = LRP_E_DATA, bad = F_data;
    else if (cfg->n < 10 && cfg->data != LRP_OWN) /* own data: 4 rows will do */
      err = LRP_E_RANGE, bad = F_n;
    /* mini-batches come from the training points, as job.c splits them */
    else if (cfg->batch > cfg->n - (int)floor(cfg->n * cfg->holdout))
      err = LRP_E_BATCH, bad = F_batch;
  }
done:
  if (bad_field) *bad_field = bad;
  return err;
}
