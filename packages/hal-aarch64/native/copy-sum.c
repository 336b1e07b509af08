/*
 * Copy and Internet checksum in one pass (src/copy-sum.ts): the receive
 * path copies a segment's data into the reader's memory while it sums it
 * for the checksum, so each byte is loaded once. The value is rt's
 * rt_onesSum16 of the bytes (RFC 1071 sum of big-endian 16-bit words,
 * folded to 16 bits). The ranges must not overlap.
 *
 * Summed as little-endian 64-bit words with end-around carry, as
 * rt_onesSum16 does, byte-swapped at the end. The carry flag runs through
 * the whole adcs chain: the loops count with sub/cbnz, which leave the
 * flags alone, and add the last carry once. 64 bytes cost 18 instructions
 * (4 ldp, 4 stp, 8 adcs, sub, cbnz) against 28 for a sum pass and a copy.
 */
#include "rt.h"

int64_t hal_copy_ones_sum16(int64_t dst, int64_t src, int64_t len) {
  if (len <= 0) return 0;
  const unsigned char *s = (const unsigned char *)(uintptr_t)src;
  unsigned char *d = (unsigned char *)(uintptr_t)dst;
  uint64_t n = (uint64_t)len, sum = 0;
  uint64_t blocks = n / 64, pairs = (n % 64) / 16;
  uint64_t a, b, c, e, f, g, h, k;
  __asm__("cmn xzr, xzr\n\t" /* carry clear */
          "cbz %[blocks], 2f\n"
          "1: ldp %[a], %[b], [%[s]], #64\n\t"
          "ldp %[c], %[e], [%[s], #-48]\n\t"
          "ldp %[f], %[g], [%[s], #-32]\n\t"
          "ldp %[h], %[k], [%[s], #-16]\n\t"
          "stp %[a], %[b], [%[d]], #64\n\t"
          "stp %[c], %[e], [%[d], #-48]\n\t"
          "stp %[f], %[g], [%[d], #-32]\n\t"
          "stp %[h], %[k], [%[d], #-16]\n\t"
          "adcs %[sum], %[sum], %[a]\n\t"
          "adcs %[sum], %[sum], %[b]\n\t"
          "adcs %[sum], %[sum], %[c]\n\t"
          "adcs %[sum], %[sum], %[e]\n\t"
          "adcs %[sum], %[sum], %[f]\n\t"
          "adcs %[sum], %[sum], %[g]\n\t"
          "adcs %[sum], %[sum], %[h]\n\t"
          "adcs %[sum], %[sum], %[k]\n\t"
          "sub %[blocks], %[blocks], #1\n\t"
          "cbnz %[blocks], 1b\n"
          "2: cbz %[pairs], 4f\n"
          "3: ldp %[a], %[b], [%[s]], #16\n\t"
          "stp %[a], %[b], [%[d]], #16\n\t"
          "adcs %[sum], %[sum], %[a]\n\t"
          "adcs %[sum], %[sum], %[b]\n\t"
          "sub %[pairs], %[pairs], #1\n\t"
          "cbnz %[pairs], 3b\n"
          "4: adc %[sum], %[sum], xzr"
          : [sum] "+r"(sum), [s] "+r"(s), [d] "+r"(d), [blocks] "+r"(blocks), [pairs] "+r"(pairs), [a] "=&r"(a), [b] "=&r"(b),
            [c] "=&r"(c), [e] "=&r"(e), [f] "=&r"(f), [g] "=&r"(g), [h] "=&r"(h), [k] "=&r"(k)
          :
          : "cc", "memory");
  /* The last 0-15 bytes: a word, then the rest as one zero-padded little-endian word (an odd last byte is
   * the high octet of its 16-bit word, as in rt_onesSum16). */
  n %= 16;
  if (n & 8) {
    uint64_t w;
    __builtin_memcpy(&w, s, 8);
    __builtin_memcpy(d, &w, 8);
    sum += w;
    sum += sum < w;
    s += 8;
    d += 8;
  }
  if (n & 7) {
    uint64_t w = 0;
    unsigned at = 0;
    if (n & 4) {
      uint32_t v;
      __builtin_memcpy(&v, s, 4);
      __builtin_memcpy(d, &v, 4);
      w = v;
      at = 4;
    }
    if (n & 2) {
      uint16_t v;
      __builtin_memcpy(&v, s + at, 2);
      __builtin_memcpy(d + at, &v, 2);
      w |= (uint64_t)v << (8 * at);
      at += 2;
    }
    if (n & 1) {
      d[at] = s[at];
      w |= (uint64_t)s[at] << (8 * at);
    }
    sum += w;
    sum += sum < w;
  }
  sum = (sum & 0xffffffffu) + (sum >> 32);
  sum = (sum & 0xffffffffu) + (sum >> 32);
  sum = (sum & 0xffffu) + (sum >> 16);
  sum = (sum & 0xffffu) + (sum >> 16);
  return (int64_t)(((sum & 0xffu) << 8) | (sum >> 8));
}
