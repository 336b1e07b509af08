/* Target services for Linux user mode: console = fd 1, exit = exit_group,
 * heap = a static arena. Raw system calls; no libc. */
#include <stdint.h>

#define HEAP_BYTES (64u << 20)
static uint8_t heap_arena[HEAP_BYTES] __attribute__((aligned(64)));

void rt_target_heap(uint8_t **base, int64_t *size) {
  *base = heap_arena;
  *size = HEAP_BYTES;
}

static long sys3(long n, long a, long b, long c) {
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x8) : "memory");
  return x0;
}

void rt_console_write(const uint8_t *p, int64_t n) {
  while (n > 0) {
    long w = sys3(64 /* write */, 1, (long)p, (long)n);
    if (w <= 0) return;
    p += w;
    n -= w;
  }
}

_Noreturn void rt_target_exit(int64_t code) {
  for (;;) sys3(94 /* exit_group */, (long)code, 0, 0);
}
