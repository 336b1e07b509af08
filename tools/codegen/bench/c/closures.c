/* Callbacks passed to higher-order functions: the twin of ts/closures.ts,
 * written as C does it (a function pointer and a context pointer). */
#include <stdint.h>
#include "kalloc.h"

static void for_each_word(const uint8_t *addr, int64_t words,
			  void (*f)(void *ctx, int64_t i, uint32_t w), void *ctx)
{
	for (int64_t i = 0; i < words; i++) {
		uint32_t w;
		__builtin_memcpy(&w, addr + i * 4, 4);
		f(ctx, i, w);
	}
}

struct fixed {
	int64_t length;
	int64_t data[];
};

static int64_t fold(const struct fixed *xs, int64_t init, int64_t (*f)(void *ctx, int64_t acc, int64_t x), void *ctx)
{
	int64_t acc = init;
	for (int64_t i = 0; i < xs->length; i++)
		acc = f(ctx, acc, xs->data[i]);
	return acc;
}

struct count_ctx {
	struct fixed *hist;
	int64_t *odd;
	int shift;
};

static void count_word(void *p, int64_t i, uint32_t w)
{
	struct count_ctx *c = p;
	uint32_t b = (w >> c->shift) & 0xff;
	c->hist->data[b]++;
	if (w & 1)
		*c->odd += i & 1;
}

static int64_t weigh(void *ctx, int64_t acc, int64_t x)
{
	(void)ctx;
	return (acc * 3 + x) % 1000000007;
}

int64_t closures_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	struct fixed *hist = kmalloc(sizeof *hist + 256 * sizeof(int64_t));
	hist->length = 256;
	for (int i = 0; i < 256; i++)
		hist->data[i] = 0;
	int64_t odd = 0;
	uint32_t digest = 0;
	for (int64_t round = 0; round < n; round++) {
		struct count_ctx c = { hist, &odd, (int)(round & 7) };
		for_each_word(buf, len >> 2, count_word, &c);
		int64_t weighted = fold(hist, 0, weigh, NULL);
		digest += (uint32_t)weighted;
	}
	kfree(hist);
	return odd << 32 | digest;
}
