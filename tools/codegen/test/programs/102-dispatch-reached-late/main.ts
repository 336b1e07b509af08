// Interface dispatch whose implementing classes are first instantiated by a
// method that is itself reached only through another dispatch: the dispatch
// function must be emitted once, with every implementation.
import { kprint } from '@unishyper/rt';

interface Shape {
  area(): number;
  name(): string;
}

interface Factory {
  make(kind: number): Shape;
}

class Square implements Shape {
  constructor(readonly side: number) {}
  area(): number {
    return this.side * this.side;
  }
  name(): string {
    return 'square';
  }
}

class Rect implements Shape {
  constructor(readonly w: number, readonly h: number) {}
  area(): number {
    return this.w * this.h;
  }
  name(): string {
    return 'rect';
  }
}

class ShapeFactory implements Factory {
  make(kind: number): Shape {
    if (kind === 0) return new Square(3);
    return new Rect(2, 5);
  }
}

function describe(s: Shape): void {
  kprint`${s.name()} ${s.area()}\n`;
}

export function main(): void {
  const f: Factory = new ShapeFactory();
  describe(f.make(0));
  describe(f.make(1));
}
