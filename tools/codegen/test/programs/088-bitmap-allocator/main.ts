// A frame allocator over a bitmap of u32 words: ctz32 to find a free bit,
// popcnt32 to count, bit manipulation with shifts and masks.
import { ctz32, FixedArray, kprint, popcnt32, u32 } from '@unishyper/rt';

class Bitmap {
  words: FixedArray<u32>;
  frames: number;
  constructor(frames: number) {
    this.frames = frames;
    this.words = new FixedArray<u32>((frames + 31) >> 5, u32(0));
  }
  alloc(): number {
    for (let w = 0; w < this.words.length; w++) {
      const free = u32(~this.words.get(w));
      if (free !== 0) {
        const bit = ctz32(free);
        const frame = (w << 5) + bit;
        if (frame >= this.frames) return -1;
        this.words.set(w, u32(this.words.get(w) | (1 << bit)));
        return frame;
      }
    }
    return -1;
  }
  free(frame: number): void {
    const w = frame >> 5;
    this.words.set(w, u32(this.words.get(w) & ~(1 << (frame & 31))));
  }
  used(): number {
    let n = 0;
    for (let w = 0; w < this.words.length; w++) n += popcnt32(this.words.get(w));
    return n;
  }
}

export function main(): void {
  const bm = new Bitmap(70);
  kprint`words ${bm.words.length}\n`;
  let last = -1;
  for (let i = 0; i < 40; i++) last = bm.alloc();
  kprint`after 40 allocs: last frame ${last}, used ${bm.used()}, word0 ${bm.words.get(0)}, word1 ${bm.words.get(1)}\n`;
  bm.free(3);
  bm.free(31);
  bm.free(32);
  kprint`freed 3, 31, 32: used ${bm.used()}\n`;
  kprint`realloc: ${bm.alloc()} ${bm.alloc()} ${bm.alloc()} ${bm.alloc()}\n`;
  let n = 0;
  while (bm.alloc() >= 0) n++;
  kprint`allocated ${n} more until full, used ${bm.used()}\n`;
  kprint`alloc when full: ${bm.alloc()}\n`;
  for (let f = 0; f < 70; f += 2) bm.free(f);
  kprint`after freeing even frames: used ${bm.used()}, word2 ${bm.words.get(2)}\n`;
}
