import { num, u64 } from '@unishyper/rt';

export function main(): number {
  let x = u64(1);
  x++; // error@col=3: ++ on a u64
  return num(x);
}
