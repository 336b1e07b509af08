import { num, u64 } from '@unishyper/rt';

export function main(): number {
  const a = u64(7);
  const b = u64(2);
  return num(u64(a % b)); // error@col=18: '%' on bigints
}
