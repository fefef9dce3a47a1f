/* native.c - the benchmark's native baseline: the core itself, compiled by
   the host's C compiler, timing each workload through the job API (what
   web/core.js's Core.run calls).

   Build (bench/run.mjs does this):
     cc -O3 -march=native -ffp-contract=off -Icore core/(all .c) \
        bench/native.c -lm -o build/bench/native
   Usage:
     native WARMUP REPS NAME:PRESET [NAME:PRESET ...]
   Every argument names a workload and gives one preset (key=value&...,
   PRESET.md); arguments with the same name form one workload whose presets
   run one after another (a sweep). Each workload runs WARMUP times untimed,
   then REPS times timed. Prints one JSON object on stdout:
     {"W2": {"ms": median, "loss": final loss (the best of a sweep)}, ...}
   or {"W1": {"error": "message"}} for a workload the core cannot run. */
#define _POSIX_C_SOURCE 199309L /* clock_gettime under -std=c11 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lrp.h"

#define MAX_WORKLOADS 8
#define MAX_PRESETS 64

typedef struct workload {
  const char *name;
  lrp_config cfg[MAX_PRESETS];
  int n;
} workload;

/* Reads one preset value: an enum name, or a number. */
static int set_value(lrp_config *cfg, int f, int k, const char *text) {
  for (int i = 0; lrp_enum_name(f, i); i++)
    if (strcmp(lrp_enum_name(f, i), text) == 0)
      return lrp_config_set(cfg, f, k, i);
  if (lrp_enum_name(f, 0)) return LRP_E_ENUM;
  char *end;
  double x = strtod(text, &end);
  if (end == text || *end) return LRP_E_NOT_FINITE;
  return lrp_config_set(cfg, f, k, x);
}

/* cfg from "key=value&key=v1,v2&...": defaults, then each key, then the
   cross-key checks. A bad key or value is reported on stderr. */
static int config_parse(lrp_config *cfg, const char *preset) {
  lrp_config_init(cfg);
  char buf[1024];
  if (strlen(preset) >= sizeof buf) return LRP_E_RANGE;
  strcpy(buf, preset);
  for (char *pair = buf; pair && *pair;) {
    char *next = strchr(pair, '&');
    if (next) *next++ = '\0';
    char *value = strchr(pair, '=');
    if (!value) return LRP_E_FIELD;
    *value++ = '\0';
    int f = lrp_config_field_find(pair);
    if (f < 0) return LRP_E_FIELD;
    for (int k = 0; value;) {
      char *comma = strchr(value, ',');
      if (comma) *comma++ = '\0';
      int err = set_value(cfg, f, k++, value);
      if (err) {
        fprintf(stderr, "native: %s: %s\n", pair, lrp_error_message(err));
        return err;
      }
      value = comma;
    }
    pair = next;
  }
  return lrp_config_check(cfg, NULL);
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* A job block for each preset of w, reused by every run. */
typedef struct blocks {
  lrp_job *job[MAX_PRESETS];
  size_t bytes[MAX_PRESETS];
} blocks;

/* One whole run of each preset of w, as web/core.js's Core.run does it:
   init (data, model), advance to the end, finish (plane, fingerprint).
   *best is the smallest finite final loss of them (a sweep's best rate). */
static int run_once(const workload *w, blocks *b, double *best) {
  *best = NAN;
  for (int i = 0; i < w->n; i++) {
    lrp_job *job = b->job[i];
    int err = lrp_job_init(job, b->bytes[i], &w->cfg[i]);
    while (!err && !lrp_job_done(job))
      err = lrp_job_advance(job, w->cfg[i].steps + 1);
    if (!err) err = lrp_job_finish(job);
    if (err) return err;
    for (int o = 0; o < lrp_job_out_count(); o++) {
      if (strcmp(lrp_job_out_name(o), "loss") != 0) continue;
      const float *loss = lrp_job_out_ptr(job, o);
      int n = lrp_job_out_len(job, o);
      if (n > 0 && isfinite(loss[n - 1]) && !(loss[n - 1] >= *best))
        *best = loss[n - 1];
    }
  }
  return LRP_OK;
}

/* Times w and prints its JSON member. */
static void bench(const workload *w, int warmup, int reps) {
  blocks b = {{0}, {0}};
  double *ms = malloc(sizeof(double) * reps);
  double final = NAN;
  int err = ms ? LRP_OK : LRP_E_NULL;
  for (int i = 0; !err && i < w->n; i++) {
    b.bytes[i] = lrp_job_bytes(&w->cfg[i]);
    b.job[i] = b.bytes[i] ? malloc(b.bytes[i]) : NULL;
    if (!b.job[i]) err = LRP_E_NULL;
  }
  for (int r = 0; !err && r < warmup; r++) err = run_once(w, &b, &final);
  for (int r = 0; !err && r < reps; r++) {
    double t0 = now_ms();
    err = run_once(w, &b, &final);
    ms[r] = now_ms() - t0;
  }
  if (err) {
    printf("\"%s\": {\"error\": \"%s\"}", w->name, lrp_error_message(err));
  } else {
    qsort(ms, reps, sizeof *ms, cmp_double);
    double median =
        reps % 2 ? ms[reps / 2] : (ms[reps / 2 - 1] + ms[reps / 2]) / 2;
    printf("\"%s\": {\"ms\": %.6g, \"loss\": ", w->name, median);
    printf(isfinite(final) ? "%.9g}" : "null}", final);
  }
  for (int i = 0; i < w->n; i++) free(b.job[i]);
  free(ms);
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr,
            "usage: native WARMUP REPS NAME:PRESET [NAME:PRESET ...]\n");
    return 2;
  }
  int warmup = atoi(argv[1]), reps = atoi(argv[2]);
  if (warmup < 0 || reps < 1) {
    fprintf(stderr, "native: WARMUP must be >= 0 and REPS >= 1\n");
    return 2;
  }
  static workload ws[MAX_WORKLOADS];
  int nw = 0;
  for (int a = 3; a < argc; a++) {
    char *colon = strchr(argv[a], ':');
    if (!colon) {
      fprintf(stderr, "native: expected NAME:PRESET, got %s\n", argv[a]);
      return 2;
    }
    *colon = '\0';
    workload *w = NULL;
    for (int i = 0; i < nw; i++)
      if (strcmp(ws[i].name, argv[a]) == 0) w = &ws[i];
    if (!w) {
      if (nw == MAX_WORKLOADS) return 2;
      w = &ws[nw++];
      w->name = argv[a];
    }
    if (w->n == MAX_PRESETS || config_parse(&w->cfg[w->n++], colon + 1)) {
      fprintf(stderr, "native: bad preset for %s: %s\n", argv[a], colon + 1);
      return 2;
    }
  }
  printf("{");
  for (int i = 0; i < nw; i++) {
    if (i) printf(", ");
    bench(&ws[i], warmup, reps);
    fflush(stdout);
  }
  printf("}\n");
  return 0;
}
