/*
 * A -nostdlib AArch64 Linux program built from rt.h alone (plus the three
 * target hooks, implemented with raw syscalls): it checks that the header
 * links without libc or libgcc and behaves the same when nothing but rt.h
 * is there. Run by native.test.ts under qemu-aarch64; the expected output
 * is computed there with the Node implementation. Ends with a panic (a
 * double free), so the exit status is 101.
 */
#include "rt.h"

static long syscall3(long nr, long a, long b, long c) {
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x8 __asm__("x8") = nr;
  __asm__ volatile("svc 0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x8) : "memory");
  return x0;
}

void rt_console_write(const uint8_t *p, int64_t n) {
  syscall3(64 /* write */, 1, (long)p, (long)n);
}

_Noreturn void rt_target_exit(int64_t code) {
  syscall3(94 /* exit_group */, (long)code, 0, 0);
  for (;;) {
  }
}

static _Alignas(4096) uint8_t arena[64 * 1024];

void rt_target_heap(uint8_t **base, int64_t *size) {
  *base = arena;
  *size = (int64_t)sizeof arena;
}

/* A struct copy big enough that the compiler calls memcpy. */
struct big {
  int64_t v[40];
};

static void copy_big(struct big *dst, const struct big *src) {
  *dst = *src;
}

#define NL rt_put_str(RT_STR("\n"))

void _start(void);
void _start(void) {
  rt_put_str(RT_STR("hello from rt.h"));
  NL;
  rt_put_i64(rt_idiv(-7, 2));
  rt_put_str(RT_STR(" "));
  rt_put_hex(rt_mul32(0x12345678, 0x9abcdef));
  rt_put_str(RT_STR(" "));
  rt_put_hex_u64(rt_bswap64(0x0123456789abcdefu));
  rt_put_str(RT_STR(" "));
  rt_put_i64(rt_popcnt32(-1) + rt_clz32(1) + rt_ctz32(0x80));
  rt_put_str(RT_STR(" "));
  rt_put_bool(rt_str_eq(RT_STR("abc"), rt_strFromBytes((int64_t)(uintptr_t)"abcd", 3)));
  NL;

  int64_t a = rt_allocBytes(100, 8);
  int64_t b = rt_allocBytes(1000, 4096);
  rt_memset(a, 0x5a, 100);
  rt_memcpy(b, a, 100);
  rt_put_i64(a - (int64_t)(uintptr_t)arena);
  rt_put_str(RT_STR(" "));
  rt_put_i64(b - (int64_t)(uintptr_t)arena);
  rt_put_str(RT_STR(" "));
  rt_put_hex(rt_load32(b + 96));
  NL;
  rt_freeBytes(a);
  rt_freeBytes(b);

  struct big x, y;
  for (int i = 0; i < 40; i++) x.v[i] = i * 3;
  copy_big(&y, &x);
  rt_put_i64(y.v[39]);
  NL;

  rt_dmb();
  rt_isb();
  rt_write_sysreg_TPIDR_EL0(0x1234);
  rt_put_hex_u64(rt_read_sysreg_TPIDR_EL0());
  NL;
  rt_freeBytes(a);
  rt_put_str(RT_STR("not reached\n"));
  rt_target_exit(0);
}
