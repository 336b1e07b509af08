// Constructors: field initialisers, logic in the constructor, calling
// methods from the constructor, constructors creating other objects,
// default-free overloading by factory functions.
import { kprint } from '@unishyper/rt';

let created = 0;

class Range {
  lo: number;
  hi: number;
  id: number = 0;
  hits = 0;
  label: string = 'range';

  constructor(a: number, b: number) {
    if (a <= b) {
      this.lo = a;
      this.hi = b;
    } else {
      this.lo = b;
      this.hi = a;
    }
    created++;
    this.id = created;
    this.touch();
  }

  touch(): void {
    this.hits++;
  }

  size(): number {
    return this.hi - this.lo;
  }
}

class Segment {
  range: Range;
  name: string;
  constructor(name: string, start: number, len: number) {
    this.name = name;
    this.range = new Range(start, start + len);
  }
}

function unit(at: number): Range {
  return new Range(at, at + 1);
}

class Empty {
  describe(): string {
    return 'empty object';
  }
}

export function main(): void {
  const r = new Range(10, 3);
  kprint`r: id ${r.id} lo ${r.lo} hi ${r.hi} size ${r.size()} hits ${r.hits} label ${r.label}\n`;
  r.touch();
  r.touch();
  kprint`r hits after touches: ${r.hits}\n`;
  const s = new Segment('text', 0x1000, 0x200);
  kprint`segment ${s.name}: id ${s.range.id} ${s.range.lo}..${s.range.hi}\n`;
  const u = unit(7);
  kprint`unit: id ${u.id} size ${u.size()}\n`;
  kprint`created = ${created}\n`;
  const e = new Empty();
  kprint`${e.describe()}\n`;
  for (let i = 0; i < 3; i++) {
    const t = new Range(i, -i);
    kprint`loop range id ${t.id}: ${t.lo}..${t.hi}\n`;
  }
  kprint`created = ${created}\n`;
}
