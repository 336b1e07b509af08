/* rt_base.h - types, strings, target hooks and exact integer helpers. */
#ifndef UNISHYPER_RT_BASE_H
#define UNISHYPER_RT_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The dialect's `number`: an integer below 2^53 in magnitude. */
typedef int64_t rt_number;

/* A string: UTF-8 bytes, not NUL-terminated, passed by value. */
typedef struct {
  const uint8_t *ptr;
  int64_t len;
} rt_str;

/* An rt_str for a string literal. */
#define RT_STR(lit) ((rt_str){(const uint8_t *)(lit), (int64_t)(sizeof(lit) - 1)})

/* The caller's location, for the `_at` functions behind panicking intrinsics. */
#define RT_HERE RT_STR(__FILE__), (int64_t)__LINE__

#define RT_WEAK __attribute__((weak))

/* ---- provided by the target ---------------------------------------------- */

void rt_console_write(const uint8_t *p, int64_t n);
_Noreturn void rt_target_exit(int64_t code);
void rt_target_heap(uint8_t **base, int64_t *size);

/* ---- exact conversions (no implementation-defined behaviour) --------------- */

/* The int64_t whose two's-complement bits are v. */
static inline int64_t rt__i64_from_bits(uint64_t v) {
  return v <= (uint64_t)INT64_MAX ? (int64_t)v : -(int64_t)~v - 1;
}

/* The int32_t whose two's-complement bits are v. */
static inline int32_t rt__i32_from_bits(uint32_t v) {
  return v <= (uint32_t)INT32_MAX ? (int32_t)v : -(int32_t)~v - 1;
}

static inline int16_t rt__i16_from_bits(uint16_t v) {
  return (int16_t)(v <= 0x7fffu ? (int32_t)v : (int32_t)v - 0x10000);
}

static inline int8_t rt__i8_from_bits(uint8_t v) {
  return (int8_t)(v <= 0x7fu ? (int32_t)v : (int32_t)v - 0x100);
}

/* An address (a dialect number) as a pointer. */
static inline void *rt__ptr(int64_t addr) {
  return (void *)(uintptr_t)addr;
}

#endif /* UNISHYPER_RT_BASE_H */
