/*
 * rt_console.h - console output, formatted exactly like kprint under Node:
 * decimal for numbers, true/false, strings as they are, hex in lowercase with
 * a 0x prefix and no padding, negative hex as -0x<magnitude>. Each call is
 * one rt_console_write.
 */
#ifndef UNISHYPER_RT_CONSOLE_H
#define UNISHYPER_RT_CONSOLE_H

#include "rt_base.h"

static inline void rt_put_str(rt_str s) {
  if (s.len > 0) rt_console_write(s.ptr, s.len);
}

/* Writes `prefix` (at most 3 bytes) and then v in base 10 or 16. */
static inline void rt__put_digits(const char *prefix, uint64_t v, uint64_t base) {
  uint8_t buf[24];
  int64_t at = (int64_t)sizeof buf;
  do {
    uint64_t d = v % base;
    buf[--at] = (uint8_t)(d < 10 ? '0' + d : 'a' + (d - 10));
    v /= base;
  } while (v != 0);
  int64_t n = 0;
  while (prefix[n] != '\0') n++;
  at -= n;
  for (int64_t i = 0; i < n; i++) buf[at + i] = (uint8_t)prefix[i];
  rt_console_write(buf + at, (int64_t)sizeof buf - at);
}

/* The magnitude of v as an unsigned value (exact for INT64_MIN). */
static inline uint64_t rt__magnitude(int64_t v) {
  return v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
}

static inline void rt_put_u64(uint64_t v) {
  rt__put_digits("", v, 10);
}

static inline void rt_put_i64(int64_t v) {
  rt__put_digits(v < 0 ? "-" : "", rt__magnitude(v), 10);
}

static inline void rt_put_bool(bool b) {
  if (b) rt_put_str(RT_STR("true"));
  else rt_put_str(RT_STR("false"));
}

static inline void rt_put_hex(int64_t v) {
  rt__put_digits(v < 0 ? "-0x" : "0x", rt__magnitude(v), 16);
}

static inline void rt_put_hex_u64(uint64_t v) {
  rt__put_digits("0x", v, 16);
}

/* hex(x) of an i64: the same as rt_put_hex. */
static inline void rt_put_hex_i64(int64_t v) {
  rt_put_hex(v);
}

#endif /* UNISHYPER_RT_CONSOLE_H */
