/*
 * rt_int.h - conversions into the fixed-width types, wrapping exactly like
 * the JS expressions of the Node side (x & 0xff, x >>> 0, (x << 24) >> 24,
 * x | 0, BigInt.asUintN(64, ...), BigInt.asIntN(64, ...)).
 */
#ifndef UNISHYPER_RT_INT_H
#define UNISHYPER_RT_INT_H

#include "rt_base.h"
#include "rt_panic.h"

static inline uint8_t rt_u8(int64_t x) { return (uint8_t)x; }
static inline uint16_t rt_u16(int64_t x) { return (uint16_t)x; }
static inline uint32_t rt_u32(int64_t x) { return (uint32_t)x; }
static inline int8_t rt_i8(int64_t x) { return rt__i8_from_bits((uint8_t)x); }
static inline int16_t rt_i16(int64_t x) { return rt__i16_from_bits((uint16_t)x); }
static inline int32_t rt_i32(int64_t x) { return rt__i32_from_bits((uint32_t)x); }

/* u64(x)/i64(x) of a bigint (u64 or i64: both arrive as their 64 bits). */
static inline uint64_t rt_u64(uint64_t x) { return x; }
static inline int64_t rt_i64(uint64_t x) { return rt__i64_from_bits(x); }

/* u64(x)/i64(x) of a number. */
static inline uint64_t rt_u64_from_num(int64_t x) { return (uint64_t)x; }
static inline int64_t rt_i64_from_num(int64_t x) { return x; }

#define RT_MAX_SAFE_INTEGER INT64_C(9007199254740991)

/* num(x) of a u64 / an i64: panics "value out of number range" unless |x| <= 2^53-1. */
static inline int64_t rt_num_u64_at(uint64_t x, rt_str file, int64_t line) {
  if (x > (uint64_t)RT_MAX_SAFE_INTEGER) rt_panic(RT_STR("value out of number range"), file, line);
  return (int64_t)x;
}

static inline int64_t rt_num_i64_at(int64_t x, rt_str file, int64_t line) {
  if (x > RT_MAX_SAFE_INTEGER || x < -RT_MAX_SAFE_INTEGER) {
    rt_panic(RT_STR("value out of number range"), file, line);
  }
  return x;
}

#define rt_num_u64(x) rt_num_u64_at((x), RT_HERE)
#define rt_num_i64(x) rt_num_i64_at((x), RT_HERE)

/* num(x) choosing by the C type of x: an unsigned 64-bit type is a u64, anything else an i64. */
#define rt_num(x) \
  _Generic((x), unsigned long: rt_num_u64_at, unsigned long long: rt_num_u64_at, default: rt_num_i64_at)((x), RT_HERE)

#endif /* UNISHYPER_RT_INT_H */
