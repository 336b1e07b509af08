// A provably non-negative index is checked only against the length
// (nonneg.ts): a field only ever given non-negative values (a scan hint), a
// `for` counter starting from it, `>>>`, `& 0xff`, `%` of those, u32(),
// const locals. Sizes differ between objects, so no length is constant.
import { FixedArray, kprint, u32 } from '@unishyper/rt';

class Bits {
  private readonly words: FixedArray<number>;
  private hint = 0;
  constructor(n: number) {
    this.words = new FixedArray<number>(n, 0);
  }
  take(): number {
    for (let w = this.hint; w < this.words.length; w++) {
      if (this.words.get(w) === 0) {
        this.words.set(w, 1);
        this.hint = w;
        return w;
      }
    }
    return -1;
  }
  give(x: number): void {
    const w = x >>> 28;
    this.words.set(w, 0);
    if (w < this.hint) this.hint = w;
  }
}

function pick(a: FixedArray<number>, x: number): number {
  const k = (x & 0xff) % a.length;
  return a.get(k) + a.get((x >>> 24) % a.length) + a.get(u32(x) % a.length);
}

export function main(): void {
  const small = new Bits(3);
  const big = new Bits(9);
  kprint`take ${small.take()} ${small.take()} ${small.take()} ${small.take()} ${big.take()}\n`;
  small.give(0x10000000);
  kprint`again ${small.take()} ${small.take()}\n`;
  const a = new FixedArray<number>(5, 0);
  for (let i = 0; i < a.length; i++) a.set(i, i * 10);
  kprint`pick ${pick(a, -1)} ${pick(a, 0x12345678)} ${pick(a, -2147483648)}\n`;
}
