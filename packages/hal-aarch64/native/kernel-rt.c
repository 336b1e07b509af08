/*
 * The target services rt.h asks for, on bare metal: console output and exit
 * go to the TypeScript HAL (hal_console_write, hal_exit). rt_kernel_entry is
 * what boot.S calls: it gives the memory manager its boot heap (the kernel
 * heap `new` allocates from, built with RT_HEAP_EXTERNAL), runs the module
 * initialisers, then the image's generated kernelMain.
 */
#include "rt.h"
#include "kernel-heap.h"

extern uint8_t __kernel_end[];
void hal_console_write(int64_t addr, int64_t len);
_Noreturn void hal_exit(int64_t status);
void rt_kernel_main(int64_t dtb);
void rt_kernel_heap_init(int64_t base, int64_t size);
void rt_app_init(void);

void rt_console_write(const uint8_t *p, int64_t n) {
  hal_console_write((int64_t)(uintptr_t)p, n);
}

/* rt.h's panics end with status 101; a scheduler may end only the
 * panicking thread instead (hal_on_panic then does not return). */
#define RT_PANIC_STATUS 101
void hal_on_panic(void);

_Noreturn void rt_target_exit(int64_t code) {
  if (code == RT_PANIC_STATUS) hal_on_panic();
  hal_exit(code);
}

/* Unused with RT_HEAP_EXTERNAL; defined for builds of rt's own allocator. */
void rt_target_heap(uint8_t **base, int64_t *size) {
  *base = __kernel_end;
  *size = KERNEL_HEAP_BYTES;
}

_Noreturn void rt_kernel_entry(int64_t dtb) {
  rt_kernel_heap_init((int64_t)(uintptr_t)__kernel_end, KERNEL_HEAP_BYTES);
  rt_app_init();
  rt_kernel_main(dtb);
  hal_exit(0);
}

/* Bytes from the image start to the end of .bss (code, data, boot stack, page tables). */
extern uint8_t __kernel_start[];
int64_t hal_image_footprint(void) {
  return (int64_t)(__kernel_end - __kernel_start);
}

/* A started secondary core's first TypeScript call; the scheduler provides
 * the real one (@export hal_secondary_main). Without it the core sleeps. */
__attribute__((weak)) void hal_secondary_main(int64_t core) {
  (void)core;
  for (;;) __asm__ volatile("wfi");
}

/* Where PSCI CPU_ON starts a secondary core (boot.S). */
extern char hal_secondary_entry[];
int64_t hal_secondary_entry_address(void) {
  return (int64_t)(uintptr_t)hal_secondary_entry;
}

/* Entry of a new context (native/context.S); the scheduler exports the real one. */
__attribute__((weak)) void hal_thread_start(int64_t arg) {
  (void)arg;
  for (;;) __asm__ volatile("wfi");
}
