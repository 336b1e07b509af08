// A remainder by a field that is the length plus one is no proof
// (index-facts.ts matches only the length itself): index 3 of 3 must panic.
import { FixedArray, kprint } from '@unishyper/rt';

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
  const other = new Loose(5);
  const l = new Loose(3);
  kprint`in range ${l.at(2)} ${other.at(4)}\n`;
  kprint`past ${l.at(3)}\n`;
}
