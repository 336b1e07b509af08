// FixedArray of numbers and fixed-width integers: fill, length, get/set,
// arrays passed to functions and stored in fields, zero-length arrays,
// arrays of arrays.
import { FixedArray, kprint, u32, u8 } from '@unishyper/rt';

function sum(a: FixedArray<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a.get(i);
  return s;
}

function prefixSums(a: FixedArray<number>): FixedArray<number> {
  const out = new FixedArray<number>(a.length, 0);
  let run = 0;
  for (let i = 0; i < a.length; i++) {
    run += a.get(i);
    out.set(i, run);
  }
  return out;
}

class Histogram {
  bins: FixedArray<number>;
  constructor(n: number) {
    this.bins = new FixedArray<number>(n, 0);
  }
  add(v: number): void {
    const b = v % this.bins.length;
    this.bins.set(b, this.bins.get(b) + 1);
  }
}

export function main(): void {
  const a = new FixedArray<number>(6, -1);
  kprint`length ${a.length}, initial sum ${sum(a)}\n`;
  for (let i = 0; i < a.length; i++) a.set(i, i * i - 3);
  kprint`squares - 3:`;
  for (let i = 0; i < a.length; i++) kprint` ${a.get(i)}`;
  kprint`\n`;
  const p = prefixSums(a);
  kprint`prefix sums:`;
  for (let i = 0; i < p.length; i++) kprint` ${p.get(i)}`;
  kprint`\n`;
  const empty = new FixedArray<number>(0, 5);
  kprint`empty length ${empty.length}, sum ${sum(empty)}\n`;
  const h = new Histogram(4);
  for (let v = 0; v < 27; v++) h.add(v * 7);
  kprint`histogram: ${h.bins.get(0)} ${h.bins.get(1)} ${h.bins.get(2)} ${h.bins.get(3)}\n`;
  const bytes = new FixedArray<u8>(4, u8(0x1ff));
  bytes.set(2, u8(bytes.get(1) + 2));
  kprint`bytes: ${bytes.get(0)} ${bytes.get(1)} ${bytes.get(2)} ${bytes.get(3)}\n`;
  const words = new FixedArray<u32>(2, u32(0));
  words.set(0, u32(-1));
  words.set(1, u32(words.get(0) + 5));
  kprint`words: ${words.get(0)} ${words.get(1)}\n`;
  const grid = new FixedArray<FixedArray<number>>(3, new FixedArray<number>(0, 0));
  for (let r = 0; r < grid.length; r++) {
    const row = new FixedArray<number>(4, 0);
    for (let c = 0; c < row.length; c++) row.set(c, r * 10 + c);
    grid.set(r, row);
  }
  grid.get(1).set(2, 99);
  for (let r = 0; r < grid.length; r++) {
    kprint`row ${r}:`;
    for (let c = 0; c < grid.get(r).length; c++) kprint` ${grid.get(r).get(c)}`;
    kprint`\n`;
  }
  const alias = a;
  alias.set(0, 1000);
  kprint`alias write visible: ${a.get(0)}\n`;
  const flags = new FixedArray<boolean>(3, false);
  flags.set(1, true);
  kprint`flags: ${flags.get(0)} ${flags.get(1)} ${flags.get(2)}\n`;
}
