import { u8 } from '@unishyper/rt';

export function main(): number {
  let x: u8 = u8(1);
  --x; // error@col=3: -- on a u8
  return x;
}
