import type { u32 } from '@unishyper/rt';

export function main(): number {
  const x = 300;
  const y = x as u32; // error@col=13: the type assertion 'as u32'
  return y;
}
