// Each C function definition starts with a #line directive naming its
// TypeScript declaration (test/line-directives.test.ts). The functions are
// multi-line and follow one another, so a missing directive would give a
// function's first line the previous function's last line.
import { kprint } from '@unishyper/rt';

interface Shape {
  area(): number;
}

class Square implements Shape {
  private side: number;
  constructor(side: number) {
    this.side = side;
  }

  area(): number {
    const s = this.side;
    return s * s;
  }
}

class Rect implements Shape {
  constructor(private w: number, private h: number) {}

  area(): number {
    return this.w * this.h;
  }
}

function busy(n: number): number {
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc = (acc * 31 + i) % 1000003;
  }
  return acc;
}

function dive(depth: number, salt: number): number {
  if (depth > 12) return salt;
  return dive(depth + 1, salt ^ depth) ^ dive(depth + 2, salt);
}

function twice(f: (x: number) => number, x: number): number {
  return f(f(x));
}

function inc(x: number): number {
  return x + 1;
}

function areaOf(s: Shape): number {
  return s.area();
}

export function main(): number {
  const total = areaOf(new Square(3)) + areaOf(new Rect(2, 5));
  const k = busy(100);
  const add = (x: number): number => {
    const y = x + k;
    return y % 7;
  };
  kprint`${total} ${dive(0, 5)} ${twice(add, 1)} ${twice(inc, 1)}\n`;
  return 0;
}
