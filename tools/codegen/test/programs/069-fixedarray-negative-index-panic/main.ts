// Reading a FixedArray at a negative index panics.
import { FixedArray, kprint } from '@unishyper/rt';

function at(a: FixedArray<number>, i: number): number {
  return a.get(i);
}

export function main(): void {
  const a = new FixedArray<number>(3, 0);
  for (let i = 0; i < a.length; i++) a.set(i, 10 * (i + 1));
  for (let i = a.length - 1; i >= -1; i--) {
    const v = at(a, i);
    kprint`a[${i}] = ${v}\n`;
  }
  kprint`unreachable\n`;
}
