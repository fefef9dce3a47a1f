/* test_main.c - runs every suite; the exit status is 1 if any check failed. */
#include "check.h"

int main(void) {
  test_config();
  test_surface();
  test_sched();
  test_optim();
  test_run();
  return check_summary();
}
