/* The four functions GCC and clang may call even in freestanding code
 * (struct copies, zeroing) and that rt's memcpy/memset lower to. They sit on
 * the file system's and the network's data paths, so they move 64 bytes per
 * loop turn in four 16-byte units (an ldp/stp pair each: 11 instructions
 * per 64 bytes, instead of the 4-5 per byte of a byte loop).
 *
 * Unaligned 64-bit accesses are fine where these run: kernel RAM is Normal
 * memory with SCTLR_EL1.A clear (boot code that runs with the MMU off does
 * not call them), and Linux user space. They must not be used on device
 * memory (MMIO goes through rt's mmio intrinsics).
 *
 * The loops must not be turned back into calls to these very functions:
 * GCC's loop-distribution pass is switched off for them, and clang does not
 * form a call to the function it is compiling. */
#include <stddef.h>
#include <stdint.h>

typedef uint64_t __attribute__((may_alias, aligned(1))) word_t;
typedef uint32_t __attribute__((may_alias, aligned(1))) half_t;
typedef uint16_t __attribute__((may_alias, aligned(1))) quarter_t;
/* A 16-byte unit: gcc and clang move it with one ldp/stp of two general registers. */
typedef unsigned __int128 __attribute__((may_alias, aligned(1))) dword_t;

#if defined(__clang__)
#define NO_LIBCALLS
#else
#define NO_LIBCALLS __attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif

/* Copies n bytes upwards: each 64-byte block is read whole before it is
 * written, so it is also right for overlapping ranges with d below s. */
static inline void copy_up(unsigned char *d, const unsigned char *s, size_t n) {
  while (n >= 64) {
    dword_t *dw = (dword_t *)d;
    const dword_t *sw = (const dword_t *)s;
    unsigned __int128 a = sw[0], b = sw[1], c = sw[2], e = sw[3];
    dw[0] = a; dw[1] = b; dw[2] = c; dw[3] = e;
    d += 64; s += 64; n -= 64;
  }
  while (n >= 8) {
    uint64_t a = *(const word_t *)s;
    *(word_t *)d = a;
    d += 8; s += 8; n -= 8;
  }
  /* The last 0-7 bytes in at most three moves, not a byte loop (a 1,460-byte packet ends in 4). */
  if (n & 4) { uint32_t a = *(const half_t *)s; *(half_t *)d = a; d += 4; s += 4; }
  if (n & 2) { uint16_t a = *(const quarter_t *)s; *(quarter_t *)d = a; d += 2; s += 2; }
  if (n & 1) *d = *s;
}

/* Copies n bytes downwards, from the end: right for overlapping ranges
 * with d above s. */
static inline void copy_down(unsigned char *d, const unsigned char *s, size_t n) {
  d += n; s += n;
  while (n >= 64) {
    d -= 64; s -= 64; n -= 64;
    dword_t *dw = (dword_t *)d;
    const dword_t *sw = (const dword_t *)s;
    unsigned __int128 a = sw[0], b = sw[1], c = sw[2], e = sw[3];
    dw[0] = a; dw[1] = b; dw[2] = c; dw[3] = e;
  }
  while (n >= 8) {
    d -= 8; s -= 8; n -= 8;
    uint64_t a = *(const word_t *)s;
    *(word_t *)d = a;
  }
  if (n & 4) { d -= 4; s -= 4; uint32_t a = *(const half_t *)s; *(half_t *)d = a; }
  if (n & 2) { d -= 2; s -= 2; uint16_t a = *(const quarter_t *)s; *(quarter_t *)d = a; }
  if (n & 1) *--d = *--s;
}

NO_LIBCALLS void *memcpy(void *restrict d, const void *restrict s, size_t n) {
  copy_up(d, s, n);
  return d;
}

NO_LIBCALLS void *memmove(void *d, const void *s, size_t n) {
  unsigned char *dp = d;
  const unsigned char *sp = s;
  if (dp <= sp || dp >= sp + n) copy_up(dp, sp, n);
  else copy_down(dp, sp, n);
  return d;
}

NO_LIBCALLS void *memset(void *d, int c, size_t n) {
  unsigned char *dp = d;
  uint64_t w = (uint64_t)(unsigned char)c * 0x0101010101010101ull;
  unsigned __int128 ww = ((unsigned __int128)w << 64) | w;
  while (n >= 64) {
    dword_t *dw = (dword_t *)dp;
    dw[0] = ww; dw[1] = ww; dw[2] = ww; dw[3] = ww;
    dp += 64; n -= 64;
  }
  while (n >= 8) {
    *(word_t *)dp = w;
    dp += 8; n -= 8;
  }
  while (n--) *dp++ = (unsigned char)c;
  return d;
}

NO_LIBCALLS int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  /* Equal words are skipped eight bytes at a time; the first difference is found bytewise. */
  while (n >= 8 && *(const word_t *)x == *(const word_t *)y) {
    x += 8; y += 8; n -= 8;
  }
  for (; n; n--, x++, y++) if (*x != *y) return *x - *y;
  return 0;
}
