import { num, u64 } from '@unishyper/rt';

export function main(): number {
  const a = u64(256);
  return num(u64((a + a) >> 1n)); // error@col=18: '>>' on an unwrapped bigint
}
