// A field that some code sets negative (anywhere, through any object) is not
// proven non-negative (nonneg.ts), so the scan from it must still panic on a
// negative index.
import { FixedArray, kprint } from '@unishyper/rt';

class Scan {
  readonly cells: FixedArray<number>;
  start = 0;
  constructor(n: number) {
    this.cells = new FixedArray<number>(n, 1);
  }
  sum(): number {
    let s = 0;
    for (let i = this.start; i < this.cells.length; i++) s += this.cells.get(i);
    return s;
  }
}

function rewind(s: Scan, by: number): void {
  s.start = s.start - by;
}

export function main(): void {
  const a = new Scan(4);
  const b = new Scan(6);
  kprint`sum ${a.sum()} ${b.sum()}\n`;
  rewind(b, 2);
  kprint`rewound ${b.sum()}\n`;
}
