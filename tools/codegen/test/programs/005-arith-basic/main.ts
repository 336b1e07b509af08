// + - * % on number, precedence, parentheses, negative operands of %.
import { kprint } from '@unishyper/rt';

export function main(): void {
  const a = 17;
  const b = 5;
  kprint`a + b = ${a + b}\n`;
  kprint`a - b = ${a - b}\n`;
  kprint`b - a = ${b - a}\n`;
  kprint`a * b = ${a * b}\n`;
  kprint`a % b = ${a % b}\n`;
  kprint`-a % b = ${-a % b}\n`;
  kprint`a % -b = ${a % -b}\n`;
  kprint`-a % -b = ${-a % -b}\n`;
  kprint`0 % 7 = ${0 % 7}\n`;
  kprint`7 % 7 = ${7 % 7}\n`;
  kprint`6 % 7 = ${6 % 7}\n`;
  kprint`a + b * 2 = ${a + b * 2}\n`;
  kprint`(a + b) * 2 = ${(a + b) * 2}\n`;
  kprint`a - b - 2 = ${a - b - 2}\n`;
  kprint`a - (b - 2) = ${a - (b - 2)}\n`;
  kprint`a * b % 7 = ${a * b % 7}\n`;
  kprint`a * (b % 7) = ${a * (b % 7)}\n`;
  kprint`a % b * 3 = ${a % b * 3}\n`;
  kprint`-a * -b = ${-a * -b}\n`;
  kprint`-a * b = ${-a * b}\n`;
  let x = 1;
  for (let i = 0; i < 10; i++) {
    x = x * 3 - i;
  }
  kprint`x after loop = ${x}\n`;
  let sum = 0;
  for (let i = -50; i <= 50; i++) sum += i % 7;
  kprint`sum of i % 7 for i in -50..50 = ${sum}\n`;
  let prod = 1;
  for (let i = 1; i <= 12; i++) prod = prod * i + (prod % 1000);
  kprint`prod = ${prod}\n`;
}
