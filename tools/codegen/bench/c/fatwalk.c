/* Walk a FAT32 cluster chain held in memory: what a FAT driver does to find
 * a file's clusters or its length. Entries keep their reserved top 4 bits,
 * so every entry is masked before use. */
#include "kernels.h"

int fat_chain_walk(const uint32_t *fat, uint32_t nentries, uint32_t start,
		   struct fat_chain *out)
{
	uint32_t cluster = start;
	uint32_t count = 0;
	uint32_t sum = 0;

	for (;;) {
		if (cluster < 2 || cluster >= nentries)
			return -1; /* free, bad or out-of-range link */
		if (++count > nentries)
			return -1; /* longer than the table: a cycle */
		sum += cluster;
		uint32_t next = fat[cluster] & FAT32_MASK;
		if (next >= FAT32_EOC)
			break;
		cluster = next;
	}
	out->clusters = count;
	out->sum = sum;
	return (int)count;
}
