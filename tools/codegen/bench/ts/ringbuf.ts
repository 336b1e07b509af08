/**
 * A single-producer single-consumer ring of u32 descriptors (power-of-two
 * size, free-running head and tail), as a driver queues buffers: bursts of
 * up to 7 pushes then up to 5 pops, `n` rounds. Returns a digest of the
 * popped values and the number of full/empty refusals.
 */
import { FixedArray, release, u32 } from '@unishyper/rt';

class Ring {
  private readonly slots: FixedArray<u32>;
  private head = 0; // next slot to pop
  private tail = 0; // next slot to push
  private readonly mask: number;

  constructor(size: number) {
    this.slots = new FixedArray<u32>(size, u32(0));
    this.mask = size - 1;
  }

  size(): number {
    return this.tail - this.head;
  }

  push(v: u32): boolean {
    if (this.tail - this.head === this.slots.length) return false;
    this.slots.set(this.tail & this.mask, v);
    this.tail++;
    return true;
  }

  /** The oldest value, or -1 when empty. */
  pop(): number {
    if (this.head === this.tail) return -1;
    const v = this.slots.get(this.head & this.mask);
    this.head++;
    return v;
  }

  dispose(): void {
    release(this.slots);
  }
}

export function ringbuf(buf: number, len: number, n: number): number {
  const ring = new Ring(64);
  let x = 0x9e3779b9;
  let digest = 0;
  let refused = 0;
  let next = 0;
  for (let round = 0; round < n; round++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const pushes = x & 7;
    const pops = (x >>> 3) % 6;
    for (let i = 0; i < pushes; i++) {
      if (!ring.push(u32(next))) refused++;
      next++;
    }
    for (let i = 0; i < pops; i++) {
      const v = ring.pop();
      if (v < 0) refused++;
      else digest = ((digest << 5) - digest + v) >>> 0;
    }
  }
  ring.dispose();
  release(ring);
  return refused * 0x100000000 + digest;
}
