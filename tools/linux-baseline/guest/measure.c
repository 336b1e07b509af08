/*
 * measure <step> <program> [args...]
 *
 * Runs <program> as a child and prints one result line for it:
 *
 *   @@lb step=<step> status=<exit status> ns=<CLOCK_MONOTONIC delta>
 *        cntvct=<CNTVCT_EL0 delta> cntfrq=<Hz> insn=<per-CPU deltas, comma-separated>
 *        user=<per-CPU deltas of the same event counting EL0 only> enabled=<ns> running=<ns>
 *
 * insn: the PMU "instructions" event (INST_RETIRED), opened system-wide on
 * every CPU (pid -1, cpu i; we are root in the initramfs), user and kernel
 * both counted, read before the fork and after the child has been reaped.
 * Under QEMU -icount the event is exact. `running` < `enabled` would mean
 * perf multiplexed the counter (it should not: one event per CPU).
 * cntvct: the virtual counter (pmu.h says how it ticks).
 */
#include "pmu.h"

#include <stdlib.h>
#include <sys/wait.h>

static void fail(const char *step, const char *what, int err) {
  printf("@@lb error step=%s what=%s errno=%d (%s)\n", step, what, err, strerror(err));
  fflush(stdout);
  exit(2);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: measure <step> <program> [args...]\n");
    return 2;
  }
  const char *step = argv[1];
  struct pmu pmu;
  const char *what = "";
  if (pmu_open(&pmu, &what) != 0) fail(step, what, errno);

  static struct pmu_sample before, after;
  if (pmu_sample_start(&pmu, &before) != 0) fail(step, "read-counter", errno);

  pid_t pid = fork();
  if (pid < 0) fail(step, "fork", errno);
  if (pid == 0) {
    execv(argv[2], argv + 2);
    printf("@@lb error step=%s what=exec program=%s errno=%d (%s)\n", step, argv[2], errno, strerror(errno));
    fflush(stdout);
    _exit(127);
  }
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0)
    if (errno != EINTR) fail(step, "waitpid", errno);

  if (pmu_sample_end(&pmu, &after) != 0) fail(step, "read-counter", errno);

  int status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  printf("@@lb step=%s status=%d ", step, status);
  pmu_print_interval(stdout, &pmu, &before, &after);
  printf("\n");
  fflush(stdout);
  return status;
}
