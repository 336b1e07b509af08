// Comparison operators on numbers, including negatives and large values.
import { kprint } from '@unishyper/rt';

function cmp(a: number, b: number): void {
  kprint`${a} vs ${b}: < ${a < b} <= ${a <= b} > ${a > b} >= ${a >= b} === ${a === b} !== ${a !== b}\n`;
}

export function main(): void {
  cmp(1, 2);
  cmp(2, 1);
  cmp(3, 3);
  cmp(-1, 1);
  cmp(-5, -7);
  cmp(0, -0);
  cmp(9007199254740991, 9007199254740990);
  cmp(-9007199254740991, 9007199254740991);
  cmp(4294967295, 4294967296);
  cmp(-2147483648, 2147483647);
  let count = 0;
  for (let i = -10; i <= 10; i++) {
    if (i * i > 20) count++;
  }
  kprint`values with i*i > 20 in -10..10: ${count}\n`;
  const x = 7;
  const inRange = x >= 0 && x < 10;
  kprint`7 in [0, 10): ${inRange}\n`;
  kprint`comparison results compare: ${(1 < 2) === (3 < 4)}\n`;
}
