// Compound assignment operators on locals, fields and array elements.
import { FixedArray, kprint } from '@unishyper/rt';

class Acc {
  v: number;
  constructor() {
    this.v = 1;
  }
}

export function main(): void {
  let x = 10;
  x += 5;
  kprint`+= ${x}\n`;
  x -= 20;
  kprint`-= ${x}\n`;
  x *= -3;
  kprint`*= ${x}\n`;
  x %= 4;
  kprint`%= ${x}\n`;
  x = -23;
  x %= 5;
  kprint`-23 %= 5: ${x}\n`;
  x = 0xf0f0;
  x &= 0xff00;
  kprint`&= ${x}\n`;
  x |= 0x000f;
  kprint`|= ${x}\n`;
  x ^= 0xffff;
  kprint`^= ${x}\n`;
  x <<= 20;
  kprint`<<= 20: ${x}\n`;
  x <<= 4;
  kprint`<<= 4: ${x}\n`;
  x >>= 8;
  kprint`>>= 8: ${x}\n`;
  x >>>= 4;
  kprint`>>>= 4: ${x}\n`;
  x = -1;
  x >>>= 0;
  kprint`-1 >>>= 0: ${x}\n`;
  const a = new Acc();
  a.v += 41;
  a.v *= 2;
  a.v -= 4;
  a.v <<= 1;
  a.v |= 1;
  kprint`field: ${a.v}\n`;
  const arr = new FixedArray<number>(3, 7);
  let idx = 0;
  arr.set(idx, arr.get(idx) + 1);
  let chained = 2;
  let other = 3;
  other += chained += 4;
  kprint`chained assignment: other = ${other}, chained = ${chained}\n`;
  kprint`arr[0] = ${arr.get(0)}\n`;
  let big = 4503599627370496; // 2^52
  big += big - 1;
  kprint`2^53 - 1 via += : ${big}\n`;
  big &= 0xffff;
  kprint`(2^53 - 1) &= 0xffff: ${big}\n`;
}
