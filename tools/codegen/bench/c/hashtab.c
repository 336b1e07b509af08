/* A connection table: the twin of ts/hashtab.ts (objects keyed by address
 * and port in 509 hash chains; find, insert, remove). */
#include <stdint.h>
#include "kalloc.h"

struct conn {
	struct conn *next;
	int64_t packets;
	int64_t addr, port;
};

struct conn_table {
	struct conn **chains;
	struct conn *spare;
	int64_t size, buckets;
};

static int64_t ct_bucket(struct conn_table *t, int64_t addr, int64_t port)
{
	return ((uint32_t)addr * 0x9e3779b1u ^ (uint32_t)port) % (uint64_t)t->buckets;
}

static struct conn *ct_find(struct conn_table *t, int64_t addr, int64_t port)
{
	for (struct conn *c = t->chains[ct_bucket(t, addr, port)]; c; c = c->next)
		if (c->addr == addr && c->port == port)
			return c;
	return NULL;
}

static struct conn *ct_make(struct conn_table *t, int64_t addr, int64_t port)
{
	struct conn *c = t->spare;
	if (!c)
		c = kmalloc(sizeof *c);
	else
		t->spare = c->next;
	c->next = NULL;
	c->addr = addr;
	c->port = port;
	c->packets = 0;
	return c;
}

static void ct_insert(struct conn_table *t, struct conn *c)
{
	int64_t b = ct_bucket(t, c->addr, c->port);
	c->next = t->chains[b];
	t->chains[b] = c;
	t->size++;
}

static void ct_remove(struct conn_table *t, struct conn *c)
{
	int64_t b = ct_bucket(t, c->addr, c->port);
	struct conn *p = t->chains[b];
	if (p == c)
		t->chains[b] = c->next;
	else {
		while (p && p->next != c)
			p = p->next;
		if (p)
			p->next = c->next;
	}
	c->next = t->spare;
	t->spare = c;
	t->size--;
}

int64_t hashtab_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	(void)buf;
	(void)len;
	struct conn_table *t = kmalloc(sizeof *t);
	t->buckets = 509;
	t->size = 0;
	t->spare = NULL;
	t->chains = kmalloc(509 * sizeof *t->chains);
	for (int i = 0; i < 509; i++)
		t->chains[i] = NULL;
	uint32_t x = 0x12345678;
	int64_t found = 0;
	uint32_t sum = 0;
	for (int64_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		uint32_t k = x % 256;
		int64_t addr = 0x0a000000 + (k >> 4);
		int64_t port = 1024 + (k & 15) * 7;
		struct conn *c = ct_find(t, addr, port);
		if (!c) {
			ct_insert(t, ct_make(t, addr, port));
		} else {
			found++;
			c->packets++;
			sum += (uint32_t)c->packets;
			if ((found & 7) == 0)
				ct_remove(t, c);
		}
	}
	for (struct conn *c = t->spare, *next; c; c = next) {
		next = c->next;
		kfree(c);
	}
	for (int i = 0; i < 509; i++)
		for (struct conn *c = t->chains[i], *next; c; c = next) {
			next = c->next;
			kfree(c);
		}
	kfree(t->chains);
	kfree(t);
	return found << 32 | sum;
}
