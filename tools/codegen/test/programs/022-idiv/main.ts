// idiv: truncating integer division on number.
import { idiv, kprint } from '@unishyper/rt';

function show(a: number, b: number): void {
  kprint`idiv(${a}, ${b}) = ${idiv(a, b)}, ${a} % ${b} = ${a % b}\n`;
}

export function main(): void {
  show(7, 2);
  show(-7, 2);
  show(7, -2);
  show(-7, -2);
  show(0, 5);
  show(5, 7);
  show(-5, 7);
  show(100, 10);
  show(9007199254740991, 2);
  show(9007199254740991, 3);
  show(-9007199254740991, 2);
  show(9007199254740991, 9007199254740991);
  show(9007199254740991, -1);
  show(4294967296, 65536);
  show(1, 1);
  // digits of a number via idiv and %
  let n = 1234567890123;
  let digits = 0;
  let sum = 0;
  while (n > 0) {
    sum += n % 10;
    n = idiv(n, 10);
    digits++;
  }
  kprint`digits = ${digits}, digit sum = ${sum}\n`;
  // average with rounding toward zero
  kprint`avg(-3, -4) = ${idiv(-3 + -4, 2)}\n`;
  // page arithmetic
  const addr = 0x4008_1234;
  kprint`page = ${idiv(addr, 4096)}, offset = ${addr % 4096}\n`;
  kprint`pages for 10000 bytes = ${idiv(10000 + 4095, 4096)}\n`;
}
