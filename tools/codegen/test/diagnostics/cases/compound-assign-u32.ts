import { u32 } from '@unishyper/rt';

// tsc rejects `x += 1` on a u32 (number is not assignable to u32); an `any`
// operand gets past tsc, which is where the compiler must step in.
export function main(): number {
  let x: u32 = u32(1);
  x += 1 as any; // error@col=3: '+=' on a u32
  return x;
}
