/* The target services rt.h asks of a platform (rt_base.h), for kernels that
 * allocate or may panic: a static heap arena and an exit that ends the run. */
#include <stdint.h>
#include "bench.h"

#define HEAP_BYTES (4u << 20)
static uint8_t heap_arena[HEAP_BYTES] __attribute__((aligned(64)));

void rt_target_heap(uint8_t **base, int64_t *size)
{
	*base = heap_arena;
	*size = HEAP_BYTES;
}

_Noreturn void rt_target_exit(int64_t code)
{
	harness_exit((int)code);
}
