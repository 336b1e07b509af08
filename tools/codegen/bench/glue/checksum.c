/* Glue: Internet checksum over 64 KiB of pattern bytes. */
#include "../harness/bench.h"
#include "pattern.h"

#define LEN 65536

#ifdef BENCH_DIALECT
/* bench/ts/checksum.ts: inetChecksum(addr: number, len: number): u16 */
uint16_t BENCH_DIALECT_SYMBOL(int64_t addr, int64_t len);
#define KERNEL(p, n) BENCH_DIALECT_SYMBOL((int64_t)(uintptr_t)(p), (int64_t)(n))
#else
#include "../c/kernels.h"
#define KERNEL(p, n) inet_checksum((p), (n))
#endif

const char bench_name[] = "checksum";

static uint8_t buf[LEN] __attribute__((aligned(64)));

void bench_setup(void)
{
	pattern_fill(buf, LEN, PATTERN_SEED);
}

uint64_t bench_run(void)
{
	return KERNEL(buf, LEN);
}
