// Escaping closures: stored in fields and variables, called after their
// creator returned; their heap environment is copied by value and freed
// with release().
import { kprint, release } from '@unishyper/rt';

class Handler {
  constructor(readonly name: string, readonly run: (x: number) => number) {}
}

function makeAdder(n: number): (x: number) => number {
  const scale = n * 2;
  return (x) => x + n + scale;
}

function makeHandler(label: string, base: number): Handler {
  return new Handler(label, (x) => x * base);
}

class Counter {
  count = 0;
  bumper(): () => number {
    return () => {
      this.count += 1;
      return this.count;
    };
  }
}

export function main(): void {
  const add5 = makeAdder(5);
  const add7 = makeAdder(7);
  kprint`add5(1) = ${add5(1)}, add7(1) = ${add7(1)}\n`;
  const h = makeHandler('triple', 3);
  kprint`${h.name}(14) = ${h.run(14)}\n`;
  const c = new Counter();
  const bump = c.bumper();
  bump();
  bump();
  kprint`counter after two bumps: ${bump()} (field ${c.count})\n`;
  release(add5);
  release(add7);
  release(h.run);
  release(bump);
  kprint`released\n`;
}
