/* An SPSC ring of u32 descriptors: the twin of ts/ringbuf.ts. */
#include <stdbool.h>
#include <stdint.h>
#include "kalloc.h"

struct ring {
	uint32_t *slots;
	int64_t length;
	int64_t head, tail, mask;
};

static bool ring_push(struct ring *r, uint32_t v)
{
	if (r->tail - r->head == r->length)
		return false;
	r->slots[r->tail & r->mask] = v;
	r->tail++;
	return true;
}

static int64_t ring_pop(struct ring *r)
{
	if (r->head == r->tail)
		return -1;
	uint32_t v = r->slots[r->head & r->mask];
	r->head++;
	return v;
}

int64_t ringbuf_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	(void)buf;
	(void)len;
	struct ring *r = kmalloc(sizeof *r);
	r->length = 64;
	r->slots = kmalloc(64 * sizeof *r->slots);
	for (int i = 0; i < 64; i++)
		r->slots[i] = 0;
	r->head = r->tail = 0;
	r->mask = 63;
	uint32_t x = 0x9e3779b9;
	uint32_t digest = 0;
	int64_t refused = 0, next = 0;
	for (int64_t round = 0; round < n; round++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		uint32_t pushes = x & 7, pops = (x >> 3) % 6;
		for (uint32_t i = 0; i < pushes; i++) {
			if (!ring_push(r, (uint32_t)next))
				refused++;
			next++;
		}
		for (uint32_t i = 0; i < pops; i++) {
			int64_t v = ring_pop(r);
			if (v < 0)
				refused++;
			else
				digest = (digest << 5) - digest + (uint32_t)v;
		}
	}
	kfree(r->slots);
	kfree(r);
	return refused << 32 | digest;
}
