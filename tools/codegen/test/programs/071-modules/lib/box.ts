// A generic class in its own module.
export class Holder<T> {
  item: T;
  changes = 0;
  constructor(item: T) {
    this.item = item;
  }
  replace(v: T): T {
    const old = this.item;
    this.item = v;
    this.changes++;
    return old;
  }
}
