// A subclass that redeclares a field of its base class (`override readonly`,
// a plain redeclaration with an initialiser, a parameter property, a
// narrower type, `declare`) has the base's one property in JS: base and
// subclass methods read and write the same value. Natively that is one C
// field, in the base's struct.
import { FixedArray, kprint, u8 } from '@unishyper/rt';

class Pet {
  name(): number {
    return 1;
  }
}
class Dog extends Pet {
  override name(): number {
    return 2;
  }
  bark(): number {
    return 3;
  }
}

class Base {
  readonly buf: FixedArray<number>;
  count = 10;
  pet: Pet | null = null;
  level = 300;
  constructor(n: number) {
    this.buf = new FixedArray<number>(n, 1);
  }
  total(): number {
    let s = 0;
    for (let i = 0; i < this.buf.length; i++) s += this.buf.get(i);
    return s;
  }
  bump(): void {
    this.count++;
  }
  petName(): number {
    return this.pet === null ? 0 : this.pet.name();
  }
}

class Derived extends Base {
  override readonly buf = new FixedArray<number>(3, 5);
  override count = 20;
  override pet: Dog = new Dog();
  override level: u8 = u8(7);
  constructor() {
    super(2);
  }
  first(): number {
    return this.buf.get(0) + this.buf.length;
  }
  seen(): number {
    return this.count;
  }
  bark(): number {
    return this.pet.bark();
  }
  baseLevel(): number {
    return super.total() + this.level;
  }
}

class ByParam extends Base {
  constructor(override count: number) {
    super(4);
  }
}

class Declared extends Base {
  declare readonly buf: FixedArray<number>;
  constructor() {
    super(6);
  }
  last(): number {
    return this.buf.get(this.buf.length - 1) + this.buf.length;
  }
}

export function main(): void {
  const d = new Derived();
  kprint`derived ${d.total()} ${d.first()} ${d.seen()}\n`;
  d.bump();
  d.bump();
  kprint`count ${d.seen()} ${d.count}\n`;
  d.count = 40;
  d.bump();
  kprint`count ${d.seen()}\n`;
  kprint`pet ${d.petName()} ${d.bark()}\n`;
  d.pet = new Dog();
  kprint`level ${d.level} ${d.baseLevel()}\n`;
  const b: Base = d;
  kprint`as base ${b.total()} ${b.count} ${b.buf.length} ${b.level}\n`;
  const p = new ByParam(7);
  p.bump();
  kprint`param ${p.count} ${p.total()}\n`;
  const q = new Declared();
  kprint`declared ${q.last()} ${q.total()}\n`;
}
