import { num, u64 } from '@unishyper/rt';

export function main(): number {
  const a = u64(5);
  return num(a * a); // error@col=10: num() of an unwrapped bigint
}
