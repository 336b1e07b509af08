/* A bitmap frame allocator: the twin of ts/bitmap.ts. */
#include <stdint.h>
#include "kalloc.h"

struct bitmap {
	uint32_t *words;
	int64_t nwords;
	int64_t hint;
	int64_t frames;
};

static int64_t bm_alloc(struct bitmap *m)
{
	for (int64_t w = m->hint; w < m->nwords; w++) {
		uint32_t bits = m->words[w];
		if (bits != 0xffffffffu) {
			int b = __builtin_ctz(~bits);
			m->words[w] = bits | 1u << b;
			m->hint = w;
			return w * 32 + b;
		}
	}
	return -1;
}

static void bm_free(struct bitmap *m, int64_t frame)
{
	int64_t w = frame >> 5;
	m->words[w] &= ~(1u << (frame & 31));
	if (w < m->hint)
		m->hint = w;
}

int64_t bitmap_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	(void)buf;
	(void)len;
	struct bitmap *m = kmalloc(sizeof *m);
	m->frames = 4096;
	m->nwords = 4096 / 32;
	m->hint = 0;
	m->words = kmalloc(m->nwords * sizeof *m->words);
	for (int64_t i = 0; i < m->nwords; i++)
		m->words[i] = 0;
	int64_t *held = kmalloc(4096 * sizeof *held);
	for (int i = 0; i < 4096; i++)
		held[i] = 0;
	int64_t count = 0;
	uint32_t x = 0x2545f491;
	uint32_t digest = 0;
	for (int64_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		if (count > 0 && ((x & 3) == 0 || count == 4096)) {
			int64_t k = (x >> 2) % count;
			bm_free(m, held[k]);
			count--;
			held[k] = held[count];
		} else {
			int64_t f = bm_alloc(m);
			held[count++] = f;
			digest = digest * 31 + (uint32_t)f;
		}
	}
	kfree(m->words);
	kfree(m);
	kfree(held);
	return count << 32 | digest;
}
