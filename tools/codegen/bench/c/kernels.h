/* Hand-written C baselines for the compiler benchmark (bench/README.md). */
#ifndef BENCH_C_KERNELS_H
#define BENCH_C_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/* RFC 1071 Internet checksum of len bytes at buf (the one's-complement of
 * the one's-complement sum of 16-bit words, in memory byte order). */
uint16_t inet_checksum(const void *buf, size_t len);

/* CRC-32 (IEEE 802.3, reflected, init and final xor 0xffffffff). */
uint32_t crc32_ieee(const void *buf, size_t len);

/* FAT32-style cluster chain walk. */
#define FAT32_MASK 0x0fffffffu
#define FAT32_EOC  0x0ffffff8u /* any entry >= this ends the chain */

struct fat_chain {
	uint32_t clusters; /* clusters in the chain */
	uint32_t sum;      /* sum of their indices, mod 2^32 */
};

/* Follows the chain from `start` through a FAT of `nentries` entries. Returns
 * the number of clusters, or -1 if the chain leaves the table, reaches a free
 * or bad entry, or is longer than the table (a cycle). */
int fat_chain_walk(const uint32_t *fat, uint32_t nentries, uint32_t start,
		   struct fat_chain *out);

#endif
