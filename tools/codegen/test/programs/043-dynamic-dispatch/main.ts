// Dynamic dispatch: overridden methods called through a base-class
// reference, in a FixedArray of base-class references, and from a base
// method that calls an overridden one (template method).
import { FixedArray, kprint } from '@unishyper/rt';

class Shape {
  name(): string {
    return 'shape';
  }
  area(): number {
    return 0;
  }
  describe(): void {
    kprint`${this.name()} with area ${this.area()}\n`;
  }
}

class Rect extends Shape {
  w: number;
  h: number;
  constructor(w: number, h: number) {
    super();
    this.w = w;
    this.h = h;
  }
  override name(): string {
    return 'rect';
  }
  override area(): number {
    return this.w * this.h;
  }
}

class Square extends Rect {
  constructor(s: number) {
    super(s, s);
  }
  override name(): string {
    return 'square';
  }
}

class Tri extends Shape {
  b: number;
  h: number;
  constructor(b: number, h: number) {
    super();
    this.b = b;
    this.h = h;
  }
  override area(): number {
    return (this.b * this.h) >> 1;
  }
}

function total(shapes: FixedArray<Shape>): number {
  let t = 0;
  for (let i = 0; i < shapes.length; i++) t += shapes.get(i).area();
  return t;
}

function biggest(a: Shape, b: Shape): Shape {
  return a.area() >= b.area() ? a : b;
}

export function main(): void {
  const shapes = new FixedArray<Shape>(5, new Shape());
  shapes.set(1, new Rect(3, 4));
  shapes.set(2, new Square(5));
  shapes.set(3, new Tri(6, 7));
  for (let i = 0; i < shapes.length; i++) shapes.get(i).describe();
  kprint`total area = ${total(shapes)}\n`;
  let s: Shape = new Square(2);
  s.describe();
  s = new Tri(10, 3);
  s.describe();
  const r: Rect = new Square(9);
  kprint`Rect-typed square: ${r.name()} ${r.area()} w=${r.w}\n`;
  biggest(shapes.get(1), shapes.get(3)).describe();
  biggest(new Square(1), new Shape()).describe();
}
