/**
 * An LRU block cache: a hash index of entry objects (chained through
 * `chain`) plus a doubly linked recency list, as a buffer cache keeps them.
 * `n` skewed look-ups (7 in 8 from a hot set of 128 blocks, the rest from
 * 8192), a miss inserts and evicts the least recently used entry. Returns
 * hits * 2^32 + the sum of the hit values mod 2^32.
 */
import { FixedArray, release } from '@unishyper/rt';

class Entry {
  prev: Entry | null = null;
  next: Entry | null = null;
  chain: Entry | null = null;
  constructor(
    public key: number,
    public value: number,
  ) {}
}

class LruCache {
  private readonly index: FixedArray<Entry | null>;
  private head: Entry | null = null;
  private tail: Entry | null = null;
  private count = 0;

  constructor(
    private readonly buckets: number,
    private readonly capacity: number,
  ) {
    this.index = new FixedArray<Entry | null>(buckets, null);
  }

  private find(key: number): Entry | null {
    let e = this.index.get(key % this.buckets);
    while (e !== null) {
      if (e.key === key) return e;
      e = e.chain;
    }
    return null;
  }

  private unlink(e: Entry): void {
    if (e.prev !== null) e.prev.next = e.next;
    else this.head = e.next;
    if (e.next !== null) e.next.prev = e.prev;
    else this.tail = e.prev;
    e.prev = null;
    e.next = null;
  }

  private pushFront(e: Entry): void {
    e.next = this.head;
    if (this.head !== null) this.head.prev = e;
    this.head = e;
    if (this.tail === null) this.tail = e;
  }

  private unhash(e: Entry): void {
    const b = e.key % this.buckets;
    let p = this.index.get(b);
    if (p === e) {
      this.index.set(b, e.chain);
      return;
    }
    while (p !== null && p.chain !== e) p = p.chain;
    if (p !== null) p.chain = e.chain;
  }

  /** The value cached for `key`, or -1; a hit makes the entry most recent. */
  get(key: number): number {
    const e = this.find(key);
    if (e === null) return -1;
    if (this.head !== e) {
      this.unlink(e);
      this.pushFront(e);
    }
    return e.value;
  }

  put(key: number, value: number): void {
    let e: Entry;
    if (this.count < this.capacity) {
      e = new Entry(key, value);
      this.count++;
    } else {
      e = this.tail!;
      this.unlink(e);
      this.unhash(e);
      e.key = key;
      e.value = value;
    }
    const b = key % this.buckets;
    e.chain = this.index.get(b);
    this.index.set(b, e);
    this.pushFront(e);
  }

  dispose(): void {
    let e = this.head;
    while (e !== null) {
      const next = e.next;
      release(e);
      e = next;
    }
    release(this.index);
  }
}

export function lru(buf: number, len: number, n: number): number {
  const cache = new LruCache(251, 192);
  let x = 0x2545f491;
  let hits = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const r = x >>> 0;
    const key = (r & 7) !== 0 ? (r >>> 3) % 128 : (r >>> 3) % 8192;
    const v = cache.get(key);
    if (v < 0) cache.put(key, i);
    else {
      hits++;
      sum = (sum + v) % 0x100000000;
    }
  }
  cache.dispose();
  release(cache);
  return hits * 0x100000000 + sum;
}
