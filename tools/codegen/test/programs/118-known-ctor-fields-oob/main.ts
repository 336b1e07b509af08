// A ring built only with size 0 has a known length 0 and mask -1
// (ctor-facts.ts): `tail & mask` is then the tail itself, and every access
// must still panic with the same message.
import { FixedArray, kprint } from '@unishyper/rt';

class Ring {
  private readonly slots: FixedArray<number>;
  private readonly mask: number;
  private tail = 5;
  constructor(size: number) {
    this.slots = new FixedArray<number>(size, 0);
    this.mask = size - 1;
  }
  push(v: number): void {
    this.slots.set(this.tail & this.mask, v);
    this.tail++;
  }
}

export function main(): void {
  const r = new Ring(0);
  kprint`before\n`;
  r.push(1);
  kprint`after\n`;
}
