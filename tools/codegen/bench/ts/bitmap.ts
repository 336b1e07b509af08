/**
 * A bitmap frame allocator over 4096 frames (32-bit words, first fit with
 * ctz32 on the inverted word), as mm hands out pages: `n` steps that
 * allocate, or free a frame picked from the ones held. Returns a digest of
 * the frames handed out.
 */
import { FixedArray, ctz32, release, u32 } from '@unishyper/rt';

class Bitmap {
  private readonly words: FixedArray<u32>;
  private hint = 0; // no free frame below word `hint`

  constructor(readonly frames: number) {
    this.words = new FixedArray<u32>(frames >>> 5, u32(0));
  }

  /** The lowest free frame, now taken, or -1. */
  alloc(): number {
    for (let w = this.hint; w < this.words.length; w++) {
      const bits = this.words.get(w);
      if (bits !== 0xffffffff) {
        const b = ctz32(~bits);
        this.words.set(w, u32(bits | (1 << b)));
        this.hint = w;
        return w * 32 + b;
      }
    }
    return -1;
  }

  free(frame: number): void {
    const w = frame >>> 5;
    this.words.set(w, u32(this.words.get(w) & ~(1 << (frame & 31))));
    if (w < this.hint) this.hint = w;
  }

  dispose(): void {
    release(this.words);
  }
}

export function bitmap(buf: number, len: number, n: number): number {
  const map = new Bitmap(4096);
  const held = new FixedArray<number>(4096, 0);
  let count = 0;
  let x = 0x2545f491;
  let digest = 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    if (count > 0 && ((x & 3) === 0 || count === 4096)) {
      const k = (x >>> 2) % count;
      map.free(held.get(k));
      count--;
      held.set(k, held.get(count));
    } else {
      const f = map.alloc();
      held.set(count, f);
      count++;
      digest = (digest * 31 + f) % 0x100000000;
    }
  }
  map.dispose();
  release(map);
  release(held);
  return count * 0x100000000 + digest;
}
