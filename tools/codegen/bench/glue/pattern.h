/*
 * Deterministic inputs shared by every variant (and reproduced by
 * bench/ts/kernels.test.ts): xorshift32 (13, 17, 5), one byte per step taken
 * from the top 8 bits of the state.
 */
#ifndef BENCH_PATTERN_H
#define BENCH_PATTERN_H

#include <stddef.h>
#include <stdint.h>

#define PATTERN_SEED 0x2545f491u

static inline uint32_t xorshift32(uint32_t x)
{
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

static inline void pattern_fill(uint8_t *p, size_t n, uint32_t seed)
{
	uint32_t x = seed;
	for (size_t i = 0; i < n; i++) {
		x = xorshift32(x);
		p[i] = (uint8_t)(x >> 24);
	}
}

#endif
