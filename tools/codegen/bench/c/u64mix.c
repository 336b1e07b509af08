/* 64-bit arithmetic (FNV-1a 64, splitmix64 finaliser): the twin of ts/u64mix.ts. */
#include <stdint.h>

static uint64_t fnv1a(const uint8_t *p, int64_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (int64_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

static uint64_t mix(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ull;
	z = (z ^ z >> 30) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ z >> 27) * 0x94d049bb133111ebull;
	return z ^ z >> 31;
}

int64_t u64mix_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	uint64_t acc = 0;
	for (int64_t round = 0; round < n; round++) {
		acc ^= fnv1a(buf, len >> 2);
		for (int64_t i = 0; i + 8 <= len; i += 8) {
			uint64_t w;
			__builtin_memcpy(&w, buf + i, 8);
			acc += mix(w ^ acc);
		}
	}
	return (int64_t)(acc & 0xfffffffffffffull);
}
