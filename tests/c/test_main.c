/* test_main.c - runs every suite; the exit status is 1 if any check failed. */
#include "check.h"

int main(void) {
  test_config();
  test_surface();
  test_sched();
  test_optim();
  test_run();
  test_vmath();
  test_data();
  test_model();
  test_job();
  test_hessian();
  return check_summary();
}
