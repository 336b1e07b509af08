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
 * flags alone, and add the last carry once. 128 bytes a turn cost 34
 * instructions (8 ldp, 8 stp, 16 adcs, sub, cbnz), 17 per 64 bytes against
 * 28 for a sum pass and a copy.
 */
#include "rt.h"

int64_t hal_copy_ones_sum16(int64_t dst, int64_t src, int64_t len) {
  if (len <= 0) return 0;
  const unsigned char *s = (const unsigned char *)(uintptr_t)src;
  unsigned char *d = (unsigned char *)(uintptr_t)dst;
  uint64_t n = (uint64_t)len, sum = 0;
  uint64_t big = n / 128, half = (n / 64) & 1, pairs = (n % 64) / 16;
  uint64_t a, b, c, e, f, g, h, k;
#define LOAD_STORE_ADD_64(ld, st)                                                                     \
  "ldp %[a], %[b], [%[s]" ld "\n\tldp %[c], %[e], [%[s], #-48]\n\tldp %[f], %[g], [%[s], #-32]\n\t"     \
  "ldp %[h], %[k], [%[s], #-16]\n\tstp %[a], %[b], [%[d]" st "\n\tstp %[c], %[e], [%[d], #-48]\n\t"  \
  "stp %[f], %[g], [%[d], #-32]\n\tstp %[h], %[k], [%[d], #-16]\n\t"                                  \
  "adcs %[sum], %[sum], %[a]\n\tadcs %[sum], %[sum], %[b]\n\tadcs %[sum], %[sum], %[c]\n\t"         \
  "adcs %[sum], %[sum], %[e]\n\tadcs %[sum], %[sum], %[f]\n\tadcs %[sum], %[sum], %[g]\n\t"         \
  "adcs %[sum], %[sum], %[h]\n\tadcs %[sum], %[sum], %[k]\n\t"
  __asm__("cmn xzr, xzr\n\t" /* carry clear */
          "cbz %[big], 2f\n"
          "1: " LOAD_STORE_ADD_64("], #64", "], #64") LOAD_STORE_ADD_64("], #64", "], #64")
          "sub %[big], %[big], #1\n\t"
          "cbnz %[big], 1b\n"
          "2: cbz %[half], 3f\n\t" LOAD_STORE_ADD_64("], #64", "], #64")
          "3: cbz %[pairs], 5f\n"
          "4: ldp %[a], %[b], [%[s]], #16\n\t"
          "stp %[a], %[b], [%[d]], #16\n\t"
          "adcs %[sum], %[sum], %[a]\n\t"
          "adcs %[sum], %[sum], %[b]\n\t"
          "sub %[pairs], %[pairs], #1\n\t"
          "cbnz %[pairs], 4b\n"
          "5: adc %[sum], %[sum], xzr"
          : [sum] "+r"(sum), [s] "+r"(s), [d] "+r"(d), [big] "+r"(big), [half] "+r"(half), [pairs] "+r"(pairs), [a] "=&r"(a),
            [b] "=&r"(b), [c] "=&r"(c), [e] "=&r"(e), [f] "=&r"(f), [g] "=&r"(g), [h] "=&r"(h), [k] "=&r"(k)
          :
          : "cc", "memory");
#undef LOAD_STORE_ADD_64
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
