/* SHA-256 (FIPS 180-4) of the first n bytes of buf: the twin of ts/sha256.ts,
 * state and schedule in heap arrays, returns the xor of the digest words. */
#include <stdint.h>
#include <string.h>
#include "kalloc.h"

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
	0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
	0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
	0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

struct sha256 {
	uint32_t *h;
	uint32_t *w;
};

static inline uint32_t ror(uint32_t x, unsigned n) { return x >> n | x << (32 - n); }

static void sha256_block(struct sha256 *s, const uint8_t *p)
{
	uint32_t *w = s->w;
	for (int t = 0; t < 16; t++) {
		const uint8_t *q = p + t * 4;
		w[t] = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
	}
	for (int t = 16; t < 64; t++) {
		uint32_t x = w[t - 15], y = w[t - 2];
		uint32_t s0 = ror(x, 7) ^ ror(x, 18) ^ (x >> 3);
		uint32_t s1 = ror(y, 17) ^ ror(y, 19) ^ (y >> 10);
		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}
	uint32_t *h = s->h;
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
	for (int t = 0; t < 64; t++) {
		uint32_t s1 = ror(e, 6) ^ ror(e, 11) ^ ror(e, 25);
		uint32_t ch = (e & f) ^ (~e & g);
		uint32_t t1 = k + s1 + ch + K[t] + w[t];
		uint32_t s0 = ror(a, 2) ^ ror(a, 13) ^ ror(a, 22);
		uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
		uint32_t t2 = s0 + maj;
		k = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += k;
}

static void sha256_hash(struct sha256 *s, const uint8_t *buf, int64_t n)
{
	int64_t done = 0;
	while (n - done >= 64) {
		sha256_block(s, buf + done);
		done += 64;
	}
	uint8_t *tail = kmalloc(128);
	memset(tail, 0, 128);
	int64_t rest = n - done;
	memcpy(tail, buf + done, (size_t)rest);
	tail[rest] = 0x80;
	int blocks = rest < 56 ? 1 : 2;
	uint64_t bits = (uint64_t)n * 8;
	uint8_t *end = tail + blocks * 64;
	for (int i = 0; i < 8; i++)
		end[-1 - i] = (uint8_t)(bits >> (i * 8));
	for (int i = 0; i < blocks; i++)
		sha256_block(s, tail + i * 64);
	kfree(tail);
}

int64_t sha256_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	static const uint32_t init[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
					  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	struct sha256 *s = kmalloc(sizeof *s);
	s->h = kmalloc(8 * sizeof(uint32_t));
	s->w = kmalloc(64 * sizeof(uint32_t));
	for (int i = 0; i < 8; i++)
		s->h[i] = init[i];
	sha256_hash(s, buf, n <= len ? n : len);
	uint32_t x = 0;
	for (int i = 0; i < 8; i++)
		x ^= s->h[i];
	kfree(s->w);
	kfree(s->h);
	kfree(s);
	return x;
}
