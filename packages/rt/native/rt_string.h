/*
 * rt_string.h - strings are rt_str views of UTF-8 bytes; lengths and indices
 * count bytes, as under Node (which encodes with TextEncoder).
 */
#ifndef UNISHYPER_RT_STRING_H
#define UNISHYPER_RT_STRING_H

#include "rt_base.h"
#include "rt_panic.h"

static inline int64_t rt_strLen(rt_str s) {
  return s.len;
}

static inline uint8_t rt_strByteAt_at(rt_str s, int64_t i, rt_str file, int64_t line) {
  return s.ptr[rt_index_check(i, s.len, file, line)];
}

/* A view of the bytes at addr (not a copy); a negative length panics. */
static inline rt_str rt_strFromBytes_at(int64_t addr, int64_t len, rt_str file, int64_t line) {
  if (len < 0) rt__panic_num(RT_STR("invalid string length "), len, file, line);
  rt_str s = {(const uint8_t *)rt__ptr(addr), len};
  return s;
}

#define rt_strByteAt(s, i) rt_strByteAt_at((s), (i), RT_HERE)
#define rt_strFromBytes(addr, len) rt_strFromBytes_at((addr), (len), RT_HERE)

/* `===` on strings: same bytes. */
static inline bool rt_str_eq(rt_str a, rt_str b) {
  if (a.len != b.len) return false;
  for (int64_t i = 0; i < a.len; i++) {
    if (a.ptr[i] != b.ptr[i]) return false;
  }
  return true;
}

#endif /* UNISHYPER_RT_STRING_H */
