/*
 * rt_arith.h - arithmetic intrinsics. Parameters have the dialect types'
 * C types, so an operand is converted exactly as the Node side coerces it
 * (>>> 0 for u32, | 0 for i32, modulo 2^64 for u64/i64). Signed results are
 * computed in unsigned arithmetic and converted back exactly. A zero divisor
 * panics "division by zero"; MIN / -1 wraps to MIN with remainder 0.
 */
#ifndef UNISHYPER_RT_ARITH_H
#define UNISHYPER_RT_ARITH_H

#include "rt_base.h"
#include "rt_panic.h"

/* Math.imul(a, b) and Math.imul(a, b) >>> 0. */
static inline int32_t rt_mul32(int64_t a, int64_t b) {
  return rt__i32_from_bits((uint32_t)((uint64_t)(uint32_t)a * (uint32_t)b));
}

static inline uint32_t rt_mulu32(int64_t a, int64_t b) {
  return (uint32_t)((uint64_t)(uint32_t)a * (uint32_t)b);
}

_Noreturn static inline void rt__division_by_zero(rt_str file, int64_t line) {
  rt_panic(RT_STR("division by zero"), file, line);
}

/* Math.trunc(a / b) on numbers. */
static inline int64_t rt_idiv_at(int64_t a, int64_t b, rt_str file, int64_t line) {
  if (b == 0) rt__division_by_zero(file, line);
  if (b == -1) return rt__i64_from_bits(0 - (uint64_t)a);
  return a / b;
}

static inline uint32_t rt_divu32_at(uint32_t a, uint32_t b, rt_str file, int64_t line) {
  if (b == 0) rt__division_by_zero(file, line);
  return a / b;
}

static inline uint32_t rt_remu32_at(uint32_t a, uint32_t b, rt_str file, int64_t line) {
  if (b == 0) rt__division_by_zero(file, line);
  return a % b;
}

static inline int32_t rt_divi32_at(int32_t a, int32_t b, rt_str file, int64_t line) {
  if (b == 0) rt__division_by_zero(file, line);
  if (b == -1) return rt__i32_from_bits(0 - (uint32_t)a);
  return a / b;
}

static inline int32_t rt_remi32_at(int32_t a, int32_t b, rt_str file, int64_t line) {
  if (b == 0) rt__division_by_zero(file, line);
  if (b == -1) return 0;
  return a % b;
}

static inline uint64_t rt_divu64_at(uint64_t a, uint64_t b, rt_str file, int64_t line) {
  if (b == 0) rt__division_by_zero(file, line);
  return a / b;
}

static inline uint64_t rt_remu64_at(uint64_t a, uint64_t b, rt_str file, int64_t line) {
  if (b == 0) rt__division_by_zero(file, line);
  return a % b;
}

static inline int64_t rt_divi64_at(int64_t a, int64_t b, rt_str file, int64_t line) {
  return rt_idiv_at(a, b, file, line);
}

static inline int64_t rt_remi64_at(int64_t a, int64_t b, rt_str file, int64_t line) {
  if (b == 0) rt__division_by_zero(file, line);
  if (b == -1) return 0;
  return a % b;
}

#define rt_idiv(a, b) rt_idiv_at((a), (b), RT_HERE)
#define rt_divu32(a, b) rt_divu32_at((a), (b), RT_HERE)
#define rt_remu32(a, b) rt_remu32_at((a), (b), RT_HERE)
#define rt_divi32(a, b) rt_divi32_at((a), (b), RT_HERE)
#define rt_remi32(a, b) rt_remi32_at((a), (b), RT_HERE)
#define rt_divu64(a, b) rt_divu64_at((a), (b), RT_HERE)
#define rt_remu64(a, b) rt_remu64_at((a), (b), RT_HERE)
#define rt_divi64(a, b) rt_divi64_at((a), (b), RT_HERE)
#define rt_remi64(a, b) rt_remi64_at((a), (b), RT_HERE)

/* Shifts by n & 63 (the count's low 6 bits, as the hardware uses them). */
static inline uint64_t rt_shl64(uint64_t a, int64_t n) {
  return a << ((uint64_t)n & 63u);
}

static inline uint64_t rt_shr64(uint64_t a, int64_t n) {
  return a >> ((uint64_t)n & 63u);
}

static inline int64_t rt_sar64(int64_t a, int64_t n) {
  uint64_t s = (uint64_t)n & 63u;
  uint64_t bits = (uint64_t)a;
  return rt__i64_from_bits(a < 0 ? ~(~bits >> s) : bits >> s);
}

/* Bit counts of x >>> 0. */
static inline int64_t rt_clz32(int64_t x) {
  uint32_t v = (uint32_t)x;
  return v == 0 ? 32 : (int64_t)__builtin_clz(v);
}

static inline int64_t rt_ctz32(int64_t x) {
  uint32_t v = (uint32_t)x;
  return v == 0 ? 32 : (int64_t)__builtin_ctz(v);
}

/* Plain arithmetic: __builtin_popcount may become a libgcc call without SIMD. */
static inline int64_t rt_popcnt32(int64_t x) {
  uint32_t v = (uint32_t)x;
  v = v - ((v >> 1) & 0x55555555u);
  v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
  v = (v + (v >> 4)) & 0x0f0f0f0fu;
  return (int64_t)((uint32_t)(v * 0x01010101u) >> 24);
}

static inline uint16_t rt_bswap16(int64_t x) {
  uint32_t v = (uint32_t)x & 0xffffu;
  return (uint16_t)(((v & 0xffu) << 8) | (v >> 8));
}

static inline uint32_t rt_bswap32(int64_t x) {
  return __builtin_bswap32((uint32_t)x);
}

static inline uint64_t rt_bswap64(uint64_t x) {
  return __builtin_bswap64(x);
}

/* Rotates of x >>> 0 by n & 31. */
static inline uint32_t rt_rotl32(int64_t x, int64_t n) {
  uint32_t v = (uint32_t)x;
  uint32_t s = (uint32_t)n & 31u;
  return s == 0 ? v : (v << s) | (v >> (32u - s));
}

static inline uint32_t rt_rotr32(int64_t x, int64_t n) {
  uint32_t v = (uint32_t)x;
  uint32_t s = (uint32_t)n & 31u;
  return s == 0 ? v : (v >> s) | (v << (32u - s));
}

#endif /* UNISHYPER_RT_ARITH_H */
