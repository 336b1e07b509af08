import { kprint, u64 } from '@unishyper/rt';

export function main(): void {
  const a = u64(5);
  kprint`sum ${a + a}\n`; // error@col=16: printing an unwrapped bigint
}
