/**
 * A timer queue as a binary min-heap of deadlines in a FixedArray, as a
 * scheduler keeps sleeping threads: `n` steps that add a deadline or expire
 * the earliest. Returns a digest of the expired deadlines in order.
 */
import { FixedArray, release } from '@unishyper/rt';

class MinHeap {
  private readonly keys: FixedArray<number>;
  size = 0;

  constructor(capacity: number) {
    this.keys = new FixedArray<number>(capacity, 0);
  }

  push(key: number): boolean {
    if (this.size === this.keys.length) return false;
    let i = this.size;
    this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = this.keys.get(parent);
      if (pk <= key) break;
      this.keys.set(i, pk);
      i = parent;
    }
    this.keys.set(i, key);
    return true;
  }

  /** The smallest key, removed; -1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.keys.get(0);
    this.size--;
    const last = this.keys.get(this.size);
    let i = 0;
    while (true) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys.get(child + 1) < this.keys.get(child)) child++;
      if (this.keys.get(child) >= last) break;
      this.keys.set(i, this.keys.get(child));
      i = child;
    }
    this.keys.set(i, last);
    return top;
  }

  dispose(): void {
    release(this.keys);
  }
}

export function pqueue(buf: number, len: number, n: number): number {
  const q = new MinHeap(1024);
  let x = 0x2545f491;
  let now = 0;
  let digest = 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    if ((x & 3) !== 0 || q.size === 0) {
      if (!q.push(now + ((x >>> 2) & 0xffff))) digest = (digest + 1) % 0x100000000;
    } else {
      now = q.pop();
      digest = (digest * 33 + now) % 0x100000000;
    }
  }
  const size = q.size;
  q.dispose();
  release(q);
  return size * 0x100000000 + digest;
}
