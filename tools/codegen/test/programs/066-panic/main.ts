// panic(): prints "panic: <msg>" after everything printed before it and
// exits with status 101; nothing after it runs.
import { kprint, panic } from '@unishyper/rt';

function check(v: number): number {
  if (v > 3) panic('value too large');
  return v * 2;
}

export function main(): void {
  for (let i = 0; i < 10; i++) {
    const v = check(i);
    kprint`check(${i}) = ${v}\n`;
  }
  kprint`unreachable\n`;
}
