/* Glue: CRC-32 over 64 KiB of pattern bytes. */
#include "../harness/bench.h"
#include "pattern.h"

#define LEN 65536

#ifdef BENCH_DIALECT
/* bench/ts/crc32.ts: crc32(addr: number, len: number): u32 */
uint32_t BENCH_DIALECT_SYMBOL(int64_t addr, int64_t len);
#define KERNEL(p, n) BENCH_DIALECT_SYMBOL((int64_t)(uintptr_t)(p), (int64_t)(n))
#else
#include "../c/kernels.h"
#define KERNEL(p, n) crc32_ieee((p), (n))
#endif

const char bench_name[] = "crc32";

static uint8_t buf[LEN] __attribute__((aligned(64)));

void bench_setup(void)
{
	pattern_fill(buf, LEN, PATTERN_SEED);
}

uint64_t bench_run(void)
{
	return KERNEL(buf, LEN);
}
