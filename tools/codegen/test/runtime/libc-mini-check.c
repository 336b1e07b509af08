/* Checks runtime/libc-mini.c against byte-at-a-time references: every size
 * 0..300 at every source and destination misalignment 0..15, memmove on
 * overlapping ranges both ways, memset of every byte value, memcmp's sign.
 * Built by libc-mini.test.ts with the functions renamed (mini_memcpy, ...)
 * so the host's own libc stays out of the way. Prints "ok" or the first
 * failure. */
#include <stdio.h>
#include <string.h>

void *mini_memcpy(void *restrict d, const void *restrict s, size_t n);
void *mini_memmove(void *d, const void *s, size_t n);
void *mini_memset(void *d, int c, size_t n);
int mini_memcmp(const void *a, const void *b, size_t n);

#define AREA 1024
static unsigned char buf[AREA], ref[AREA];

static void fill(unsigned char *p, unsigned seed) {
  for (int i = 0; i < AREA; i++) p[i] = (unsigned char)(i * 131 + seed * 7 + (i >> 5));
}

static int same(const char *what, size_t n, int a, int b) {
  for (int i = 0; i < AREA; i++) {
    if (buf[i] != ref[i]) {
      printf("%s n=%zu a=%d b=%d: byte %d is %d, not %d\n", what, n, a, b, i, buf[i], ref[i]);
      return 0;
    }
  }
  return 1;
}

int main(void) {
  for (size_t n = 0; n <= 300; n++) {
    for (int a = 0; a < 16; a++) {
      for (int b = 0; b < 16; b++) {
        /* memcpy, disjoint */
        fill(buf, (unsigned)(n + a)); fill(ref, (unsigned)(n + a));
        mini_memcpy(buf + 512 + a, buf + b, n);
        for (size_t i = 0; i < n; i++) ref[512 + a + i] = ref[b + i];
        if (!same("memcpy", n, a, b)) return 1;
        /* memmove, overlapping upwards and downwards by a + b bytes */
        int shift = a + b + 1;
        fill(buf, (unsigned)n); fill(ref, (unsigned)n);
        mini_memmove(buf + 100 + shift, buf + 100, n);
        for (size_t i = n; i-- > 0;) ref[100 + shift + i] = ref[100 + i];
        if (!same("memmove up", n, a, b)) return 1;
        fill(buf, (unsigned)n); fill(ref, (unsigned)n);
        mini_memmove(buf + 100, buf + 100 + shift, n);
        for (size_t i = 0; i < n; i++) ref[100 + i] = ref[100 + shift + i];
        if (!same("memmove down", n, a, b)) return 1;
      }
      /* memset with the byte value varying */
      int c = (int)(n * 7 + (size_t)a) & 0xff;
      fill(buf, 3); fill(ref, 3);
      mini_memset(buf + a, c | 0x100, n); /* only the low byte counts */
      for (size_t i = 0; i < n; i++) ref[a + i] = (unsigned char)c;
      if (!same("memset", n, a, c)) return 1;
      /* memcmp: equal, then one byte different at every position */
      fill(buf, 9);
      memcpy(ref, buf, AREA);
      if (mini_memcmp(buf + a, ref + a, n) != 0) { printf("memcmp equal n=%zu\n", n); return 1; }
      for (size_t k = 0; k < n; k++) {
        ref[a + k] ^= 0x80;
        int r = mini_memcmp(buf + a, ref + a, n);
        int want = buf[a + k] < ref[a + k] ? -1 : 1;
        if ((r < 0 ? -1 : r > 0 ? 1 : 0) != want) { printf("memcmp n=%zu k=%zu gives %d\n", n, k, r); return 1; }
        ref[a + k] ^= 0x80;
      }
    }
  }
  printf("ok\n");
  return 0;
}
