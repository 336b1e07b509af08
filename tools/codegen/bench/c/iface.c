/* Dispatch through an operations table with two implementations: the twin
 * of ts/iface.ts, written as C drivers do (a struct of function pointers). */
#include <stdint.h>
#include "kalloc.h"

struct block_device;
struct block_ops {
	int64_t (*blocks)(struct block_device *d);
	int64_t (*read)(struct block_device *d, int64_t block);
};
struct block_device {
	const struct block_ops *ops;
};

struct ram_disk {
	struct block_device dev;
	const uint8_t *base;
	int64_t count;
};

struct striped_disk {
	struct block_device dev;
	const uint8_t *a, *b;
	int64_t count;
};

static inline uint32_t ld32(const uint8_t *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, 4);
	return v;
}

static int64_t ram_blocks(struct block_device *d) { return ((struct ram_disk *)d)->count; }
static int64_t ram_read(struct block_device *d, int64_t block)
{
	return ld32(((struct ram_disk *)d)->base + block * 64);
}
static const struct block_ops ram_ops = { ram_blocks, ram_read };

static int64_t striped_blocks(struct block_device *d) { return ((struct striped_disk *)d)->count; }
static int64_t striped_read(struct block_device *d, int64_t block)
{
	struct striped_disk *s = (struct striped_disk *)d;
	const uint8_t *base = (block & 1) == 0 ? s->a : s->b;
	return ld32(base + (block >> 1) * 64) ^ 0x5a5a5a5au;
}
static const struct block_ops striped_ops = { striped_blocks, striped_read };

static uint32_t checksum(struct block_device *d)
{
	uint32_t sum = 0;
	int64_t n = d->ops->blocks(d);
	for (int64_t i = 0; i < n; i++)
		sum += (uint32_t)d->ops->read(d, i);
	return sum;
}

int64_t iface_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	(void)len;
	struct block_device *devs[16];
	for (int i = 0; i < 16; i++) {
		const uint8_t *base = buf + i * 4096;
		if ((i & 1) == 0) {
			struct ram_disk *r = kmalloc(sizeof *r);
			*r = (struct ram_disk){ { &ram_ops }, base, 64 };
			devs[i] = &r->dev;
		} else {
			struct striped_disk *s = kmalloc(sizeof *s);
			*s = (struct striped_disk){ { &striped_ops }, base, base + 2048, 64 };
			devs[i] = &s->dev;
		}
	}
	uint32_t digest = 0;
	for (int64_t round = 0; round < n; round++)
		for (int i = 0; i < 16; i++)
			digest = digest * 7 + checksum(devs[(i + round) & 15]);
	for (int i = 0; i < 16; i++)
		kfree(devs[i]);
	return digest;
}
