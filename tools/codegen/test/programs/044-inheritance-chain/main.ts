// Three levels of inheritance: super calls through every level, a method
// overridden at one level and inherited below, fields added at each level.
import { kprint } from '@unishyper/rt';

class A {
  a: number;
  constructor(a: number) {
    this.a = a;
    kprint`A(${a})\n`;
  }
  who(): string {
    return 'A';
  }
  value(): number {
    return this.a;
  }
  chain(): void {
    kprint`A.chain\n`;
  }
  hello(): void {
    kprint`hello from ${this.who()}, value ${this.value()}\n`;
  }
}

class B extends A {
  b: number;
  constructor(a: number, b: number) {
    super(a);
    this.b = b;
    kprint`B(${b})\n`;
  }
  override who(): string {
    return 'B';
  }
  override value(): number {
    return super.value() * 10 + this.b;
  }
  override chain(): void {
    kprint`B.chain -> `;
    super.chain();
  }
}

class C extends B {
  c: number;
  constructor(a: number, b: number, c: number) {
    super(a, b);
    this.c = c;
    kprint`C(${c})\n`;
  }
  override value(): number {
    return super.value() * 10 + this.c;
  }
  override chain(): void {
    kprint`C.chain -> `;
    super.chain();
  }
}

function show(x: A): void {
  x.hello();
  x.chain();
}

export function main(): void {
  const a = new A(1);
  const b = new B(1, 2);
  const c = new C(1, 2, 3);
  show(a);
  show(b);
  show(c);
  const asB: B = c;
  kprint`c as B: who ${asB.who()}, value ${asB.value()}, b ${asB.b}\n`;
}
