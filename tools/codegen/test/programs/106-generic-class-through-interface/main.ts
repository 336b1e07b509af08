// A generic class that matches an interface only once instantiated (it never
// names the interface: structural typing, as a driver package does for an
// interface its consumer declares) is found by the interface's dispatch.
import { kprint } from '@unishyper/rt';

class Item {
  constructor(readonly value: number) {}
  /** More than the provider's constraint knows of: Counter<T> as declared does not return Items. */
  twice(): number {
    return this.value * 2;
  }
}

class Shelf {
  constructor(readonly item: Item) {}
}

/** Declared by the consumer. */
interface Source {
  next(): Item | null;
  count(): number;
  restock(from: Shelf): void;
}

/** What the provider needs of an item, without knowing Item. */
interface Valued {
  readonly value: number;
}

/** What the provider needs of a shelf, without knowing Shelf. */
interface Holder<X> {
  readonly item: X;
}

class Counter<T extends Valued, S extends Holder<T>> {
  private served = 0;
  constructor(private a: T, private readonly b: T) {}
  next(): T | null {
    this.served++;
    return this.served === 1 ? this.a : this.served === 2 ? this.b : null;
  }
  count(): number {
    return this.served;
  }
  restock(from: S): void {
    this.a = from.item;
    this.served = 0;
  }
}

class Empty {
  next(): Item | null {
    return null;
  }
  count(): number {
    return 0;
  }
  restock(_from: Shelf): void {}
}

function drain(s: Source): number {
  let sum = 0;
  for (let it = s.next(); it !== null; it = s.next()) sum += it.value;
  s.restock(new Shelf(new Item(7)));
  const again = s.next();
  return sum * 100 + s.count() * 10 + (again === null ? 0 : again.value);
}

export function main(): void {
  kprint`${drain(new Counter<Item, Shelf>(new Item(4), new Item(5)))} ${drain(new Empty())}\n`;
}
