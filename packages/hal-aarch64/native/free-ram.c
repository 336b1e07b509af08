/*
 * Where the RAM that nothing claimed at boot begins: after the image and the
 * kernel heap that kernel-rt.c places right after it. The thread stack pool
 * (@unishyper/sched stack-pool.ts) takes its arena from there.
 */
#include <stdint.h>
#include "kernel-heap.h"

extern uint8_t __kernel_end[];

int64_t hal_free_ram_start(void) {
  return (int64_t)(uintptr_t)__kernel_end + KERNEL_HEAP_BYTES;
}
