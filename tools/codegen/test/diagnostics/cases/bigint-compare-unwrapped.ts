import { u64 } from '@unishyper/rt';

export function main(): number {
  const a = u64(5);
  const b = u64(6);
  return a + b < b ? 1 : 0; // error@col=10: comparing an unwrapped bigint
}
