// A constructor may read its own parameter properties as plain values (valid
// TypeScript), also in a generic class, in a super(...) argument and inside an
// arrow function passed from the body: the name is the parameter.
import { FixedArray, kprint } from '@unishyper/rt';

class Entry {
  constructor(readonly key: number) {}
}

function twice(f: (x: number) => number, x: number): number {
  return f(f(x));
}

class Base {
  constructor(readonly size: number) {}
}

class Table<T> extends Base {
  index: FixedArray<T | null>;
  mask: number;
  constructor(private readonly buckets: number, public scale: number, fill: T | null) {
    super(buckets * 2);
    this.index = new FixedArray<T | null>(buckets, fill);
    this.mask = twice((x) => x + buckets, buckets) - 1;
    scale = scale * 2; // assigning the parameter does not change the property
  }
  total(): number {
    return this.buckets * this.scale + this.size;
  }
}

export function main(): void {
  const t = new Table<Entry>(8, 3, null);
  t.index.set(7, new Entry(5));
  kprint`${t.index.length} ${t.mask} ${t.total()} ${t.index.get(7)!.key}\n`;
}
