// Small higher-order functions are inlined into their callers so the arrow
// they get can be inlined too (function.ts: inlineForClosures). Recursive and
// mutually recursive ones, and ones that call another higher-order function,
// are not (always_inline must never meet recursion); all behave the same.
// An arrow reading a const FixedArray of constant length keeps its bounds
// check: the last call reads one past the end and panics.
import { FixedArray, kprint } from '@unishyper/rt';

function each(n: number, f: (i: number) => void): void {
  for (let i = 0; i < n; i++) f(i);
}

function sumOf(n: number, f: (i: number) => number): number {
  let s = 0;
  each(n, (i) => {
    s += f(i);
  });
  return s;
}

class Tree {
  constructor(
    readonly value: number,
    readonly left: Tree | null,
    readonly right: Tree | null,
  ) {}
}

function walk(t: Tree | null, f: (v: number) => void): void {
  if (t === null) return;
  walk(t.left, f);
  f(t.value);
  walk(t.right, f);
}

function evens(n: number, f: (v: number) => void): void {
  if (n < 0) return;
  f(n);
  odds(n - 1, f);
}

function odds(n: number, f: (v: number) => void): void {
  if (n < 0) return;
  evens(n - 1, f);
}

export function main(): void {
  const table = new FixedArray<number>(4, 0);
  each(4, (i) => table.set(i, i * i));
  kprint`squares ${sumOf(4, (i) => table.get(i))}\n`;
  let order = 0;
  walk(new Tree(2, new Tree(1, null, null), new Tree(3, null, null)), (v) => {
    order = order * 10 + v;
  });
  kprint`in order ${order}\n`;
  let picked = 0;
  evens(6, (v) => {
    picked += v;
  });
  kprint`every other ${picked}\n`;
  kprint`past the end ${sumOf(5, (i) => table.get(i))}\n`;
}
