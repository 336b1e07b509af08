// `%` with a divisor known only at run time is lowered to sdiv + msub on
// AArch64 (dialect.h: rt_js_rem_var), without the divisor == -1 test: the
// results must still be JS's for every sign, for -1 and 1, at the ends of the
// safe range (a zero divisor panics natively; plain JS gives NaN, so it is not here).
import { FixedArray, kprint } from '@unishyper/rt';

function rem(a: number, b: number): number {
  return a % b;
}

export function main(): void {
  const ds = new FixedArray<number>(8, 0);
  ds.set(0, 7);
  ds.set(1, -7);
  ds.set(2, 1);
  ds.set(3, -1);
  ds.set(4, 2);
  ds.set(5, 9007199254740991);
  ds.set(6, -9007199254740991);
  ds.set(7, 4096);
  const as = new FixedArray<number>(6, 0);
  as.set(0, 23);
  as.set(1, -23);
  as.set(2, 0);
  as.set(3, 9007199254740991);
  as.set(4, -9007199254740991);
  as.set(5, -4097);
  for (let i = 0; i < as.length; i++) {
    for (let j = 0; j < ds.length; j++) {
      const r = rem(as.get(i), ds.get(j));
      kprint`${r} `;
    }
    let acc = as.get(i);
    acc %= ds.get(i);
    kprint`| ${acc}\n`;
  }
}
