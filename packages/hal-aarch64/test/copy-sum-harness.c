/* Checks native/copy-sum.c against rt_onesSum16 and a copy, at every source and destination alignment
 * and every length around the 64- and 16-byte loops' edges, over random, all-ones and zero bytes
 * (test/copy-sum.test.ts runs it under qemu-aarch64). Prints "<cases> cases, <bad> bad". */
#include <stdio.h>
#include <string.h>
#include "rt.h"

int64_t hal_copy_ones_sum16(int64_t dst, int64_t src, int64_t len);

static unsigned char src[4096], dst[4096];
static uint32_t seed = 1;
static unsigned char next(void) {
  seed = seed * 1103515245u + 12345u;
  return (unsigned char)(seed >> 16);
}

int main(void) {
  int bad = 0, cases = 0;
  for (int fill = 0; fill < 3; fill++) {
    for (int i = 0; i < 4096; i++) src[i] = fill == 0 ? next() : fill == 1 ? 0xff : 0;
    for (int off = 0; off < 16; off++) {
      for (int doff = 0; doff < 9; doff++) {
        for (int n = 0; n <= 1600; n += n < 200 ? 1 : 37) {
          memset(dst, 0xaa, sizeof dst);
          int64_t got = hal_copy_ones_sum16((int64_t)(uintptr_t)(dst + doff), (int64_t)(uintptr_t)(src + off), n);
          int64_t want = rt_onesSum16((int64_t)(uintptr_t)(src + off), n);
          int ok = got == want && memcmp(dst + doff, src + off, (size_t)n) == 0 && dst[doff + n] == 0xaa && (doff == 0 || dst[doff - 1] == 0xaa);
          if (!ok && bad++ < 5) printf("bad: source offset %d, destination offset %d, %d bytes: sum %llx, want %llx\n", off, doff, n, (long long)got, (long long)want);
          cases++;
        }
      }
    }
  }
  printf("%d cases, %d bad\n", cases, bad);
  return bad != 0;
}
