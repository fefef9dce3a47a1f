/* sched.c - torch.optim.lr_scheduler's schedules as closed forms of the step,
   with PyTorch's semantics (scheduler.step() after every update, so update t
   uses the rate the scheduler holds after t steps), and a linear warm-up that
   can precede any of them. Only ReduceLROnPlateau keeps state.
   reference: https://pytorch.org/docs/1.13/optim.html#how-to-adjust-learning-rate */
#include <math.h>

#include "lrp.h"

static const double PI = 3.14159265358979323846;

/* (1 + cos(pi x)) / 2 between lo and hi: the cosine annealing curve. */
static double cos_anneal(double hi, double lo, double x) {
  return lo + (hi - lo) * (1 + cos(PI * x)) / 2;
}

/* CosineAnnealingWarmRestarts: position u within its current period. */
static double restarts_lr(const lrp_config *c, int u) {
  long t_i = c->t0, t_cur = u;
  if (c->t_mult == 1) {
    t_cur = u % c->t0;
  } else {
    while (t_cur >= t_i) {
      t_cur -= t_i;
      t_i *= c->t_mult;
    }
  }
  return cos_anneal(c->lr, c->min_lr, (double)t_cur / (double)t_i);
}

/* OneCycleLR (two phases, anneal_strategy='cos'): the rate rises from
   lr / div to lr over pct_start of L updates, then falls to
   lr / div / final_div at update L - 1. Phase ends are PyTorch's:
   pct_start L - 1 and L - 1. */
static double onecycle_lr(const lrp_config *c, int u, int L) {
  double initial = c->lr / c->div, final = initial / c->final_div;
  double end1 = c->pct_start * L - 1, end2 = L - 1;
  if (u <= end1) /* end1 = 0 only at u = 0: the start of the rise */
    return end1 > 0 ? cos_anneal(initial, c->lr, u / end1) : initial;
  return cos_anneal(c->lr, final, (u - end1) / (end2 - end1));
}

/* CyclicLR: a triangle between min_lr and lr, scaled per cycle
   (triangular2) or per update (exp_range). */
static double cyclic_lr(const lrp_config *c, int u) {
  double total = c->step_up + c->step_down;
  double ratio = c->step_up / total;
  double cycle = floor(1 + u / total);
  double x = 1 + u / total - cycle;
  double scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
  double height = (c->lr - c->min_lr) * scale;
  switch (c->mode) {
    case LRP_TRIANGULAR2: return c->min_lr + height / pow(2, cycle - 1);
    case LRP_EXP_RANGE: return c->min_lr + height * pow(c->gamma, u);
    default: return c->min_lr + height;
  }
}

static int milestones_passed(const lrp_config *c, int u) {
  int count = 0;
  for (int i = 0; i < c->n_milestones; i++) count += c->milestones[i] <= u;
  return count;
}

double lrp_sched_lr(const lrp_config *c, int t, const lrp_plateau *pl) {
  if (t < c->warmup) return c->lr * (t + 1) / c->warmup;
  int u = t - c->warmup, L = c->steps - c->warmup;
  switch (c->sched) {
    case LRP_STEP: return c->lr * pow(c->gamma, u / c->step_size);
    case LRP_MULTISTEP:
      return c->lr * pow(c->gamma, milestones_passed(c, u));
    case LRP_EXP: return c->lr * pow(c->gamma, u);
    case LRP_COSINE:
      return cos_anneal(c->lr, c->min_lr, (double)u / c->t_max);
    case LRP_RESTARTS: return restarts_lr(c, u);
    case LRP_ONECYCLE: return onecycle_lr(c, u, L);
    case LRP_CYCLIC: return cyclic_lr(c, u);
    case LRP_LINEAR: {
      int k = u < c->iters ? u : c->iters;
      return c->lr * (c->start + (c->end - c->start) * k / c->iters);
    }
    case LRP_POLY: {
      int k = u < c->iters ? u : c->iters;
      return c->lr * pow(1.0 - (double)k / c->iters, c->power);
    }
    case LRP_PLATEAU: return pl ? pl->lr : c->lr;
    default: return c->lr;
  }
}

void lrp_plateau_init(lrp_plateau *pl, const lrp_config *c) {
  pl->lr = c->lr;
  pl->best = INFINITY;
  pl->bad = 0;
  pl->cooldown_left = 0;
}

/* ReduceLROnPlateau.step(loss), mode 'min', threshold_mode 'rel'. */
void lrp_plateau_observe(lrp_plateau *pl, const lrp_config *c, double loss) {
  if (loss < pl->best * (1 - c->threshold)) {
    pl->best = loss;
    pl->bad = 0;
  } else {
    pl->bad++;
  }
  if (pl->cooldown_left > 0) {
    pl->cooldown_left--;
    pl->bad = 0;
  }
  if (pl->bad > c->patience) {
    double lr = fmax(pl->lr * c->factor, c->min_lr);
    if (pl->lr - lr > 1e-8) pl->lr = lr; /* PyTorch's eps */
    pl->cooldown_left = c->cooldown;
    pl->bad = 0;
  }
}
