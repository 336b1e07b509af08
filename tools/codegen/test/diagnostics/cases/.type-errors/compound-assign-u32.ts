import { u32 } from '@unishyper/rt';

export function main(): number {
  let x: u32 = u32(1);
  x += 1; // tsc-error@col=3: Type 'number' is not assignable to type 'u32'
  return x;
}
