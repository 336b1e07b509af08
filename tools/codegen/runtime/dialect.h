/* Compiler-owned support for generated code: closures, FixedArray storage,
 * JS remainder and bigint shifts. The intrinsics themselves live in
 * packages/rt/native/rt.h. Everything here is free of undefined behaviour
 * for every input. */
#ifndef UNISHYPER_DIALECT_H
#define UNISHYPER_DIALECT_H
#include "rt.h"

/* Small higher-order functions taking a closure are inlined into their callers
 * (the compiler's function.ts: inlineForClosures). */
#define RT_ALWAYS_INLINE __attribute__((always_inline))

/* A closure value: code pointer plus environment (NULL when nothing is captured). */
typedef struct rt_closure { void *fn; void *env; } rt_closure;

/* FixedArray<T> storage: length, then 16-byte aligned elements. */
typedef struct rt_fixed { int64_t length; int64_t reserved; unsigned char data[]; } rt_fixed;

static inline rt_fixed *rt_fixed_alloc(int64_t n, int64_t elem_size, int64_t align, rt_str file, int64_t line) {
  if (n < 0) rt_panic(RT_STR("FixedArray length must not be negative"), file, line);
  if (n > (INT64_C(1) << 40) / (elem_size ? elem_size : 1)) rt_panic(RT_STR("out of memory"), file, line);
  rt_fixed *a = (rt_fixed *)rt_alloc((int64_t)sizeof(rt_fixed) + n * elem_size, align > 16 ? align : 16);
  a->length = n;
  a->reserved = 0;
  return a;
}

/* JS `a % b` on the integer domain: the sign follows the dividend; b == 0 is outside the domain. */
static inline int64_t rt_js_rem(int64_t a, int64_t b, rt_str file, int64_t line) {
  if (b == 0) rt_panic(RT_STR("remainder by zero"), file, line);
  if (b == -1) return 0;
  return a % b;
}

/* rt_js_rem for a divisor that is not a compile-time constant (the compiler
 * picks it). On AArch64 sdiv + msub directly: sdiv never traps and gives
 * INT64_MIN for INT64_MIN / -1, so msub yields 0, JS's answer, without the
 * b == -1 test that C's `%` needs (its overflow is undefined in C). */
static inline int64_t rt_js_rem_var(int64_t a, int64_t b, rt_str file, int64_t line) {
#if defined(__aarch64__)
  if (b == 0) rt_panic(RT_STR("remainder by zero"), file, line);
  int64_t q, r;
  __asm__("sdiv %0, %2, %3\n\tmsub %1, %0, %3, %2" : "=&r"(q), "=r"(r) : "r"(a), "r"(b));
  return r;
#else
  return rt_js_rem(a, b, file, line);
#endif
}

/* bigint shifts: exact JS results reduced mod 2^64 (for >>, of a wrapped u64/i64). */
static inline int64_t rt_big_count_u(uint64_t n) { return n > INT64_C(1000) ? INT64_C(1000) : (int64_t)n; }
static inline uint64_t rt_big_shl(uint64_t a, int64_t n, rt_str file, int64_t line) {
  if (n < 0) rt_panic(RT_STR("bigint shift by a negative count"), file, line);
  return n >= 64 ? 0 : a << n;
}
static inline uint64_t rt_big_shr(uint64_t a, int64_t n, rt_str file, int64_t line) {
  if (n < 0) rt_panic(RT_STR("bigint shift by a negative count"), file, line);
  return n >= 64 ? 0 : a >> n;
}
static inline int64_t rt_big_sar(int64_t a, int64_t n, rt_str file, int64_t line) {
  if (n < 0) rt_panic(RT_STR("bigint shift by a negative count"), file, line);
  if (n >= 64) return a < 0 ? -1 : 0;
  return a < 0 ? ~(int64_t)(~(uint64_t)a >> n) : (int64_t)((uint64_t)a >> n);
}
/* Mathematical comparison of an i64 with a u64: -1, 0 or 1. */
static inline int rt_cmp_i64_u64(int64_t a, uint64_t b) {
  if (a < 0) return -1;
  return (uint64_t)a < b ? -1 : (uint64_t)a > b ? 1 : 0;
}

/* System registers: real mrs/msr on AArch64; a simulated register file elsewhere. */
#if defined(__aarch64__)
#define rt_mrs(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define rt_msr(reg, v) ({ uint64_t w_ = (v); __asm__ volatile("msr " #reg ", %0" : : "r"(w_) : "memory"); })
#else
extern uint64_t rt_host_sysregs[64];
static inline uint64_t *rt_host_sysreg(const char *name) {
  uint64_t h = 5381;
  for (const char *p = name; *p; p++) h = h * 33 + (unsigned char)*p;
  return &rt_host_sysregs[h % 64];
}
#define rt_mrs(reg) (*rt_host_sysreg(#reg))
#define rt_msr(reg, v) ((void)(*rt_host_sysreg(#reg) = (v)))
#endif

#endif
