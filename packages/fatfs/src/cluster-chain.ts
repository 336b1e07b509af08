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
import { FixedArray, kprint, release } from '@unishyper/rt';
import { FatTable, FatValue } from './fat-table';

/** Runs a ChainHint remembers. */
const RUNS = 16;

/**
 * What is known of one chain: the last position looked up (`index`,
 * `cluster`), and up to RUNS runs of consecutive clusters seen on the way
 * (file cluster `runIndex`, disk cluster `runCluster`, `runLength` of them).
 * A file written in order is usually one run, so any position in it is found
 * without walking the FAT, and a transfer learns how many clusters it can
 * move in one device request. Whoever changes the chain calls reset().
 */
export class ChainHint {
  index = -1;
  cluster = 0;
  private readonly runIndex: FixedArray<number> = new FixedArray<number>(RUNS, 0);
  private readonly runCluster: FixedArray<number> = new FixedArray<number>(RUNS, 0);
  private readonly runLength: FixedArray<number> = new FixedArray<number>(RUNS, 0);
  private runs = 0;
  /** The run note() extends; the next one replaced when all are in use. */
  private current = -1;
  private nextVictim = 0;

  reset(): void {
    this.index = -1;
    this.cluster = 0;
    this.runs = 0;
    this.current = -1;
    this.nextVictim = 0;
  }

  /** Records that `cluster` is the chain's `index`-th cluster (extending the current run when it follows it). */
  note(index: number, cluster: number): void {
    const k = this.current;
    if (k >= 0) {
      const len = this.runLength.get(k);
      if (index === this.runIndex.get(k) + len && cluster === this.runCluster.get(k) + len) {
        this.runLength.set(k, len + 1);
        return;
      }
      if (index >= this.runIndex.get(k) && index < this.runIndex.get(k) + len) return; // already known
    }
    let slot = this.runs;
    if (slot < RUNS) this.runs = slot + 1;
    else {
      slot = this.nextVictim;
      this.nextVictim = (slot + 1) % RUNS;
    }
    this.runIndex.set(slot, index);
    this.runCluster.set(slot, cluster);
    this.runLength.set(slot, 1);
    this.current = slot;
  }

  /** The run covering `index`, or -1. */
  private covering(index: number): number {
    for (let k = 0; k < this.runs; k++) {
      const i0 = this.runIndex.get(k);
      if (index >= i0 && index < i0 + this.runLength.get(k)) return k;
    }
    return -1;
  }

  /** The `index`-th cluster when a run covers it, else -1. */
  known(index: number): number {
    const k = this.covering(index);
    return k < 0 ? -1 : this.runCluster.get(k) + (index - this.runIndex.get(k));
  }

  /** Consecutive clusters known from `index` on (0 when no run covers it). */
  knownRun(index: number): number {
    const k = this.covering(index);
    return k < 0 ? 0 : this.runIndex.get(k) + this.runLength.get(k) - index;
  }

  /** The last known position at or before `index` from the runs (its index; -1 when none), for a walk to start from. */
  bestStart(index: number): number {
    let best = -1;
    for (let k = 0; k < this.runs; k++) {
      const last = this.runIndex.get(k) + this.runLength.get(k) - 1;
      const at = last <= index ? last : this.runIndex.get(k) <= index ? index : -1;
      if (at > best) best = at;
    }
    return best;
  }

  [Symbol.dispose](): void {
    release(this.runIndex);
    release(this.runCluster);
    release(this.runLength);
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
 * The `index`-th cluster (0-based) of the chain from `first`: from the
 * hint's runs when one covers it, else walked from the nearest known
 * position before it (the hint's last position, a run, or the start),
 * noting what the walk sees. -EIO when the chain is shorter or broken.
 */
export function clusterAt(fat: FatTable, first: number, index: number, hint: ChainHint, maxClusters: number): number {
  const known = hint.known(index);
  if (known > 0) {
    hint.index = index;
    hint.cluster = known;
    return known;
  }
  let c = first;
  let i = 0;
  if (hint.index >= 0 && hint.index <= index) {
    c = hint.cluster;
    i = hint.index;
  }
  const run = hint.bestStart(index);
  if (run > i) {
    c = hint.known(run);
    i = run;
  }
  if (!fat.isCluster(c)) return badLink(first, first, c);
  if (index >= maxClusters) {
    kprint`fatfs: FAT chain from cluster ${first}: cluster index ${index} beyond the volume\n`;
    return -Errno.EIO;
  }
  hint.note(i, c);
  while (i < index) {
    const next = nextCluster(fat, first, c);
    if (next < 0) return next;
    if (next === 0) {
      kprint`fatfs: FAT chain from cluster ${first} ends after ${i + 1} clusters, ${index + 1} needed\n`;
      return -Errno.EIO;
    }
    c = next;
    i++;
    hint.note(i, c);
  }
  hint.index = index;
  hint.cluster = c;
  return c;
}

/**
 * How many consecutive clusters (at most `want`, at least 1) the chain has
 * from its `index`-th cluster on, walking the FAT past what the hint
 * knows; -EIO when the chain is broken there.
 */
export function runFrom(fat: FatTable, first: number, index: number, want: number, hint: ChainHint, maxClusters: number): number {
  const c = clusterAt(fat, first, index, hint, maxClusters);
  if (c < 0) return c;
  let n = hint.knownRun(index);
  if (n < 1) n = 1;
  while (n < want) {
    const next = nextCluster(fat, first, c + n - 1);
    if (next < 0) return next;
    if (next !== c + n) break;
    hint.note(index + n, next);
    n++;
  }
  return n < want ? n : want;
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
