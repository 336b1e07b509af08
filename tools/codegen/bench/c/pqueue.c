/* A timer queue as a binary min-heap: the twin of ts/pqueue.ts. */
#include <stdbool.h>
#include <stdint.h>
#include "kalloc.h"

struct min_heap {
	int64_t *keys;
	int64_t capacity;
	int64_t size;
};

static bool heap_push(struct min_heap *h, int64_t key)
{
	if (h->size == h->capacity)
		return false;
	int64_t i = h->size++;
	while (i > 0) {
		int64_t parent = (i - 1) >> 1;
		int64_t pk = h->keys[parent];
		if (pk <= key)
			break;
		h->keys[i] = pk;
		i = parent;
	}
	h->keys[i] = key;
	return true;
}

static int64_t heap_pop(struct min_heap *h)
{
	if (h->size == 0)
		return -1;
	int64_t top = h->keys[0];
	int64_t last = h->keys[--h->size];
	int64_t i = 0;
	for (;;) {
		int64_t child = 2 * i + 1;
		if (child >= h->size)
			break;
		if (child + 1 < h->size && h->keys[child + 1] < h->keys[child])
			child++;
		if (h->keys[child] >= last)
			break;
		h->keys[i] = h->keys[child];
		i = child;
	}
	h->keys[i] = last;
	return top;
}

int64_t pqueue_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	(void)buf;
	(void)len;
	struct min_heap *q = kmalloc(sizeof *q);
	q->capacity = 1024;
	q->size = 0;
	q->keys = kmalloc(1024 * sizeof *q->keys);
	for (int i = 0; i < 1024; i++)
		q->keys[i] = 0;
	uint32_t x = 0x2545f491;
	int64_t now = 0;
	uint32_t digest = 0;
	for (int64_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		if ((x & 3) != 0 || q->size == 0) {
			if (!heap_push(q, now + ((x >> 2) & 0xffff)))
				digest++;
		} else {
			now = heap_pop(q);
			digest = digest * 33 + (uint32_t)now;
		}
	}
	int64_t size = q->size;
	kfree(q->keys);
	kfree(q);
	return size << 32 | digest;
}
