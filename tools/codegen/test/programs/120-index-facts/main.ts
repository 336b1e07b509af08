// Bounds checks narrowed by how the index relates to the length of
// `this.arr` when the size differs between objects (index-facts.ts):
// `A % this.n` with n the length (directly, through a const local, through a
// one-line method) and `A & this.mask` with mask = length - 1. Every access
// here is in bounds; the -oob-style programs 121-123 show the checks that
// must stay.
import { FixedArray, kprint } from '@unishyper/rt';

class Table {
  readonly slots: FixedArray<number>;
  constructor(readonly buckets: number) {
    this.slots = new FixedArray<number>(buckets, 0);
  }
  private bucket(a: number): number {
    return (a >>> 0) % this.buckets;
  }
  direct(key: number): number {
    return this.slots.get(key % this.buckets);
  }
  viaLocal(key: number, v: number): number {
    const b = key % this.buckets;
    this.slots.set(b, this.slots.get(b) + v);
    return b;
  }
  viaMethod(a: number): number {
    this.slots.set(this.bucket(a), this.slots.get(this.bucket(a)) + 1);
    return this.bucket(a);
  }
  masked(x: number): number {
    return this.slots.get((x & 0x7fffffff) % this.buckets);
  }
}

class Ring {
  private readonly slots: FixedArray<number>;
  private readonly mask: number;
  private head = 0;
  private tail = 0;
  constructor(size: number) {
    this.slots = new FixedArray<number>(size, 0);
    this.mask = size - 1;
  }
  from(start: number): void {
    this.head = start;
    this.tail = start;
  }
  push(v: number): void {
    this.slots.set(this.tail & this.mask, v);
    this.tail++;
  }
  pop(): number {
    const at = this.head & this.mask;
    this.head++;
    return this.slots.get(at);
  }
}

// The field is the length plus one: no fact (program 123 goes out of range).
class Loose {
  readonly a: FixedArray<number>;
  readonly n: number;
  constructor(size: number) {
    this.a = new FixedArray<number>(size, 2);
    this.n = size + 1;
  }
  at(k: number): number {
    return this.a.get(k % this.n);
  }
}

export function main(): void {
  const t = new Table(7);
  const u = new Table(5);
  kprint`local ${t.viaLocal(23, 4)} ${t.viaLocal(30, 1)} ${u.viaLocal(9, 6)} ${u.viaLocal(0, 1)}\n`;
  kprint`direct ${t.direct(23)} ${t.direct(2)} ${u.direct(4)} ${u.direct(9007199254740991)}\n`;
  kprint`method ${t.viaMethod(-1)} ${t.viaMethod(-7)} ${u.viaMethod(0x7fffffff)} ${t.slots.get(3)}\n`;
  kprint`masked ${t.masked(-1)} ${u.masked(-5)} ${t.masked(0x80000002)}\n`;
  const r = new Ring(8);
  const s = new Ring(4);
  let sum = 0;
  for (let i = 0; i < 20; i++) {
    r.push(i);
    s.push(i * 10);
    if (i % 3 === 2) sum += r.pop() + s.pop();
  }
  kprint`ring ${sum} ${r.pop()} ${s.pop()}\n`;
  s.from(0x7ffffffe);
  for (let i = 0; i < 4; i++) s.push(100 + i);
  kprint`wrap ${s.pop()} ${s.pop()} ${s.pop()} ${s.pop()}\n`;
  s.from(-3);
  s.push(7);
  kprint`negative ${s.pop()}\n`;
  kprint`loose ${new Loose(3).at(2)} ${new Loose(6).at(12)}\n`;
}
