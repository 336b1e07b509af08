/**
 * Cluster chains: walking, measuring, cutting and freeing the linked lists of
 * clusters in the FAT, safely on a corrupt volume.
 *
 * Invariant of every walk: it takes at most clusterCount steps, so a chain
 * that loops is reported instead of followed forever, and each step checks
 * that the next value is a data cluster (not free, bad, reserved, or beyond
 * the volume) or an end mark. Problems print one line naming the chain's
 * first cluster and the offending cluster, and return -EIO:
 *   fatfs: FAT chain from cluster 5 loops at cluster 9
 *   fatfs: FAT chain from cluster 5 points at cluster 70000 outside the volume (at cluster 8)
 */
import { Errno } from '@unishyper/vfs';
import { kprint } from '@unishyper/rt';
import { FatTable, FatValue } from './fat-table';

/** A remembered position in a chain: cluster number `cluster` is the `index`-th (0-based). */
export class ChainHint {
  index = -1;
  cluster = 0;

  reset(): void {
    this.index = -1;
    this.cluster = 0;
  }
}

function badLink(first: number, at: number, next: number): number {
  if (next === FatValue.FREE) kprint`fatfs: FAT chain from cluster ${first} runs into free cluster ${at}\n`;
  else if (next === FatValue.BAD) kprint`fatfs: FAT chain from cluster ${first} runs into bad cluster mark at cluster ${at}\n`;
  else kprint`fatfs: FAT chain from cluster ${first} points at cluster ${next} outside the volume (at cluster ${at})\n`;
  return -Errno.EIO;
}

/** Checks that `first` is a data cluster (a directory entry's start); 0 or -EIO with a line naming `what`. */
export function checkStart(fat: FatTable, first: number, what: string): number {
  if (fat.isCluster(first)) return 0;
  kprint`fatfs: ${what} starts at cluster ${first}, outside the volume\n`;
  return -Errno.EIO;
}

/** The cluster after `c` in the chain from `first`: a cluster, 0 at the end, or -EIO. */
export function nextCluster(fat: FatTable, first: number, c: number): number {
  const v = fat.get(c);
  if (v < 0) return v;
  if (v === FatValue.EOC) return 0;
  if (!fat.isCluster(v)) return badLink(first, c, v);
  return v;
}

/** Number of clusters in the chain from `first` (0 for first = 0); -EIO when it is broken or loops. */
export function chainLength(fat: FatTable, first: number, maxClusters: number): number {
  if (first === 0) return 0;
  if (!fat.isCluster(first)) {
    kprint`fatfs: FAT chain starts at cluster ${first}, outside the volume\n`;
    return -Errno.EIO;
  }
  let c = first;
  let n = 1;
  for (;;) {
    const next = nextCluster(fat, first, c);
    if (next < 0) return next;
    if (next === 0) return n;
    n++;
    if (n > maxClusters) {
      kprint`fatfs: FAT chain from cluster ${first} loops at cluster ${next}\n`;
      return -Errno.EIO;
    }
    c = next;
  }
}

/**
 * The `index`-th cluster (0-based) of the chain from `first`, starting from
 * `hint` when it is at or before `index` (and updating it); -EIO when the
 * chain is shorter or broken.
 */
export function clusterAt(fat: FatTable, first: number, index: number, hint: ChainHint, maxClusters: number): number {
  let c = first;
  let i = 0;
  if (hint.index >= 0 && hint.index <= index) {
    c = hint.cluster;
    i = hint.index;
  }
  if (!fat.isCluster(c)) return badLink(first, first, c);
  if (index >= maxClusters) {
    kprint`fatfs: FAT chain from cluster ${first}: cluster index ${index} beyond the volume\n`;
    return -Errno.EIO;
  }
  while (i < index) {
    const next = nextCluster(fat, first, c);
    if (next < 0) return next;
    if (next === 0) {
      kprint`fatfs: FAT chain from cluster ${first} ends after ${i + 1} clusters, ${index + 1} needed\n`;
      return -Errno.EIO;
    }
    c = next;
    i++;
  }
  hint.index = index;
  hint.cluster = c;
  return c;
}

/** Frees every cluster of the chain from `first` (bounded; stops at a broken link); 0 or -EIO. */
export function freeChain(fat: FatTable, first: number, maxClusters: number): number {
  let c = first;
  let n = 0;
  while (c !== 0) {
    if (!fat.isCluster(c)) return badLink(first, c, c);
    const next = nextCluster(fat, first, c);
    const r = fat.set(c, FatValue.FREE);
    if (r < 0) return r;
    if (next < 0) return next;
    c = next;
    n++;
    if (n > maxClusters) {
      kprint`fatfs: FAT chain from cluster ${first} loops at cluster ${c}\n`;
      return -Errno.EIO;
    }
  }
  return 0;
}
