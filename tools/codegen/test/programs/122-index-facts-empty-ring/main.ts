// With mask = length - 1 (index-facts.ts), `tail & mask` is in range unless
// the ring is empty: mask -1 keeps every bit, and the check must still panic.
import { FixedArray, kprint } from '@unishyper/rt';

class Ring {
  private readonly slots: FixedArray<number>;
  private readonly mask: number;
  private tail = 5;
  constructor(size: number) {
    this.slots = new FixedArray<number>(size, 0);
    this.mask = size - 1;
  }
  push(v: number): number {
    this.slots.set(this.tail & this.mask, v);
    this.tail++;
    return this.tail;
  }
}

export function main(): void {
  const full = new Ring(4);
  const empty = new Ring(0);
  kprint`sized ${full.push(1)}\n`;
  kprint`empty ${empty.push(1)}\n`;
}
