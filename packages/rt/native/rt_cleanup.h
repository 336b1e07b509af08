/*
 * rt_cleanup.h - clean-up records for `using`, so a thread that ends
 * abnormally still has its scope-owned objects disposed.
 *
 * Every `using x = ...` of an object pushes a record (on the C stack, in
 * the declaring function's frame) onto the running thread's clean-up chain;
 * every exit from its scope pops it before disposing of x. A thread that
 * ends normally leaves its chain empty. A thread that ends inside the
 * scope (a panic, a CPU fault, a kill) leaves its records on its stack,
 * and whoever frees that stack first runs them (rt_runCleanups, the
 * dialect's `runCleanups(slot, lo, hi)`): packages/sched does it at join.
 *
 * Where the chain's head lives (the slot):
 * - RT_KERNEL: TPIDR_EL1 points at the running core's block (packages/sched
 *   cores.ts), whose 64-bit word at offset RT_CLEANUP_SLOT_OFFSET is the
 *   address of the running thread's slot; the scheduler sets it on every
 *   switch. Before the scheduler runs (TPIDR_EL1 = 0) the slot is
 *   rt__boot_cleanup_head, which the scheduler then gives to the main thread.
 * - Elsewhere (one thread): rt__boot_cleanup_head.
 */
#ifndef UNISHYPER_RT_CLEANUP_H
#define UNISHYPER_RT_CLEANUP_H

#include "rt_base.h"

typedef struct rt_cleanup {
  struct rt_cleanup *prev;
  void (*run)(void *obj);
  void *obj;
} rt_cleanup;

/* Offset of the slot address in the kernel's per-core block (see above). */
#define RT_CLEANUP_SLOT_OFFSET 16
/* A chain longer than this is corrupt (a cycle): running stops there. */
#define RT_CLEANUP_MAX_RECORDS 4096

extern rt_cleanup *rt__boot_cleanup_head;
RT_WEAK rt_cleanup *rt__boot_cleanup_head;

static inline rt_cleanup **rt__cleanup_slot(void) {
#if defined(RT_KERNEL) && defined(__aarch64__)
  uint64_t block;
  __asm__ volatile("mrs %0, tpidr_el1" : "=r"(block));
  if (block != 0) return *(rt_cleanup ***)(uintptr_t)(block + RT_CLEANUP_SLOT_OFFSET);
#endif
  return &rt__boot_cleanup_head;
}

static inline void rt_cleanup_push(rt_cleanup *r) {
  rt_cleanup **slot = rt__cleanup_slot();
  r->prev = *slot;
  *slot = r;
}

static inline void rt_cleanup_pop(rt_cleanup *r) {
  *rt__cleanup_slot() = r->prev;
}

/* The address of the running thread's slot (the scheduler gives main the boot slot). */
static inline int64_t rt_cleanupSlot(void) {
  return (int64_t)(uintptr_t)rt__cleanup_slot();
}

/*
 * Runs, newest first, the records of the chain in the slot at `slot`
 * (which is emptied), each disposing of its object; returns how many ran.
 * Records must lie in [lo, hi) (the ended thread's stack) and be 8-byte
 * aligned; running stops at the first that does not, or after
 * RT_CLEANUP_MAX_RECORDS.
 */
static inline int64_t rt_runCleanups(int64_t slot, int64_t lo, int64_t hi) {
  rt_cleanup **s = (rt_cleanup **)rt__ptr(slot);
  rt_cleanup *r = *s;
  int64_t n = 0;
  *s = NULL;
  while (r != NULL && n < RT_CLEANUP_MAX_RECORDS) {
    uint64_t a = (uint64_t)(uintptr_t)r;
    if (a % 8 != 0 || a < (uint64_t)lo || a + sizeof *r > (uint64_t)hi) break;
    rt_cleanup *prev = r->prev;
    if (r->obj != NULL) r->run(r->obj);
    n++;
    r = prev;
  }
  return n;
}

#endif /* UNISHYPER_RT_CLEANUP_H */
