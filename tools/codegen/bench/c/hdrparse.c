/* Parsing packed headers in place: the twin of ts/hdrparse.ts (back-to-back
 * 28-byte IPv4 + UDP headers, big-endian fields byte-swapped). */
#include <stdint.h>
#include <string.h>

#define HEADER 28

static inline uint16_t be16(const uint8_t *p)
{
	uint16_t v;
	__builtin_memcpy(&v, p, 2);
	return __builtin_bswap16(v);
}

static inline uint32_t be32(const uint8_t *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, 4);
	return __builtin_bswap32(v);
}

int64_t hdrparse_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	int64_t accepted = 0;
	uint32_t digest = 0;
	for (int64_t round = 0; round < n; round++) {
		for (const uint8_t *p = buf; p + HEADER <= buf + len; p += HEADER) {
			uint8_t vi = p[0];
			if ((vi & 0x0f) < 5)
				continue;
			uint16_t total = be16(p + 2);
			if (total < HEADER)
				continue;
			uint16_t frag = be16(p + 6);
			if ((frag & 0x1fff) != 0 && (vi & 0x80) == 0)
				continue;
			uint8_t ttl = p[8];
			if (ttl == 0)
				continue;
			uint32_t src = be32(p + 12), dst = be32(p + 16);
			uint16_t dport = be16(p + 22), ulen = be16(p + 24);
			accepted++;
			digest += (src ^ dst) + dport + ulen + p[9] + be16(p + 20);
		}
	}
	return accepted << 32 | digest;
}
