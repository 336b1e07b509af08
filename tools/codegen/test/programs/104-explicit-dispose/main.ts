// `x[Symbol.dispose]()` called explicitly: how an owner disposes of the
// objects it holds in fields (what `using` does for locals), on a class, on
// a subclass that overrides it (dispatch), and through an interface.
import { kprint } from '@unishyper/rt';

let log = 0;

interface Closable {
  [Symbol.dispose](): void;
}

class Buffer {
  constructor(readonly id: number) {}
  [Symbol.dispose](): void {
    log = log * 10 + this.id;
  }
}

class LoudBuffer extends Buffer {
  override [Symbol.dispose](): void {
    log = log * 10 + 9;
    super[Symbol.dispose]();
  }
}

class Owner {
  readonly a = new Buffer(1);
  readonly b: Buffer = new LoudBuffer(2);
  readonly c: Closable = new Buffer(3);
  [Symbol.dispose](): void {
    this.c[Symbol.dispose]();
    this.b[Symbol.dispose]();
    this.a[Symbol.dispose]();
  }
}

export function main(): number {
  const o = new Owner();
  o[Symbol.dispose]();
  kprint`disposed in order: ${log}\n`;
  return log === 3921 ? 0 : 1;
}
