/* Target services for a host build (x86_64 with sanitizers): the same
 * program, linked against libc, so ASan/UBSan can watch it run. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define HEAP_BYTES (64u << 20)
static uint8_t heap_arena[HEAP_BYTES] __attribute__((aligned(64)));

void rt_target_heap(uint8_t **base, int64_t *size) {
  *base = heap_arena;
  *size = HEAP_BYTES;
}
uint64_t rt_host_sysregs[64];

void rt_console_write(const uint8_t *p, int64_t n) {
  while (n > 0) {
    ssize_t w = write(1, p, (size_t)n);
    if (w <= 0) return;
    p += w;
    n -= w;
  }
}

_Noreturn void rt_target_exit(int64_t code) {
  exit((int)code);
}

int64_t rt_app_main(void);

int main(void) {
  rt_target_exit(rt_app_main());
}
