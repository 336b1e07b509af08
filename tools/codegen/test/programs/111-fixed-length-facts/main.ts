// The lowering reads a FixedArray's length once, or uses a constant, where
// the dialect proves the array cannot change (fixed-facts.ts). None of that
// may apply where the array can change: a readonly field assigned through a
// generic (TypeScript allows it), initialisers that disagree, a const local
// in a loop, a parameter that is reassigned, and a subclass redeclaring the
// field (one property, set by the subclass's initialiser after the base's).
// Every access here is in bounds for the array actually held, and out of
// bounds for the one a wrong fact would give.
import { FixedArray, kprint } from '@unishyper/rt';

class Fixed64 {
  readonly w = new FixedArray<number>(64, 1);
  sum(): number {
    let s = 0;
    const w = this.w;
    for (let t = 16; t < 64; t++) {
      w.set(t, w.get(t - 16) + w.get(t - 1));
      s += w.get(t) & 0xff;
    }
    return s + this.w.length;
  }
}

class Base {
  readonly buf = new FixedArray<number>(4, 7);
  last(): number {
    return this.buf.get(this.buf.length - 1);
  }
}

class Shorter extends Base {
  override readonly buf = new FixedArray<number>(2, 9);
}

class Either {
  readonly a: FixedArray<number>;
  constructor(big: boolean) {
    if (big) this.a = new FixedArray<number>(12, 5);
    else this.a = new FixedArray<number>(2, 6);
  }
}

class Swapped {
  readonly items = new FixedArray<number>(2, 1);
}

function replaceItems<T extends { items: FixedArray<number> }>(x: T): void {
  x.items = new FixedArray<number>(6, 2);
}

function maybeArray(make: boolean): FixedArray<number> | null {
  return make ? new FixedArray<number>(3, 4) : null;
}

/** A nullable const local or parameter (same C type as a FixedArray) must not have its length read while null. */
function nullable(a: FixedArray<number> | null, make: boolean): number {
  const b = maybeArray(make);
  let s = 0;
  if (a !== null) s += a.length;
  if (b !== null) s += b.get(b.length - 1);
  return s;
}

function sumAll(a: FixedArray<number>, b: FixedArray<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a.get(i);
  a = b; // reassigned: its length is read again
  for (let i = 0; i < a.length; i++) s += a.get(i);
  return s;
}

export function main(): void {
  kprint`fixed ${new Fixed64().sum()}\n`;
  kprint`base ${new Base().last()} ${new Shorter().last()}\n`;
  kprint`either ${new Either(true).a.get(11)} ${new Either(false).a.length}\n`;
  const s = new Swapped();
  replaceItems(s);
  kprint`swapped ${s.items.length} ${s.items.get(5)}\n`;
  let total = 0;
  for (let n = 1; n <= 3; n++) {
    const a = new FixedArray<number>(n, n);
    total += a.get(n - 1) * a.length;
  }
  kprint`nullable ${nullable(null, false)} ${nullable(maybeArray(true), true)}\n`;
  kprint`locals ${total} ${sumAll(new FixedArray<number>(2, 1), new FixedArray<number>(5, 10))}\n`;
}
