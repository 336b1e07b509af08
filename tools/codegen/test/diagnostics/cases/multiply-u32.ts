import { u32 } from '@unishyper/rt';

export function main(): number {
  const a = u32(0x10000);
  const b = u32(0x10001);
  return a * b; // error@col=10: '*' on two 32-bit values
}
