// A FixedArray bounds check failure panics with the index and length.
import { FixedArray, kprint } from '@unishyper/rt';

export function main(): void {
  const a = new FixedArray<number>(4, 1);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += a.get(i);
  kprint`sum = ${sum}\n`;
  a.set(3, 9);
  kprint`a[3] = ${a.get(3)}\n`;
  let idx = 1;
  for (let k = 0; k < 3; k++) idx = idx * 2;
  kprint`writing index ${idx}\n`;
  a.set(idx, 5);
  kprint`unreachable\n`;
}
