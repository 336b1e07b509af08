/* String compare and search: the twin of ts/strsearch.ts. */
#include <stdint.h>
#include "kalloc.h"

struct str {
	const uint8_t *ptr;
	int64_t len;
};
#define STR(s) ((struct str){ (const uint8_t *)(s), sizeof(s) - 1 })

static int str_eq(struct str a, struct str b)
{
	if (a.len != b.len)
		return 0;
	for (int64_t i = 0; i < a.len; i++)
		if (a.ptr[i] != b.ptr[i])
			return 0;
	return 1;
}

static int64_t count(const uint8_t *text, int64_t len, struct str needle)
{
	int64_t m = needle.len, found = 0;
	for (int64_t i = 0; i + m <= len; i++) {
		int64_t j = 0;
		while (j < m && text[i + j] == needle.ptr[j])
			j++;
		if (j == m)
			found++;
	}
	return found;
}

static int64_t commands(const uint8_t *text, int64_t len)
{
	int64_t hits = 0;
	for (int64_t i = 0; i + 4 <= len; i++) {
		struct str w = { text + i, 4 };
		if (str_eq(w, STR("bead")) || str_eq(w, STR("cafe")) || str_eq(w, STR("face")) || str_eq(w, STR("head")))
			hits++;
	}
	return hits;
}

int64_t strsearch_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	int64_t size = n <= len ? n : len;
	uint8_t *text = kmalloc((size_t)size);
	for (int64_t i = 0; i < size; i++)
		text[i] = 0x61 + (buf[i] & 7);
	int64_t digest = 0;
	digest = digest * 131 + count(text, size, STR("abc"));
	digest = digest * 131 + count(text, size, STR("hgfe"));
	digest = digest * 131 + count(text, size, STR("aa"));
	digest = digest * 131 + count(text, size, STR("deadbeef"));
	digest = digest * 131 + commands(text, size);
	kfree(text);
	return digest;
}
