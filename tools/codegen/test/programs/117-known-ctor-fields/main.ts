// A readonly field that every `new` of its class sets to the same constant
// reads as that constant (ctor-facts.ts), and so does the length of an array
// field allocated from it: a remainder by it keeps the dividend's sign, a mask
// from it keeps ToInt32. The facts must not apply where a class is built with
// different arguments, extended, or a parameter is reassigned; each access
// below is in bounds for the real array and would print differently (or be
// out of bounds) with a wrong fact.
import { FixedArray, kprint, u32 } from '@unishyper/rt';

class Table {
  readonly slots: FixedArray<number>;
  constructor(readonly buckets: number) {
    this.slots = new FixedArray<number>(buckets, 0);
  }
  bump(key: number): number {
    const b = key % this.buckets;
    const i = b < 0 ? b + this.buckets : b;
    this.slots.set(i, this.slots.get(i) + 1);
    return b;
  }
}

class Ring {
  private readonly slots: FixedArray<number>;
  private readonly mask: number;
  private tail = 0;
  constructor(size: number) {
    this.slots = new FixedArray<number>(size, 0);
    this.mask = size - 1;
  }
  push(v: number): number {
    const at = this.tail & this.mask;
    this.slots.set(at, v);
    this.tail++;
    return at;
  }
  wrap(x: number): number {
    return x & this.mask;
  }
}

// A wrap (u32) before the mask is set runs no code: the mask is known too.
class WordRing {
  private readonly slots: FixedArray<u32>;
  private readonly mask: number;
  constructor(size: number) {
    this.slots = new FixedArray<u32>(size, u32(7));
    this.mask = size - 1;
  }
  at(i: number): number {
    return this.slots.get(i & this.mask) + this.mask;
  }
}

// Two sizes: nothing is constant.
class Sized {
  readonly a: FixedArray<number>;
  constructor(readonly n: number) {
    this.a = new FixedArray<number>(n, 3);
  }
  last(): number {
    return this.a.get(this.n - 1) + this.n;
  }
}

// The parameter is changed before use: not the argument.
class Adjusted {
  readonly a: FixedArray<number>;
  constructor(n: number) {
    n = n + 2;
    this.a = new FixedArray<number>(n, 1);
  }
  last(): number {
    return this.a.get(this.a.length - 1) + this.a.length;
  }
}

// Extended: a subclass may pass other values.
class Parent {
  readonly a: FixedArray<number>;
  constructor(readonly n: number) {
    this.a = new FixedArray<number>(n, 4);
  }
  last(): number {
    return this.a.get(this.n - 1) + this.a.length;
  }
}
class Child extends Parent {
  constructor() {
    super(9);
  }
}

// Set after a call that could read it: not used.
class Late {
  readonly seen: number;
  readonly k: number;
  constructor(k: number) {
    this.seen = this.peek();
    this.k = k;
  }
  peek(): number {
    return 1;
  }
}

export function main(): void {
  const t = new Table(7);
  kprint`rem ${t.bump(23)} ${t.bump(-23)} ${t.bump(-7)} ${t.bump(0)} ${t.bump(-9007199254740991)}\n`;
  kprint`counts ${t.slots.get(2)} ${t.slots.get(5)} ${t.slots.get(0)} ${t.slots.length}\n`;
  const r = new Ring(8);
  let at = 0;
  for (let i = 0; i < 11; i++) at += r.push(i);
  kprint`ring ${at} ${r.wrap(-1)} ${r.wrap(0x7fffffff)} ${r.wrap(0x100000005)} ${r.wrap(-9)}\n`;
  kprint`words ${new WordRing(4).at(-1)} ${new WordRing(4).at(6)}\n`;
  kprint`sized ${new Sized(3).last()} ${new Sized(10).last()}\n`;
  kprint`adjusted ${new Adjusted(4).last()}\n`;
  kprint`parent ${new Parent(2).last()} ${new Child().last()}\n`;
  const l = new Late(5);
  kprint`late ${l.seen} ${l.k}\n`;
}
