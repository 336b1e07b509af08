// compiler bug: `x++` on a u64 gets "++ needs a number" (an errorAt without construct or hint) rather than the fixed-width diagnostic: write x = u64(x + 1n)
import { num, u64 } from '@unishyper/rt';

export function main(): number {
  let x = u64(1);
  x++; // error@col=3: ++ on a u64
  return num(x);
}
