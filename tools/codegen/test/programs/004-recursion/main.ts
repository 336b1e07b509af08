// Recursion: direct, mutual, deep, and with several recursive calls.
import { kprint } from '@unishyper/rt';

function fact(n: number): number {
  if (n <= 1) return 1;
  return n * fact(n - 1);
}

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function gcd(a: number, b: number): number {
  if (b === 0) return a;
  return gcd(b, a % b);
}

function isEven(n: number): boolean {
  if (n === 0) return true;
  return isOdd(n - 1);
}

function isOdd(n: number): boolean {
  if (n === 0) return false;
  return isEven(n - 1);
}

function ackermann(m: number, n: number): number {
  if (m === 0) return n + 1;
  if (n === 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

function depth(n: number): number {
  if (n === 0) return 0;
  return 1 + depth(n - 1);
}

function hanoi(n: number, from: number, to: number, via: number): number {
  if (n === 0) return 0;
  let moves = hanoi(n - 1, from, via, to);
  moves++;
  if (n >= 3) kprint`move disk ${n} from ${from} to ${to}\n`;
  moves += hanoi(n - 1, via, to, from);
  return moves;
}

export function main(): void {
  kprint`fact(0) = ${fact(0)}\n`;
  kprint`fact(10) = ${fact(10)}\n`;
  kprint`fact(18) = ${fact(18)}\n`;
  kprint`fib(0..10) =`;
  for (let i = 0; i <= 10; i++) kprint` ${fib(i)}`;
  kprint`\n`;
  kprint`fib(25) = ${fib(25)}\n`;
  kprint`gcd(1071, 462) = ${gcd(1071, 462)}\n`;
  kprint`gcd(17, 5) = ${gcd(17, 5)}\n`;
  kprint`isEven(10) = ${isEven(10)}, isOdd(7) = ${isOdd(7)}, isEven(7) = ${isEven(7)}\n`;
  kprint`ackermann(2, 3) = ${ackermann(2, 3)}\n`;
  kprint`ackermann(3, 3) = ${ackermann(3, 3)}\n`;
  kprint`depth(5000) = ${depth(5000)}\n`;
  const moves = hanoi(4, 1, 3, 2);
  kprint`hanoi(4) moves = ${moves}\n`;
}
