// Object construction order, as in JS: base field initialisers, base
// constructor body, then (after super returns) derived field initialisers
// and the rest of the derived constructor body.
import { kprint } from '@unishyper/rt';

function note(what: string, v: number): number {
  kprint`  ${what} = ${v}\n`;
  return v;
}

class Base {
  a = note('Base.a', 1);
  b = note('Base.b', 2);
  sum: number;
  constructor(extra: number) {
    kprint`  Base body (a + b = ${this.a + this.b})\n`;
    this.sum = this.a + this.b + extra;
  }
  describe(): string {
    return 'base';
  }
}

class Derived extends Base {
  c = note('Derived.c', 3);
  d: number = this.c * 10;
  constructor() {
    kprint`  Derived body before super\n`;
    super(100);
    kprint`  Derived body after super (sum ${this.sum}, c ${this.c}, d ${this.d})\n`;
    this.d += this.sum;
  }
  override describe(): string {
    return 'derived';
  }
}

class Leaf extends Derived {
  e = note('Leaf.e', this.d + 1);
}

export function main(): void {
  kprint`new Base:\n`;
  const b = new Base(0);
  kprint`-> ${b.describe()} sum ${b.sum}\n`;
  kprint`new Derived:\n`;
  const d = new Derived();
  kprint`-> ${d.describe()} sum ${d.sum} d ${d.d}\n`;
  kprint`new Leaf:\n`;
  const l = new Leaf();
  kprint`-> ${l.describe()} e ${l.e}\n`;
}
