// A remainder by a zero known only at run time panics natively (dialect.h:
// rt_js_rem_var keeps the zero test when it drops the -1 test).
import { kprint } from '@unishyper/rt';

function rem(a: number, b: number): number {
  return a % b;
}

export function main(): void {
  kprint`before ${rem(7, 3)}\n`;
  kprint`after ${rem(7, rem(4, 2))}\n`;
}
