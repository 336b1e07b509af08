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
 * cntvct: the virtual counter, readable at EL0 under Linux; at -icount
 * shift=4 it ticks once per guest instruction while some CPU runs, and with
 * sleep=on it also advances in real time while every CPU idles.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CPUS 64

struct reading {
  uint64_t value, enabled, running;
};

static inline uint64_t cntvct(void) {
  uint64_t v;
  __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
  return v;
}

static inline uint64_t cntfrq(void) {
  uint64_t v;
  __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
  return v;
}

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void fail(const char *step, const char *what, int err) {
  printf("@@lb error step=%s what=%s errno=%d (%s)\n", step, what, err, strerror(err));
  fflush(stdout);
  exit(2);
}

static void read_all(const char *step, int *fds, int n, struct reading *out) {
  for (int i = 0; i < n; i++)
    if (read(fds[i], &out[i], sizeof out[i]) != (ssize_t)sizeof out[i]) fail(step, "read-counter", errno);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: measure <step> <program> [args...]\n");
    return 2;
  }
  const char *step = argv[1];
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  if (ncpu < 1 || ncpu > MAX_CPUS) fail(step, "cpu-count", EINVAL);

  struct perf_event_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_HARDWARE;
  attr.config = PERF_COUNT_HW_INSTRUCTIONS;
  attr.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
  attr.disabled = 1; /* enabled below, all CPUs, just before the first read */
  /* exclude_user, exclude_kernel, exclude_hv, exclude_idle stay 0: count everything. */

  /* fds[0..ncpu): everything; fds[ncpu..2*ncpu): the same event at EL0 only (the user-mode share). */
  int fds[2 * MAX_CPUS];
  for (int i = 0; i < 2 * ncpu; i++) {
    attr.exclude_kernel = i >= ncpu;
    attr.exclude_hv = i >= ncpu;
    fds[i] = (int)syscall(SYS_perf_event_open, &attr, -1, i % ncpu, -1, 0);
    if (fds[i] < 0) fail(step, "perf_event_open", errno);
  }
  for (int i = 0; i < 2 * ncpu; i++)
    if (ioctl(fds[i], PERF_EVENT_IOC_ENABLE, 0) != 0) fail(step, "enable-counter", errno);

  struct reading before[2 * MAX_CPUS], after[2 * MAX_CPUS];
  read_all(step, fds, 2 * (int)ncpu, before);
  int64_t t0 = now_ns();
  uint64_t v0 = cntvct();

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

  uint64_t v1 = cntvct();
  int64_t t1 = now_ns();
  read_all(step, fds, 2 * (int)ncpu, after);

  int status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  printf("@@lb step=%s status=%d ns=%" PRId64 " cntvct=%" PRIu64 " cntfrq=%" PRIu64 " insn=", step, status, t1 - t0, v1 - v0, cntfrq());
  for (int i = 0; i < ncpu; i++) printf("%s%" PRIu64, i ? "," : "", after[i].value - before[i].value);
  printf(" user=");
  for (int i = ncpu; i < 2 * ncpu; i++) printf("%s%" PRIu64, i > ncpu ? "," : "", after[i].value - before[i].value);
  uint64_t enabled = 0, running = 0;
  for (int i = 0; i < 2 * ncpu; i++) {
    enabled += after[i].enabled - before[i].enabled;
    running += after[i].running - before[i].running;
  }
  printf(" enabled=%" PRIu64 " running=%" PRIu64 "\n", enabled, running);
  fflush(stdout);
  return status;
}
