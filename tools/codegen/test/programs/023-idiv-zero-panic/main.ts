// idiv by zero panics with "division by zero".
import { idiv, kprint } from '@unishyper/rt';

function ratio(a: number, b: number): number {
  return idiv(a, b);
}

export function main(): void {
  let d = 3;
  kprint`ratio(10, ${d}) = ${ratio(10, d)}\n`;
  d -= 3;
  kprint`now dividing by ${d}\n`;
  const r = ratio(10, d);
  kprint`unreachable: ${r}\n`;
}
