/* check.c - the harness behind check.h. */
#include "check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int passed, failed;
static char ctx[256];

void check_ctx(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ctx, sizeof ctx, fmt, ap);
  va_end(ap);
}

static int count(int ok, const char *file, int line, const char *expr) {
  if (ok) {
    passed++;
  } else {
    failed++;
    fprintf(stderr, "%s:%d: FAIL [%s] %s\n", file, line, ctx, expr);
  }
  return ok;
}

int check_true_at(const char *file, int line, const char *expr, int ok) {
  if (!count(ok, file, line, expr))
    fprintf(stderr, "  expected true, got false\n");
  return ok;
}

int check_int_at(const char *file, int line, const char *expr, long long got,
                 long long want) {
  int ok = got == want;
  if (!count(ok, file, line, expr))
    fprintf(stderr, "  expected %lld, got %lld, difference %lld\n", want, got,
            got - want);
  return ok;
}

int check_near_at(const char *file, int line, const char *expr, double got,
                  double want, double rel, double abs) {
  double diff = fabs(got - want), tol = rel * fabs(want) + abs;
  int ok = got == want || diff <= tol;
  if (!count(ok, file, line, expr))
    fprintf(stderr,
            "  expected %.17g, got %.17g, difference %.3g (relative %.3g, "
            "tolerance %.3g)\n",
            want, got, got - want, want != 0 ? diff / fabs(want) : diff, tol);
  return ok;
}

worst worst_init(double rel, double abs) {
  worst w = {rel, abs, -1, NAN, NAN, 0, -1};
  return w;
}

/* A NaN difference is the worst of all. */
void worst_add(worst *w, int at, double got, double want) {
  double tol = w->rel * fabs(want) + w->abs;
  double ratio = got == want ? 0 : fabs(got - want) / tol;
  if (isnan(ratio)) ratio = INFINITY;
  if (ratio > w->ratio) {
    w->ratio = ratio;
    w->got = got;
    w->want = want;
    w->tol = tol;
    w->at = at;
  }
}

void check_ctx_at_worst(const worst *w) {
  size_t len = strlen(ctx);
  if (len < sizeof ctx)
    snprintf(ctx + len, sizeof ctx - len, " (worst at %d)", w->at);
}

long first_diff(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  for (size_t i = 0; i < n; i++)
    if (x[i] != y[i]) return (long)i;
  return -1;
}

double check_uniform(uint64_t *s, double lo, double hi) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  uint64_t r = *s * 0x2545f4914f6cdd1dull;
  return lo + (hi - lo) * (double)(r >> 11) / 9007199254740992.0;
}

int check_summary(void) {
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
