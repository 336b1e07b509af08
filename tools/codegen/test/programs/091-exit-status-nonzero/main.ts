// A non-zero exit status without a panic: main validates some data and
// returns the number of failures.
import { FixedArray, kprint } from '@unishyper/rt';

function check(name: string, ok: boolean): number {
  kprint`${name}: ${ok ? 'ok' : 'FAILED'}\n`;
  return ok ? 0 : 1;
}

export function main(): number {
  const a = new FixedArray<number>(5, 0);
  for (let i = 0; i < a.length; i++) a.set(i, i * 2);
  let failures = 0;
  failures += check('first is zero', a.get(0) === 0);
  failures += check('last is eight', a.get(4) === 8);
  failures += check('sum is twenty', a.get(0) + a.get(1) + a.get(2) + a.get(3) + a.get(4) === 20);
  failures += check('deliberately wrong 1', a.get(1) === 3);
  failures += check('deliberately wrong 2', a.length === 6);
  failures += check('deliberately wrong 3', a.get(2) > 100);
  kprint`failures: ${failures}\n`;
  return failures;
}
