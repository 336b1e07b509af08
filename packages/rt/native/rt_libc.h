/*
 * rt_libc.h - memcpy, memmove, memset and memcmp for freestanding links.
 *
 * GCC and Clang may emit calls to these four even with -ffreestanding (for
 * struct copies and for __builtin_memcpy/memmove/memset of variable length),
 * so a -nostdlib program needs definitions. They are weak, so several
 * translation units may include this, and a target may supply faster ones.
 * Only defined when compiling freestanding (__STDC_HOSTED__ == 0) without a
 * sanitizer and without RT_NO_LIBC; hosted builds use the C library's.
 *
 * The empty asm in each loop keeps the optimiser from recognising the loop as
 * the very function being defined and calling it recursively.
 */
#ifndef UNISHYPER_RT_LIBC_H
#define UNISHYPER_RT_LIBC_H

#include "rt_base.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RT__SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define RT__SANITIZED 1
#endif

#if !__STDC_HOSTED__ && !defined(RT_NO_LIBC) && !defined(RT__SANITIZED)

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

RT_WEAK void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
  uint8_t *d = (uint8_t *)dst;
  const uint8_t *s = (const uint8_t *)src;
  for (size_t i = 0; i < n; i++) {
    __asm__("" : "+r"(d));
    d[i] = s[i];
  }
  return dst;
}

RT_WEAK void *memmove(void *dst, const void *src, size_t n) {
  uint8_t *d = (uint8_t *)dst;
  const uint8_t *s = (const uint8_t *)src;
  if ((uintptr_t)d - (uintptr_t)s >= (uintptr_t)n) {
    /* dst does not start inside [src, src + n): copy forwards. */
    for (size_t i = 0; i < n; i++) {
      __asm__("" : "+r"(d));
      d[i] = s[i];
    }
  } else {
    for (size_t i = n; i > 0; i--) {
      __asm__("" : "+r"(d));
      d[i - 1] = s[i - 1];
    }
  }
  return dst;
}

RT_WEAK void *memset(void *dst, int c, size_t n) {
  uint8_t *d = (uint8_t *)dst;
  for (size_t i = 0; i < n; i++) {
    __asm__("" : "+r"(d));
    d[i] = (uint8_t)c;
  }
  return dst;
}

RT_WEAK int memcmp(const void *a, const void *b, size_t n) {
  const uint8_t *x = (const uint8_t *)a;
  const uint8_t *y = (const uint8_t *)b;
  for (size_t i = 0; i < n; i++) {
    __asm__("" : "+r"(x));
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}

#endif

#endif /* UNISHYPER_RT_LIBC_H */
