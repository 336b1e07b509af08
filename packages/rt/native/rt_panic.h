/*
 * rt_panic.h - panics. A panic prints
 *     panic: <msg>
 *         at <file>:<line>
 * and exits with status 101. Node throws KernelPanic with the same <msg>.
 */
#ifndef UNISHYPER_RT_PANIC_H
#define UNISHYPER_RT_PANIC_H

#include "rt_base.h"
#include "rt_console.h"

/* A panic message is printed in pieces between these two calls. */
static inline void rt__panic_begin(void) {
  rt_put_str(RT_STR("panic: "));
}

_Noreturn static inline void rt__panic_end(rt_str file, int64_t line) {
  rt_put_str(RT_STR("\n    at "));
  rt_put_str(file);
  rt_put_str(RT_STR(":"));
  rt_put_i64(line);
  rt_put_str(RT_STR("\n"));
  rt_target_exit(101);
}

/*
 * Panics are out of line and cold: the checks that call them (bounds, null,
 * number range) then cost a compare and a branch on the hot path, and gcc
 * keeps their arguments out of callee-saved registers, so checked leaf
 * functions need no stack frame.
 */
#define RT_COLD __attribute__((cold, noinline, unused))

RT_COLD _Noreturn static void rt_panic(rt_str msg, rt_str file, int64_t line) {
  rt__panic_begin();
  rt_put_str(msg);
  rt__panic_end(file, line);
}

/* panic: <msg><hex of addr>, e.g. "double free of 0x40001010" (as Node's formatHex). */
RT_COLD _Noreturn static void rt__panic_addr(rt_str msg, int64_t addr, rt_str file, int64_t line) {
  rt__panic_begin();
  rt_put_str(msg);
  rt_put_hex(addr);
  rt__panic_end(file, line);
}

/* panic: <msg><decimal n>, e.g. "invalid alignment 3". */
RT_COLD _Noreturn static void rt__panic_num(rt_str msg, int64_t n, rt_str file, int64_t line) {
  rt__panic_begin();
  rt_put_str(msg);
  rt_put_i64(n);
  rt__panic_end(file, line);
}

/* The panic of a failed bounds check (rt_index_check's; the compiler's narrowed checks call it too). */
RT_COLD _Noreturn static void rt_index_fail(int64_t i, int64_t len, rt_str file, int64_t line) {
  rt__panic_begin();
  rt_put_str(RT_STR("index "));
  rt_put_i64(i);
  rt_put_str(RT_STR(" out of bounds for length "));
  rt_put_i64(len);
  rt__panic_end(file, line);
}

/* i when 0 <= i < len; otherwise panics "index <i> out of bounds for length <len>". */
static inline int64_t rt_index_check(int64_t i, int64_t len, rt_str file, int64_t line) {
  /* One unsigned compare covers i < 0 too (a length is never negative). */
  if ((uint64_t)i >= (uint64_t)len) rt_index_fail(i, len, file, line);
  return i;
}

/* The dialect's checkIndex(i, len). */
#define rt_checkIndex(i, len) rt_index_check((i), (len), RT_HERE)

#endif /* UNISHYPER_RT_PANIC_H */
