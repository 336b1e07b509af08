// compiler bug: `const h = hex(x)` is reported inside @unishyper/rt (the union field of class Hex, packages/rt/src/kprint.ts) instead of at the call in the user program
import { hex, kprint } from '@unishyper/rt';

export function main(): void {
  const h = hex(255); // error-at@col=13: hex() formats a value inside kprint`...` only
  kprint`${h}\n`;
}
