/* An LRU block cache: the twin of ts/lru.ts (hash chains + doubly linked
 * recency list of heap entries, n skewed look-ups). */
#include <stdint.h>
#include "kalloc.h"

struct entry {
	struct entry *prev, *next, *chain;
	int64_t key, value;
};

struct lru {
	struct entry **index;
	struct entry *head, *tail;
	int64_t count, buckets, capacity;
};

static struct entry *lru_find(struct lru *c, int64_t key)
{
	for (struct entry *e = c->index[key % c->buckets]; e; e = e->chain)
		if (e->key == key)
			return e;
	return NULL;
}

static void lru_unlink(struct lru *c, struct entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		c->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		c->tail = e->prev;
	e->prev = e->next = NULL;
}

static void lru_push_front(struct lru *c, struct entry *e)
{
	e->next = c->head;
	if (c->head)
		c->head->prev = e;
	c->head = e;
	if (!c->tail)
		c->tail = e;
}

static void lru_unhash(struct lru *c, struct entry *e)
{
	int64_t b = e->key % c->buckets;
	struct entry *p = c->index[b];
	if (p == e) {
		c->index[b] = e->chain;
		return;
	}
	while (p && p->chain != e)
		p = p->chain;
	if (p)
		p->chain = e->chain;
}

static int64_t lru_get(struct lru *c, int64_t key)
{
	struct entry *e = lru_find(c, key);
	if (!e)
		return -1;
	if (c->head != e) {
		lru_unlink(c, e);
		lru_push_front(c, e);
	}
	return e->value;
}

static void lru_put(struct lru *c, int64_t key, int64_t value)
{
	struct entry *e;
	if (c->count < c->capacity) {
		e = kmalloc(sizeof *e);
		e->prev = e->next = e->chain = NULL;
		e->key = key;
		e->value = value;
		c->count++;
	} else {
		e = c->tail;
		lru_unlink(c, e);
		lru_unhash(c, e);
		e->key = key;
		e->value = value;
	}
	int64_t b = key % c->buckets;
	e->chain = c->index[b];
	c->index[b] = e;
	lru_push_front(c, e);
}

int64_t lru_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	(void)buf;
	(void)len;
	struct lru *c = kmalloc(sizeof *c);
	c->buckets = 251;
	c->capacity = 192;
	c->count = 0;
	c->head = c->tail = NULL;
	c->index = kmalloc(251 * sizeof *c->index);
	for (int i = 0; i < 251; i++)
		c->index[i] = NULL;
	uint32_t x = 0x2545f491;
	int64_t hits = 0;
	uint32_t sum = 0;
	for (int64_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		int64_t key = (x & 7) ? (x >> 3) % 128 : (x >> 3) % 8192;
		int64_t v = lru_get(c, key);
		if (v < 0)
			lru_put(c, key, i);
		else {
			hits++;
			sum += (uint32_t)v;
		}
	}
	for (struct entry *e = c->head, *next; e; e = next) {
		next = e->next;
		kfree(e);
	}
	kfree(c->index);
	kfree(c);
	return hits << 32 | sum;
}
