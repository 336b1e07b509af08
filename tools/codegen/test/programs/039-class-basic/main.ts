// A class with fields and methods: this, methods calling methods, methods
// mutating state, several instances with separate state.
import { kprint } from '@unishyper/rt';

class Point {
  x: number;
  y: number;

  constructor(x: number, y: number) {
    this.x = x;
    this.y = y;
  }

  move(dx: number, dy: number): void {
    this.x += dx;
    this.y += dy;
  }

  manhattan(): number {
    return this.abs(this.x) + this.abs(this.y);
  }

  abs(v: number): number {
    return v < 0 ? -v : v;
  }

  dot(other: Point): number {
    return this.x * other.x + this.y * other.y;
  }

  scaled(k: number): Point {
    return new Point(this.x * k, this.y * k);
  }

  print(label: string): void {
    kprint`${label} = (${this.x}, ${this.y})\n`;
  }
}

export function main(): void {
  const p = new Point(3, -4);
  const q = new Point(-1, 2);
  p.print('p');
  q.print('q');
  kprint`|p| = ${p.manhattan()}, p.q = ${p.dot(q)}\n`;
  p.move(10, 10);
  p.print('p moved');
  q.print('q unchanged');
  const r = p.scaled(-2);
  r.print('r = p * -2');
  p.print('p unchanged by scaled');
  r.x = 0;
  r.print('r.x = 0');
  kprint`chain: ${q.scaled(3).scaled(2).manhattan()}\n`;
  let walker = new Point(0, 0);
  for (let i = 1; i <= 5; i++) {
    walker.move(i, -i * 2);
  }
  walker.print('walker');
  walker = q;
  walker.move(100, 100);
  q.print('q after moving through an alias');
}
