/*
 * Glue: a 64 Ki-entry FAT32 table in memory holding one 60000-cluster chain
 * in scattered order (cluster k of the chain is the k-th value >= 2 of
 * (k * 40503 + 12345) mod 2^16, a permutation), with the reserved top nibble
 * of each link set to k mod 16 so the walker must mask. Unused entries are
 * free (0); entries 0 and 1 hold the usual media/EOC values.
 *
 * Result: (clusters returned << 32) | sum of cluster indices mod 2^32.
 */
#include "../harness/bench.h"

#define ENTRIES 65536u
#define CHAIN   60000u

struct chain_out {
	uint32_t clusters;
	uint32_t sum;
};

#ifdef BENCH_DIALECT
/* bench/ts/fatwalk.ts:
 * fatWalk(fat: number, entries: number, start: number, out: number): number */
int64_t BENCH_DIALECT_SYMBOL(int64_t fat, int64_t entries, int64_t start, int64_t out);
#define KERNEL(f, n, s, o)                                                    \
	BENCH_DIALECT_SYMBOL((int64_t)(uintptr_t)(f), (int64_t)(n), (int64_t)(s), \
			     (int64_t)(uintptr_t)(o))
#else
#include "../c/kernels.h"
#define KERNEL(f, n, s, o) fat_chain_walk((f), (n), (s), (struct fat_chain *)(o))
#endif

const char bench_name[] = "fatwalk";

static uint32_t fat[ENTRIES] __attribute__((aligned(64)));
static uint32_t start_cluster;
static struct chain_out out;

void bench_setup(void)
{
	uint32_t prev = 0, k = 0;

	fat[0] = 0x0ffffff8u;
	fat[1] = 0xffffffffu;
	for (uint32_t i = 0; i < ENTRIES && k < CHAIN; i++) {
		uint32_t c = (i * 40503u + 12345u) & 0xffffu;
		if (c < 2)
			continue;
		if (k == 0)
			start_cluster = c;
		else
			fat[prev] = c | ((k - 1) & 0xfu) << 28;
		prev = c;
		k++;
	}
	fat[prev] = 0x0fffffffu | ((k - 1) & 0xfu) << 28;
}

uint64_t bench_run(void)
{
	out.clusters = 0;
	out.sum = 0;
	int64_t n = KERNEL(fat, ENTRIES, start_cluster, &out);
	return (uint64_t)(uint32_t)n << 32 | out.sum;
}
