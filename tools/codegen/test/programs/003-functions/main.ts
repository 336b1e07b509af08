// Plain functions: parameters, return values, nested calls, early return,
// void functions, functions declared after use.
import { kprint } from '@unishyper/rt';

function add(a: number, b: number): number {
  return a + b;
}

function add3(a: number, b: number, c: number): number {
  return add(add(a, b), c);
}

function abs(x: number): number {
  if (x < 0) return -x;
  return x;
}

function sign(x: number): number {
  if (x > 0) {
    return 1;
  } else if (x < 0) {
    return -1;
  }
  return 0;
}

function say(what: string, n: number): void {
  kprint`${what} -> ${n}\n`;
  if (n === 0) return;
  kprint`  (non-zero)\n`;
}

function isPositive(x: number): boolean {
  return x > 0;
}

function manyArgs(a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, i: number, j: number): number {
  return a - b + c - d + e - f + g - h + i - j * 2;
}

export function main(): void {
  say('add(2, 3)', add(2, 3));
  say('add3(1, 2, 3)', add3(1, 2, 3));
  say('abs(-17)', abs(-17));
  say('abs(17)', abs(17));
  say('sign(-5)', sign(-5));
  say('sign(0)', sign(0));
  say('sign(9)', sign(9));
  say('later(4)', later(4));
  say('manyArgs', manyArgs(10, 1, 20, 2, 30, 3, 40, 4, 50, 5));
  kprint`isPositive(3) = ${isPositive(3)}, isPositive(-3) = ${isPositive(-3)}\n`;
  kprint`nested = ${add(abs(-4), add3(sign(-9), abs(sign(-9)), later(1)))}\n`;
}

function later(x: number): number {
  return x * 100 + 1;
}
