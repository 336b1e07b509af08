/*
 * Glue for the kernels of the shape `k(buf, len, n)`: `buf` is the address of
 * LEN pattern bytes (pattern.h), `n` the kernel's work count (KERNEL_N). The
 * kernel builds whatever else it needs from these, frees what it allocates,
 * and returns a 64-bit digest of its work.
 *
 * bench_setup() calls the kernel once, so the heap (rt_heap.h, used by both
 * variants) is initialised before the measured calls and every repetition
 * sees the same heap state.
 */
#include "../harness/bench.h"
#include "pattern.h"

#define LEN 65536

#ifdef BENCH_DIALECT
/* bench/ts/<kernel>.ts: (buf: number, len: number, n: number): number */
int64_t BENCH_DIALECT_SYMBOL(int64_t buf, int64_t len, int64_t n);
#define KERNEL(p, l, n) BENCH_DIALECT_SYMBOL((int64_t)(uintptr_t)(p), (l), (n))
#else
int64_t KERNEL_C(const uint8_t *buf, int64_t len, int64_t n);
#define KERNEL(p, l, n) KERNEL_C((p), (l), (n))
#endif

const char bench_name[] = KERNEL_NAME;

static uint8_t buf[LEN] __attribute__((aligned(64)));

void bench_setup(void)
{
	pattern_fill(buf, LEN, PATTERN_SEED);
	(void)KERNEL(buf, LEN, KERNEL_N);
}

uint64_t bench_run(void)
{
	return (uint64_t)KERNEL(buf, LEN, KERNEL_N);
}
