import { u32 } from '@unishyper/rt';

export function main(): number {
  let x: u32 = u32(1);
  x++; // error@col=3: ++ on a u32
  return x;
}
