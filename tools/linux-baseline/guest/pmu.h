/*
 * The guest's instruction counters and clocks, shared by measure.c and
 * netbench.c (header-only: each guest program is built from one .c file).
 *
 * The PMU "instructions" event (INST_RETIRED) is opened system-wide on
 * every CPU (pid -1, cpu i; we are root in the initramfs), twice: counting
 * EL0 and EL1, and counting EL0 only. Under QEMU -icount the event is exact
 * (and each CPU's counter shows the whole machine: README.md, Method).
 * CNTVCT_EL0 is readable at EL0 under Linux; at -icount shift=4 it ticks
 * once per guest instruction while some CPU runs, and with sleep=on it also
 * advances in real time while every CPU idles.
 */
#ifndef LB_PMU_H
#define LB_PMU_H

#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PMU_MAX_CPUS 64

struct pmu_reading {
  uint64_t value, enabled, running;
};

/* fds[0..ncpu): everything; fds[ncpu..2*ncpu): the same event at EL0 only. */
struct pmu {
  int ncpu;
  int fds[2 * PMU_MAX_CPUS];
};

/* One read of every counter and both clocks. */
struct pmu_sample {
  struct pmu_reading r[2 * PMU_MAX_CPUS];
  uint64_t cntvct;
  int64_t ns;
};

static inline uint64_t pmu_cntvct(void) {
  uint64_t v;
  __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
  return v;
}

static inline uint64_t pmu_cntfrq(void) {
  uint64_t v;
  __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
  return v;
}

static inline int64_t pmu_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Opens and enables the counters; on failure returns -1 with *what naming the call (errno set). */
static int pmu_open(struct pmu *p, const char **what) {
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  if (ncpu < 1 || ncpu > PMU_MAX_CPUS) {
    *what = "cpu-count";
    errno = EINVAL;
    return -1;
  }
  p->ncpu = (int)ncpu;
  struct perf_event_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_HARDWARE;
  attr.config = PERF_COUNT_HW_INSTRUCTIONS;
  attr.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
  attr.disabled = 1; /* enabled below, all CPUs, just before the first read */
  /* exclude_user, exclude_kernel, exclude_hv, exclude_idle stay 0: count everything. */
  for (int i = 0; i < 2 * p->ncpu; i++) {
    attr.exclude_kernel = i >= p->ncpu;
    attr.exclude_hv = i >= p->ncpu;
    p->fds[i] = (int)syscall(SYS_perf_event_open, &attr, -1, i % p->ncpu, -1, 0);
    if (p->fds[i] < 0) {
      *what = "perf_event_open";
      return -1;
    }
  }
  for (int i = 0; i < 2 * p->ncpu; i++)
    if (ioctl(p->fds[i], PERF_EVENT_IOC_ENABLE, 0) != 0) {
      *what = "enable-counter";
      return -1;
    }
  return 0;
}

/* Reads every counter; -1 (errno set) if one read fails. */
static int pmu_read(const struct pmu *p, struct pmu_reading *out) {
  for (int i = 0; i < 2 * p->ncpu; i++)
    if (read(p->fds[i], &out[i], sizeof out[i]) != (ssize_t)sizeof out[i]) return -1;
  return 0;
}

/* Counters first, then the clocks (the start of an interval). */
static int pmu_sample_start(const struct pmu *p, struct pmu_sample *s) {
  if (pmu_read(p, s->r) != 0) return -1;
  s->ns = pmu_now_ns();
  s->cntvct = pmu_cntvct();
  return 0;
}

/* Clocks first, then the counters (the end of an interval, mirroring the start). */
static int pmu_sample_end(const struct pmu *p, struct pmu_sample *s) {
  s->cntvct = pmu_cntvct();
  s->ns = pmu_now_ns();
  return pmu_read(p, s->r);
}

/*
 * Prints the interval's fields, as every "@@lb" result line has them:
 *   ns= cntvct= cntfrq= insn=<c0,c1,..> user=<c0,c1,..> enabled= running=
 * (no newline: the caller ends the line).
 */
static void pmu_print_interval(FILE *f, const struct pmu *p, const struct pmu_sample *a, const struct pmu_sample *b) {
  fprintf(f, "ns=%" PRId64 " cntvct=%" PRIu64 " cntfrq=%" PRIu64 " insn=", b->ns - a->ns, b->cntvct - a->cntvct, pmu_cntfrq());
  for (int i = 0; i < p->ncpu; i++) fprintf(f, "%s%" PRIu64, i ? "," : "", b->r[i].value - a->r[i].value);
  fprintf(f, " user=");
  for (int i = p->ncpu; i < 2 * p->ncpu; i++) fprintf(f, "%s%" PRIu64, i > p->ncpu ? "," : "", b->r[i].value - a->r[i].value);
  uint64_t enabled = 0, running = 0;
  for (int i = 0; i < 2 * p->ncpu; i++) {
    enabled += b->r[i].enabled - a->r[i].enabled;
    running += b->r[i].running - a->r[i].running;
  }
  fprintf(f, " enabled=%" PRIu64 " running=%" PRIu64, enabled, running);
}

#endif
