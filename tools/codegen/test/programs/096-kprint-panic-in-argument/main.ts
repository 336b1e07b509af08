// A panic while evaluating a kprint argument: nothing of that kprint is
// printed (JS evaluates every argument before the call), only what earlier
// statements printed and the panic line.
import { FixedArray, kprint } from '@unishyper/rt';

export function main(): void {
  const a = new FixedArray<number>(2, 5);
  kprint`a[0] = ${a.get(0)}, a[1] = ${a.get(1)}\n`;
  kprint`a[1] = ${a.get(1)}, a[2] = ${a.get(2)}\n`;
  kprint`unreachable\n`;
}
