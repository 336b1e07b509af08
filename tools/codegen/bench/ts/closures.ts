/**
 * Closures passed to higher-order functions, as a driver walks its
 * descriptors with a callback: forEachWord() calls `f` for every 32-bit word
 * of a buffer, fold() reduces a FixedArray; the arrows capture and update
 * the caller's locals. Returns a digest of the results.
 */
import { FixedArray, load32, release } from '@unishyper/rt';

function forEachWord(addr: number, words: number, f: (i: number, w: number) => void): void {
  for (let i = 0; i < words; i++) f(i, load32(addr + i * 4));
}

function fold(xs: FixedArray<number>, init: number, f: (acc: number, x: number) => number): number {
  let acc = init;
  for (let i = 0; i < xs.length; i++) acc = f(acc, xs.get(i));
  return acc;
}

export function closures(buf: number, len: number, n: number): number {
  const hist = new FixedArray<number>(256, 0);
  let odd = 0;
  let digest = 0;
  for (let round = 0; round < n; round++) {
    const shift = round & 7;
    forEachWord(buf, len >>> 2, (i, w) => {
      const b = (w >>> shift) & 0xff;
      hist.set(b, hist.get(b) + 1);
      if ((w & 1) !== 0) odd += i & 1;
    });
    const weighted = fold(hist, 0, (acc, x) => (acc * 3 + x) % 1000000007);
    digest = (digest + weighted) % 0x100000000;
  }
  release(hist);
  return odd * 0x100000000 + digest;
}
