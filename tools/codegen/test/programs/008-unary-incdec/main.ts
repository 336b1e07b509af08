// Unary minus and plus, prefix and postfix ++/-- as statements and inside
// expressions (the value they yield), on locals and on fields.
import { kprint } from '@unishyper/rt';

class Counter {
  n: number;
  constructor(n: number) {
    this.n = n;
  }
}

export function main(): void {
  let a = 5;
  kprint`-a = ${-a}, -(-a) = ${-(-a)}, - -a = ${- -a}\n`;
  const neg = -a;
  kprint`neg = ${neg}, -neg = ${-neg}\n`;
  let b = a++;
  kprint`b = a++: b = ${b}, a = ${a}\n`;
  b = ++a;
  kprint`b = ++a: b = ${b}, a = ${a}\n`;
  b = a--;
  kprint`b = a--: b = ${b}, a = ${a}\n`;
  b = --a;
  kprint`b = --a: b = ${b}, a = ${a}\n`;
  let i = 0;
  const s = i++ + i++ + ++i;
  kprint`i++ + i++ + ++i = ${s}, i = ${i}\n`;
  let j = 10;
  const t = j-- - --j;
  kprint`j-- - --j = ${t}, j = ${j}\n`;
  const c = new Counter(3);
  c.n++;
  ++c.n;
  kprint`counter after two increments = ${c.n}\n`;
  const old = c.n--;
  kprint`old = ${old}, now = ${c.n}\n`;
  kprint`--c.n = ${--c.n}\n`;
  let k = -9007199254740990;
  k--;
  kprint`k = ${k}\n`;
  let m = 0;
  for (let x = 0; x < 5; ++x) m--;
  kprint`m = ${m}\n`;
  kprint`-0 prints as ${-0}\n`;
  let z = 0;
  z = -z;
  kprint`z = -z with z = 0: ${z}, z === 0: ${z === 0}\n`;
}
