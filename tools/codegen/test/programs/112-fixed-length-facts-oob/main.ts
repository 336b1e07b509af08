// A bounds check whose length the lowering knows as a constant (a readonly
// field only ever holding `new FixedArray(8, ...)`) or reads once (a const
// local) still panics, with the same message, at the first index out of range.
import { FixedArray, kprint } from '@unishyper/rt';

class Window {
  readonly slots = new FixedArray<number>(8, 0);
  fill(upTo: number): number {
    let s = 0;
    for (let i = 0; i <= upTo; i++) {
      this.slots.set(i, i);
      s += this.slots.get(i);
    }
    return s;
  }
}

export function main(): void {
  const local = new FixedArray<number>(3, 2);
  let s = 0;
  for (let i = 0; i < local.length; i++) s += local.get(i);
  kprint`local ${s}\n`;
  const w = new Window();
  kprint`in range ${w.fill(7)}\n`;
  kprint`past the end ${w.fill(8)}\n`;
}
