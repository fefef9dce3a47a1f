/* check.h - the counting harness of the core's C tests.

   Every CHECK_* macro counts one check; a failure prints file:line, the
   running table row (check_ctx), the expression, the expected and the
   obtained value and their difference to stderr. check_summary prints the
   one line "N passed, N failed" to stdout and returns the exit status. */
#ifndef CHECK_H
#define CHECK_H

#include <stddef.h>
#include <stdint.h>

/* Names the table row under test; printed with every failure until reset. */
void check_ctx(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

int check_true_at(const char *file, int line, const char *expr, int ok);
int check_int_at(const char *file, int line, const char *expr, long long got,
                 long long want);
/* |got - want| <= rel |want| + abs; equal values (infinities too) pass. */
int check_near_at(const char *file, int line, const char *expr, double got,
                  double want, double rel, double abs);

#define CHECK(expr) check_true_at(__FILE__, __LINE__, #expr, !!(expr))
#define CHECK_INT(got, want) \
  check_int_at(__FILE__, __LINE__, #got, (long long)(got), (long long)(want))
#define CHECK_NEAR(got, want, rel, abs) \
  check_near_at(__FILE__, __LINE__, #got, (got), (want), (rel), (abs))
#define CHECK_EXACT(got, want) CHECK_NEAR(got, want, 0.0, 0.0)

/* The worst of many comparisons, so that a sweep is
   one check that reports its largest difference and where it happened. */
typedef struct worst {
  double rel, abs;              /* the tolerance, as in CHECK_NEAR; a sweep
                                   may change it between comparisons */
  double ratio, got, want, tol; /* the largest |got - want| / tolerance */
  int at; /* where it was; -1 until a comparison is added */
} worst;
worst worst_init(double rel, double abs);
void worst_add(worst *w, int at, double got, double want);
#define CHECK_WORST(w)                                                     \
  (check_ctx_at_worst(&(w)), check_near_at(__FILE__, __LINE__, #w, (w).got, \
                                           (w).want, 0.0, (w).tol))
void check_ctx_at_worst(const worst *w);

/* Index of the first byte where a and b (n bytes) differ, or -1. */
long first_diff(const void *a, const void *b, size_t n);

/* A reproducible uniform number in [lo, hi) (xorshift64*). */
double check_uniform(uint64_t *state, double lo, double hi);

int check_summary(void);

/* The suites, one per core file. */
void test_config(void);
void test_surface(void);
void test_sched(void);
void test_optim(void);
void test_run(void);
void test_vmath(void);
void test_data(void);
void test_model(void);
void test_job(void);
void test_hessian(void);

#endif
