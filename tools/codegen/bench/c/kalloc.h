/* The C twins allocate from the same kernel heap as dialect code (rt_heap.h),
 * so allocation costs the same in both variants. */
#ifndef BENCH_C_KALLOC_H
#define BENCH_C_KALLOC_H
#include "rt.h"

static inline void *kmalloc(size_t size) { return rt_alloc((int64_t)size, 16); }
static inline void kfree(void *p) { rt_free(p); }
#endif
