/*
 * spin <n>: a loop of exactly 2*n user-mode instructions (subs, b.ne), to
 * check the counting: between `spin N` and `spin 2N` the EL0 count must grow
 * by exactly 2N, and the whole count by 2N plus the kernel's timer ticks.
 */
#include <stdint.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 0;
  if (n) __asm__ volatile("1: subs %0, %0, #1\n\tb.ne 1b" : "+r"(n) : : "cc");
  return 0;
}
