/* lrp.h - the lr-playground core: optimizers, schedules, test surfaces,
   sample data and small models.

   What it is
     A small C11 library that trains a set of float32 parameters (a point on
     a 2-D test surface, or the weights of a linear model or an MLP fitted
     to seeded sample data) with one of PyTorch's optimizers (torch.optim)
     under one of its learning-rate schedules (torch.optim.lr_scheduler), and
     records the loss, the rate and the parameters' path at every step. The same source builds natively (C
     tests, benchmark) and to WebAssembly with SIMD (the page, the worker and
     the command line all load that one module). See ../shared/PRESET.md (the
     preset contract) for every key, range and default.

   Build
     cc -std=c11 -O2 -ffp-contract=off core/(all .c) -lm
     emcc -O3 -msimd128 core/(all .c)  (the Makefile has the exact flags)
     -DLRP_NO_SIMD builds the scalar twin of every SIMD kernel only.

   Conventions
     - Memory: the caller owns every buffer and passes it in; the core never
       allocates. Sizes are given in elements, outputs come first.
     - Step convention (PRESET.md): update t = 0 .. steps-1 uses the rate
       lr_t; loss[t] and path[t] are taken at the parameters *before* update t,
       so loss and path have steps + 1 entries and lr has steps. Bias
       corrections and Adagrad use the 1-based count t + 1.
     - Numbers: parameters, gradients and optimizer state are float32 like
       PyTorch's default; schedules and optimizer scalars are double (Python
       floats in PyTorch) and are rounded to float32 where PyTorch's kernels
       round them.
     - Errors: functions that can fail return an lrp_error code (LRP_OK = 0);
       lrp_error_message(code) gives its text. Nothing prints, exits or keeps
       global state.

   Configuration
     lrp_config holds every preset key as a plain value. lrp_config_init fills
     PRESET.md's defaults for the default run (200 steps). Fields are also
     reachable by index through one table (LRP_FIELDS below) so that bindings
     can set them by name: lrp_config_field_find("lr"), lrp_config_set(...).
     lrp_config_check validates everything, including cross-key rules, and
     names the first bad field; lrp_run checks again and never trusts its
     caller.

   Functions
     lrp_config_init(cfg)             defaults.
     lrp_config_check(cfg, &field)    LRP_OK, or an error code and the field.
     lrp_config_field_count/name/find field table, for bindings.
     lrp_config_set(cfg, f, k, v)     sets field f (element k of a list) to v;
                                      returns LRP_E_RANGE etc. without storing
                                      an invalid value.
     lrp_config_get(cfg, f, k)        reads it back (NaN past a list's end).
     lrp_enum_name(f, i)              name of value i of enum field f, or NULL.
     lrp_surface_eval(problem, cond, p, dp)   loss at p (2) and its analytic
                                      gradient into dp (2, may be NULL).
     lrp_surface_start(problem, xy)   default start point.
     lrp_surface_grid(out, ...)       the loss on an nx by ny grid (contours).
     lrp_surface_sharpness, lrp_model_sharpness   the top eigenvalue of the
                                      loss's Hessian (2 / it: where plain
                                      gradient descent turns unstable).
     lrp_optim_init / lrp_optim_state_len / lrp_optim_update   see below.
     lrp_config_size, lrp_optim_size, lrp_result_size   struct sizes for
                                      bindings that allocate them.
     lrp_sched_lr(cfg, t, plateau)    lr_t; pure except for plateau.
     lrp_plateau_init / lrp_plateau_observe   ReduceLROnPlateau's state.
     lrp_run(cfg, loss, lr, path, res)        one whole run on a surface.
     lrp_rng_*, lrp_data_*, lrp_model_*       seeded randomness, the data
                                      sets, the models' forward and backward
                                      passes (SIMD kernels, scalar twins).
     lrp_job_*                        one whole run of any problem in one
                                      caller-provided block, in chunks:
                                      what the page, worker and CLI use.
*/
#ifndef LRP_H
#define LRP_H

#include <stddef.h>
#include <stdint.h>

/* Errors: one table yields the codes and their messages. */
#define LRP_ERRORS(X)                                                   \
  X(LRP_OK, "ok")                                                       \
  X(LRP_E_NULL, "a required pointer is NULL")                           \
  X(LRP_E_FIELD, "no such configuration field")                         \
  X(LRP_E_NOT_FINITE, "value is not a finite number")                   \
  X(LRP_E_NOT_INTEGER, "value must be an integer")                      \
  X(LRP_E_RANGE, "value is out of range")                               \
  X(LRP_E_ENUM, "value is not one of the allowed names")                \
  X(LRP_E_LIST_LEN, "list has too many or too few entries")             \
  X(LRP_E_WARMUP, "warmup must not exceed steps")                       \
  X(LRP_E_NESTEROV, "nesterov needs momentum > 0")                      \
  X(LRP_E_BATCH, "batch must not exceed the training points")           \
  X(LRP_E_DATA, "this data set does not fit this problem")              \
  X(LRP_E_UNSUPPORTED, "this problem is not available in this build")   \
  X(LRP_E_CLASSES, "this data set has two classes: more fit blobs, spiral and own data") \
  X(LRP_E_NO_DATA, "own data: the points have not been given")

#define LRP_ENUM_ITEM(name, msg) name,
typedef enum { LRP_ERRORS(LRP_ENUM_ITEM) LRP_ERROR_COUNT } lrp_error;
#undef LRP_ENUM_ITEM
const char *lrp_error_message(int code);

/* Enumerations: indices match the names in lrp_enum_name and web/preset.js. */
enum { LRP_QUADRATIC, LRP_ROSENBROCK, LRP_BEALE, LRP_HIMMELBLAU, LRP_SADDLE,
       LRP_WELLS, LRP_LINREG, LRP_LOGREG, LRP_MLP, LRP_PROBLEM_COUNT };
#define LRP_SURFACE_COUNT 6
enum { LRP_SGD, LRP_MOMENTUM, LRP_NESTEROV, LRP_ADAGRAD, LRP_RMSPROP,
       LRP_ADAM, LRP_ADAMW, LRP_OPT_COUNT };
enum { LRP_CONSTANT, LRP_STEP, LRP_MULTISTEP, LRP_EXP, LRP_COSINE,
       LRP_RESTARTS, LRP_ONECYCLE, LRP_CYCLIC, LRP_LINEAR, LRP_POLY,
       LRP_PLATEAU, LRP_SCHED_COUNT };
enum { LRP_TRIANGULAR, LRP_TRIANGULAR2, LRP_EXP_RANGE, LRP_MODE_COUNT };
enum { LRP_MOONS, LRP_CIRCLES, LRP_SPIRAL, LRP_XOR, LRP_BLOBS, LRP_LINE,
       LRP_SINE, LRP_OWN, LRP_DATA_COUNT };
enum { LRP_TANH, LRP_RELU, LRP_SIGMOID, LRP_ACT_COUNT };

#define LRP_MAX_STEPS 100000
#define LRP_MAX_MILESTONES 32
#define LRP_MAX_HIDDEN 3
#define LRP_MAX_CLASSES 8

typedef struct lrp_config {
  /* general */
  int v, problem, steps;
  uint32_t seed;
  /* surfaces */
  double cond, x0, y0;
  /* data problems */
  int data, classes, n, batch, act;
  double noise, holdout;
  int hidden[LRP_MAX_HIDDEN], n_hidden;
  /* optimizer */
  int opt, amsgrad, bc;
  double lr, momentum, alpha, b1, b2, eps, wd;
  /* schedule */
  int sched, warmup, step_size, t_max, t0, t_mult, step_up, step_down, mode,
      iters, patience, cooldown;
  int milestones[LRP_MAX_MILESTONES], n_milestones;
  double gamma, pct_start, div, final_div, min_lr, start, end, power, factor,
      threshold;
} lrp_config;

/* The field table: X(name, kind, lo, hi, open) where kind is one of
   I (integer), N (number), E (enum, hi = count), B (0 or 1),
   L (list of integers, element range lo..hi), and open says which ends are
   excluded (LRP_OPEN_LO, LRP_OPEN_HI). Cross-key rules are in
   lrp_config_check. The order is PRESET.md's canonical order. */
#define LRP_OPEN_LO 1
#define LRP_OPEN_HI 2
#define LRP_FIELDS(X)                                          \
  X(v, I, 1, 1, 0)                                             \
  X(problem, E, 0, LRP_PROBLEM_COUNT, 0)                       \
  X(cond, N, 1, 1000, 0)                                       \
  X(x0, N, -1000, 1000, 0)                                     \
  X(y0, N, -1000, 1000, 0)                                     \
  X(data, E, 0, LRP_DATA_COUNT, 0)                             \
  X(classes, I, 0, LRP_MAX_CLASSES, 0)                         \
  X(n, I, 4, 10000, 0)                                         \
  X(noise, N, 0, 1, 0)                                         \
  X(batch, I, 0, 10000, 0)                                     \
  X(hidden, L, 1, 64, 0)                                       \
  X(act, E, 0, LRP_ACT_COUNT, 0)                               \
  X(holdout, N, 0, 0.5, 0)                                     \
  X(opt, E, 0, LRP_OPT_COUNT, 0)                               \
  X(lr, N, 0, 100, LRP_OPEN_LO)                                \
  X(momentum, N, 0, 1, LRP_OPEN_HI)                            \
  X(alpha, N, 0, 1, LRP_OPEN_HI)                               \
  X(b1, N, 0, 1, LRP_OPEN_HI)                                  \
  X(b2, N, 0, 1, LRP_OPEN_HI)                                  \
  X(eps, N, 0, 1, LRP_OPEN_LO)                                 \
  X(wd, N, 0, 1, 0)                                            \
  X(amsgrad, B, 0, 1, 0)                                       \
  X(bc, B, 0, 1, 0)                                            \
  X(sched, E, 0, LRP_SCHED_COUNT, 0)                           \
  X(warmup, I, 0, LRP_MAX_STEPS, 0)                            \
  X(step_size, I, 1, LRP_MAX_STEPS, 0)                         \
  X(milestones, L, 0, LRP_MAX_STEPS, 0)                        \
  X(gamma, N, 0, 100, LRP_OPEN_LO)                             \
  X(t_max, I, 1, LRP_MAX_STEPS, 0)                             \
  X(t0, I, 1, LRP_MAX_STEPS, 0)                                \
  X(t_mult, I, 1, 100, 0)                                      \
  X(pct_start, N, 0, 1, LRP_OPEN_LO | LRP_OPEN_HI)             \
  X(div, N, 0, 1e6, LRP_OPEN_LO)                               \
  X(final_div, N, 0, 1e9, LRP_OPEN_LO)                         \
  X(min_lr, N, 0, 100, 0)                                      \
  X(step_up, I, 1, LRP_MAX_STEPS, 0)                           \
  X(step_down, I, 1, LRP_MAX_STEPS, 0)                         \
  X(mode, E, 0, LRP_MODE_COUNT, 0)                             \
  X(start, N, 0, 1, LRP_OPEN_LO)                               \
  X(end, N, 0, 1, LRP_OPEN_LO)                                 \
  X(iters, I, 1, LRP_MAX_STEPS, 0)                             \
  X(power, N, 0, 10, LRP_OPEN_LO)                              \
  X(factor, N, 0, 1, LRP_OPEN_LO | LRP_OPEN_HI)                \
  X(patience, I, 0, LRP_MAX_STEPS, 0)                          \
  X(threshold, N, 0, 1, LRP_OPEN_HI)                           \
  X(cooldown, I, 0, LRP_MAX_STEPS, 0)                          \
  X(steps, I, 1, LRP_MAX_STEPS, 0)                             \
  X(seed, I, 0, 4294967295.0, 0)

void lrp_config_init(lrp_config *cfg);
int lrp_config_check(const lrp_config *cfg, int *bad_field);
int lrp_config_field_count(void);
const char *lrp_config_field_name(int field);
int lrp_config_field_find(const char *name); /* -1 when unknown */
int lrp_config_set(lrp_config *cfg, int field, int k, double value);
double lrp_config_get(const lrp_config *cfg, int field, int k);
const char *lrp_enum_name(int field, int i);
int lrp_config_size(void); /* sizeof(lrp_config), for bindings */

/* Surfaces: f(x, y) in float32 with analytic gradients (PRESET.md table).
   p (2) is the point, dp (2) receives the gradient unless NULL. */
float lrp_surface_eval(int problem, float cond, const float *p, float *dp);
void lrp_surface_start(int problem, double *xy /* (2) */);
/* out (ny, nx): f at x = x_lo + i (x_hi - x_lo) / (nx - 1), likewise y. */
int lrp_surface_grid(float *out, int problem, double cond, double x_lo,
                     double x_hi, double y_lo, double y_hi, int nx, int ny);

/* Random numbers: PCG32 keyed by (seed, stream); one stream per use. */
typedef struct lrp_rng {
  uint64_t state, inc;
} lrp_rng;
enum { LRP_STREAM_DATA = 1, LRP_STREAM_SPLIT, LRP_STREAM_INIT, LRP_STREAM_BATCH };
void lrp_rng_seed(lrp_rng *r, uint64_t seed, uint64_t stream);
uint32_t lrp_rng_u32(lrp_rng *r);
uint32_t lrp_rng_below(lrp_rng *r, uint32_t n); /* uniform in [0, n); n > 0 */
double lrp_rng_uniform(lrp_rng *r);             /* uniform in [0, 1) */
double lrp_rng_normal(lrp_rng *r);              /* standard normal */
void lrp_rng_shuffle(lrp_rng *r, int *a, int n); /* a (n), n >= 0 */

/* Data sets: x (n, lrp_data_dim(data)), y (n): labels 0 .. k-1 or targets. */
int lrp_data_dim(int data);
int lrp_data_is_classification(int data);
void lrp_data_make(float *x, float *y, int data, int n, double noise,
                   uint32_t seed);
/* The same with k classes (blobs: k centres on a circle; spiral: k arms). */
void lrp_data_make_classes(float *x, float *y, int data, int k, int n,
                           double noise, uint32_t seed);
/* Whether a data set takes `classes` (own data: 0 = regression, 2..8). */
int lrp_data_classes_ok(int data, int classes);
/* A data problem's classes (0 for regression) and inputs per point. */
int lrp_config_classes(const lrp_config *c);
int lrp_config_dim(const lrp_config *c);

/* Models: a stack of dense layers over one flat parameter block (layer by
   layer W (in, out) row-major, then b (out)). width[0] is the input
   dimension, width[n_layers] the output: one logit when bce (mean binary
   cross-entropy), k logits when softmax (k classes, mean cross-entropy as
   torch.nn.CrossEntropyLoss, the labels class indices), else one
   prediction (mean squared error). act is the hidden activation (-1:
   none, a linear model). */
typedef struct lrp_model {
  int n_layers, width[LRP_MAX_HIDDEN + 2], act, bce, softmax;
  int n_params, max_width, activations;
} lrp_model;

int lrp_model_init(lrp_model *m, const lrp_config *cfg);
/* Rows of scratch a batch of `batch` rows needs (evaluation uses chunks of
   at least 256 rows), and the floats of that scratch. */
int lrp_model_rows(int batch);
size_t lrp_model_ws_len(const lrp_model *m, int rows);
void lrp_model_init_params(const lrp_model *m, float *p, uint32_t seed);
/* Mean loss over rows of x (rows, n_in), y (rows); its gradient into dp
   (n_params) unless dp is NULL. ws (lrp_model_ws_len(m, rows)). */
double lrp_model_loss_grad(const lrp_model *m, const float *p, float *dp,
                           const float *x, const float *y, int rows,
                           float *ws, int simd);
/* Correct predictions of the last forward pass over `rows` rows in ws. */
int lrp_model_correct(const lrp_model *m, const float *ws, const float *y,
                      int rows);
/* Mean loss and correct predictions over a whole set of n rows. */
double lrp_model_eval(const lrp_model *m, const float *p, const float *x,
                      const float *y, int n, float *ws, int ws_rows,
                      int *correct, int simd);
/* out (n): probability of class 1, or the prediction; with softmax
   2 c + p, c the most probable class (the first on a tie) and p its
   probability. */
void lrp_model_predict(const lrp_model *m, const float *p, const float *x,
                       int n, float *out, float *ws, int ws_rows, int simd);

/* Sharpness: the top eigenvalue lambda_max of the loss's Hessian at p
   (plain gradient descent on a quadratic diverges for lr > 2 / lambda_max).
   lrp_surface_sharpness is exact: the analytic 2x2 Hessian in double and
   the symmetric eigenvalue formula (quadratic: max(1, cond)).
   lrp_model_sharpness estimates it for the mean loss over rows of x, y by
   `iters` steps of power iteration from a fixed start vector (no
   randomness), each Hessian-vector product a central difference of two
   lrp_model_loss_grad gradients, (g(p + h v) - g(p - h v)) / 2h with
   h = 1e-3 max(1, |p|) and |v| = 1; it returns the last Rayleigh quotient
   v^T H v (NaN on bad input). Power iteration finds the eigenvalue of
   largest magnitude: lambda_max whenever the negative curvature is
   smaller, as it is for these losses away from saddles. Costs 2 iters
   gradients. ws (lrp_model_ws_len(m, rows)), scratch (4 n_params). */
double lrp_surface_sharpness(int problem, double cond, const float *p /* (2) */);
double lrp_model_sharpness(const lrp_model *m, const float *p, const float *x,
                           const float *y, int rows, float *ws, float *scratch,
                           int iters);

/* Optimizers: PyTorch 1.13's single-tensor update rules. The record holds
   the hyperparameters and the update count; the moment buffers live in a
   caller-owned float block of lrp_optim_state_len(o, n) floats, zeroed by
   lrp_optim_init's caller before the first update. */
typedef struct lrp_optim {
  int kind, amsgrad, bc;
  double momentum, alpha, b1, b2, eps, wd;
  int64_t t;         /* updates done so far */
  double b1_t, b2_t; /* b1^t and b2^t, for the bias corrections */
} lrp_optim;

void lrp_optim_init(lrp_optim *o, const lrp_config *cfg);
int lrp_optim_size(void); /* sizeof(lrp_optim), for bindings */
int lrp_optim_state_len(const lrp_optim *o, int n);
/* p (n) += update from dp (n) at rate lr; state (state_len). simd = 0 runs
   the scalar twin; both give bit-identical results. */
void lrp_optim_update(lrp_optim *o, float *p, const float *dp, float *state,
                      int n, double lr, int simd);

/* Schedules: lr_t for update t (PyTorch's scheduler.step() after every
   update, warm-up prepended). Pure for every schedule but plateau, whose
   state (may be NULL otherwise) is advanced by lrp_plateau_observe. */
typedef struct lrp_plateau {
  double lr, best;
  int bad, cooldown_left;
} lrp_plateau;

double lrp_sched_lr(const lrp_config *cfg, int t, const lrp_plateau *pl);
void lrp_plateau_init(lrp_plateau *pl, const lrp_config *cfg);
/* The training loss after update t (t >= warmup). */
void lrp_plateau_observe(lrp_plateau *pl, const lrp_config *cfg, double loss);

/* A whole run. loss (steps+1), lr (steps), path (steps+1, 2): entries past
   a divergence are left untouched. */
typedef struct lrp_result {
  int diverged_at; /* first t with a non-finite loss or loss > 1e10; -1 none */
  int n_loss;      /* entries written to loss (and path), = n_lr + 1 */
  int n_lr;        /* entries written to lr: updates done */
  uint32_t fp_hi, fp_lo; /* lrp_fingerprint of loss, lr, path */
} lrp_result;

#define LRP_DIVERGE_LOSS 1e10

int lrp_run(const lrp_config *cfg, float *loss, double *lr, float *path,
            lrp_result *res);
int lrp_result_size(void);

/* Jobs: one whole run of any problem inside one caller-provided block of
   lrp_job_bytes(cfg) bytes (which must not move while the job lives). The
   block holds the data, the model, the optimizer state and every output.
     lrp_job_init(job, bytes, cfg)  generates the data, initialises the model.
     lrp_job_advance(job, k)        runs up to k more steps (a step records
                                    the loss before update t, then does it;
                                    surfaces run whole at once).
     lrp_job_done(job)              1 once the run has ended or diverged.
     lrp_job_finish(job)            the plane of the path, the path in it
                                    and the fingerprint; needs done.
     lrp_job_out_*(job, i)          the outputs by index (name, type, data,
                                    length): loss (n_loss), lr (n_lr), path
                                    (n_path, 2), path_step (n_path) and, for
                                    data problems, eval_step, test_loss,
                                    train_acc, test_acc (one per evaluation,
                                    every max(1, steps/200) steps and at the
                                    end), data_x (n, d), data_y, data_test;
                                    and, for surfaces, sharpness (the exact
                                    top Hessian eigenvalue at every path
                                    point, n_path).
     lrp_job_sharpness(job, k)      the sharpness at evaluation k of a done
                                    run, on demand (data problems: power
                                    iteration; surfaces: the output).
     lrp_job_landscape(job, out, box, nx, ny)  the loss over the path's plane.
     lrp_job_predict(job, out, box, nx, ny)    the model over its inputs.
     lrp_job_predict_at(job, k, out, box, nx, ny)  the same with the
                                    parameters of evaluation k (0 ..
                                    n_eval - 1, as eval_step): the model as
                                    it was at step eval_step[k]. predict is
                                    predict_at the last evaluation, to the
                                    bit. A k out of range is LRP_E_RANGE.
   Data problems record the path at the evaluations: for a 1-D linear
   regression in the (weight, bias) plane, otherwise in the plane of the two
   principal directions of those snapshots, through the final parameters. */
typedef struct lrp_job lrp_job;
enum { LRP_F32, LRP_F64, LRP_I32 };

size_t lrp_job_bytes(const lrp_config *cfg); /* 0 when cfg is invalid */
int lrp_job_init(lrp_job *job, size_t bytes, const lrp_config *cfg);
/* Own data (cfg->data == LRP_OWN): the points, once, before the first
   advance: x (n, lrp_config_dim(cfg)) and y (n), class indices 0 .. k-1 or
   targets, as float32. Each column (and a regression target) outside
   [-2, 2] or spanning less than 0.5 is mapped onto [-1.5, 1.5] (the
   data_scale output says which: lo, hi, scaled per column); data_x and
   data_y are the data trained on; the fingerprint covers the data as
   given. LRP_E_NOT_FINITE or LRP_E_RANGE for a bad value; until it is
   called, lrp_job_advance returns LRP_E_NO_DATA. */
int lrp_job_set_data(lrp_job *job, const float *x, const float *y);
int lrp_job_advance(lrp_job *job, int max_steps);
int lrp_job_done(const lrp_job *job);
int lrp_job_finish(lrp_job *job);
int lrp_job_diverged_at(const lrp_job *job);
uint32_t lrp_job_fingerprint(const lrp_job *job, int half); /* 0 high, 1 low */
int lrp_job_n_params(const lrp_job *job);
int lrp_job_out_count(void);
const char *lrp_job_out_name(int i);
int lrp_job_out_type(int i); /* LRP_F32, LRP_F64 or LRP_I32 */
void *lrp_job_out_ptr(const lrp_job *job, int i);
int lrp_job_out_len(const lrp_job *job, int i);
double lrp_job_sharpness(lrp_job *job, int k);
int lrp_job_landscape(lrp_job *job, float *out, double a_lo, double a_hi,
                      double b_lo, double b_hi, int nx, int ny);
/* Rows row0 .. row0 + rows - 1 of that grid into out (rows, nx), the same
   bits (data problems; a surface only whole). */
int lrp_job_landscape_rows(lrp_job *job, float *out, double a_lo, double a_hi,
                           double b_lo, double b_hi, int nx, int ny, int row0, int rows);
int lrp_job_predict(lrp_job *job, float *out, double x_lo, double x_hi,
                    double y_lo, double y_hi, int nx, int ny);
int lrp_job_predict_at(lrp_job *job, int k, float *out, double x_lo,
                       double x_hi, double y_lo, double y_hi, int nx, int ny);
/* A data run's start, replayed from the seed (the job is not touched), for
   carrying it elsewhere: rows (n) the point index of each training row,
   then of each held-out row; epochs (n_epochs, n_train) the training rows
   each epoch of mini-batches visits in order (the batch of update t is the
   next lrp_job_batch(job) rows, the last of an epoch may be short); p0
   (n_params) the initial parameters. NULL skips one. LRP_E_RANGE for a
   surface. */
int lrp_job_start_data(const lrp_job *job, int *rows, int *epochs, int n_epochs, float *p0);
int lrp_job_train_rows(const lrp_job *job); /* n_train; 0 for a surface */
int lrp_job_batch(const lrp_job *job);      /* rows per batch; 0 for a surface */
/* FNV-1a 64 over the float32 bit patterns (one 32-bit word a step) of
   loss, lr (rounded to float32) and path (n_path points), NaNs canonical: fp[0] the high half, fp[1] the low. */
void lrp_fingerprint(uint32_t fp[2], const float *loss, int n_loss,
                     const double *lr, int n_lr, const float *path,
                     int n_path);

#endif
