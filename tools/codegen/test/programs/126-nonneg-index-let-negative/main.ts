// A `for` counter written in its body is not proven non-negative
// (nonneg.ts): the negative index must still panic.
import { FixedArray, kprint } from '@unishyper/rt';

function walk(a: FixedArray<number>, back: number): number {
  let s = 0;
  let went = false;
  for (let i = 0; i < a.length; i++) {
    if (i === 2 && !went) {
      i -= back;
      went = true;
    }
    s += a.get(i);
  }
  return s;
}

export function main(): void {
  const a = new FixedArray<number>(4, 3);
  kprint`walk ${walk(a, 1)}\n`;
  kprint`back ${walk(a, 5)}\n`;
}
