// Calls to functions returning `never` used where a value is expected.
import { kprint, panic } from '@unishyper/rt';

function fail(msg: string): never {
  panic(msg);
}

function pick(x: number): number {
  if (x > 0) return x;
  return fail('negative');
}

function orFail(x: number): number {
  return x >= 0 ? x * 2 : fail('still negative');
}

export function main(): void {
  kprint`pick(5) = ${pick(5)}, orFail(4) = ${orFail(4)}\n`;
  kprint`orFail(-1) = ${orFail(-1)}\n`;
}
