/*
 * rt_atomic.h - atomic operations on 64-bit words (src/atomic.ts).
 *
 * gcc's __atomic builtins, inline: with -mno-outline-atomics and ARMv8.0
 * (no LSE) they are ldaxr/stlxr loops on AArch64; on the host they are the
 * host's atomics. Read-modify-writes are acquire + release (ldaxr ...
 * stlxr), loads ldar, stores stlr: a lock's critical section stays between
 * its lock and unlock, and these instructions are ordered among themselves.
 * The address must be 8-byte aligned (an exclusive access to an unaligned
 * address faults).
 */
#ifndef UNISHYPER_RT_ATOMIC_H
#define UNISHYPER_RT_ATOMIC_H

#include "rt_base.h"

static inline uint64_t *rt__atomic_word(int64_t addr) {
  return (uint64_t *)rt__ptr(addr);
}

static inline uint64_t rt_atomicLoad64(int64_t addr) {
  return __atomic_load_n(rt__atomic_word(addr), __ATOMIC_ACQUIRE);
}

static inline void rt_atomicStore64(int64_t addr, uint64_t v) {
  __atomic_store_n(rt__atomic_word(addr), v, __ATOMIC_RELEASE);
}

static inline uint64_t rt_atomicCas64(int64_t addr, uint64_t expected, uint64_t desired) {
  /* On failure the builtin writes the value it found into `expected`. */
  __atomic_compare_exchange_n(rt__atomic_word(addr), &expected, desired, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
  return expected;
}

static inline uint64_t rt_atomicSwap64(int64_t addr, uint64_t v) {
  return __atomic_exchange_n(rt__atomic_word(addr), v, __ATOMIC_ACQ_REL);
}

static inline uint64_t rt_atomicFetchAdd64(int64_t addr, uint64_t delta) {
  return __atomic_fetch_add(rt__atomic_word(addr), delta, __ATOMIC_ACQ_REL);
}

#endif /* UNISHYPER_RT_ATOMIC_H */
