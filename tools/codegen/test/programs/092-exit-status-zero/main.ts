// main(): number returning 0 explicitly, from inside a loop.
import { kprint } from '@unishyper/rt';

export function main(): number {
  for (let i = 0; i < 10; i++) {
    kprint`i = ${i}\n`;
    if (i === 2) return 0;
  }
  return 1;
}
