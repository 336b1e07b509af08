// `c ? new A() : new B()` where an interface is expected (an argument, a
// declaration, a FixedArray element) takes the expected type, and release()
// frees an object through an interface reference.
import { FixedArray, kprint, release } from '@unishyper/rt';

interface Shape {
  area(): number;
}

class Square implements Shape {
  constructor(readonly side: number) {}
  area(): number {
    return this.side * this.side;
  }
}

class Rect implements Shape {
  constructor(
    readonly w: number,
    readonly h: number,
  ) {}
  area(): number {
    return this.w * this.h;
  }
}

function areaOf(s: Shape): number {
  return s.area();
}

export function main(): void {
  const shapes = new FixedArray<Shape | null>(4, null);
  for (let i = 0; i < 4; i++) shapes.set(i, (i & 1) === 0 ? new Square(i + 1) : new Rect(i, 10));
  let total = 0;
  for (let i = 0; i < 4; i++) total += areaOf(shapes.get(i)!);
  const one: Shape = total > 100 ? new Rect(2, 3) : new Square(5);
  kprint`total ${total} one ${one.area()} direct ${areaOf(total > 0 ? new Square(3) : new Rect(1, 1))}\n`;
  for (let i = 0; i < 4; i++) release(shapes.get(i)!);
  release(one);
  release(shapes);
}
