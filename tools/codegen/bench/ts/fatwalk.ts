/**
 * Walk a FAT32 cluster chain held in memory, as a FAT driver does to find a
 * file's clusters: `fat` is the address of `entries` little-endian u32
 * entries; the reserved top 4 bits of each entry are masked off. Returns the
 * number of clusters in the chain starting at `start` and stores it and the
 * sum of the cluster indices (mod 2^32) as two u32 at `out`; returns -1 if
 * the chain reaches a free, bad or out-of-range link, or is longer than the
 * table (a cycle).
 */
import { load32, store32 } from '@unishyper/rt';

const FAT32_MASK = 0x0fffffff;
/** Any entry at or above this ends the chain. */
const FAT32_EOC = 0x0ffffff8;

export function fatWalk(fat: number, entries: number, start: number, out: number): number {
  let cluster = start;
  let count = 0;
  let sum = 0;
  while (true) {
    if (cluster < 2 || cluster >= entries) return -1;
    count++;
    if (count > entries) return -1;
    sum += cluster;
    const next = load32(fat + cluster * 4) & FAT32_MASK;
    if (next >= FAT32_EOC) break;
    cluster = next;
  }
  store32(out, count);
  store32(out + 4, sum);
  return count;
}
