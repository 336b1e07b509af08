// Non-escaping closures: arrow functions passed to parameters of function
// type and called there; capturing locals, parameters and `this`.
import { kprint } from '@unishyper/rt';

function repeat(n: number, body: (i: number) => void): void {
  for (let i = 0; i < n; i++) body(i);
}

function apply(x: number, f: (v: number) => number): number {
  return f(x);
}

function twice(x: number, f: (v: number) => number): number {
  return f(f(x));
}

function test(label: string, pred: (v: number) => boolean): void {
  let hits = 0;
  for (let v = -5; v <= 5; v++) {
    if (pred(v)) hits++;
  }
  kprint`${label}: ${hits}\n`;
}

class Scaler {
  factor: number;
  constructor(factor: number) {
    this.factor = factor;
  }
  scaleAll(n: number): number {
    let total = 0;
    repeat(n, (i: number) => {
      total += i * this.factor;
    });
    return total;
  }
}

function withOffset(offset: number): number {
  return apply(10, (v: number) => v + offset);
}

export function main(): void {
  repeat(3, (i: number) => {
    kprint`iteration ${i}\n`;
  });
  const base = 100;
  kprint`apply: ${apply(5, (v: number) => v * 2 + base)}\n`;
  kprint`twice: ${twice(3, (v: number) => v * v)}\n`;
  kprint`withOffset(7) = ${withOffset(7)}\n`;
  const threshold = 2;
  test('greater than threshold', (v: number) => v > threshold);
  test('even', (v: number) => v % 2 === 0);
  test('never', (_v: number) => false);
  const s = new Scaler(3);
  kprint`scaleAll(4) = ${s.scaleAll(4)}\n`;
  const word = 'captured';
  repeat(2, (i: number) => kprint`${word} string ${i}\n`);
  kprint`nested: ${apply(1, (a: number) => apply(a + 1, (b: number) => a * 10 + b))}\n`;
}
