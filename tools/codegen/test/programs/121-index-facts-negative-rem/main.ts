// `key % this.buckets` with buckets the array's length (index-facts.ts) is
// below the length, but a negative key gives a negative remainder: the check
// that stays must panic as rt_index_check does.
import { FixedArray, kprint } from '@unishyper/rt';

class Table {
  readonly slots: FixedArray<number>;
  constructor(readonly buckets: number) {
    this.slots = new FixedArray<number>(buckets, 1);
  }
  get(key: number): number {
    return this.slots.get(key % this.buckets);
  }
}

export function main(): void {
  const t = new Table(7);
  const u = new Table(3);
  kprint`in range ${t.get(20)} ${u.get(-3)}\n`;
  kprint`negative ${t.get(-10)}\n`;
}
