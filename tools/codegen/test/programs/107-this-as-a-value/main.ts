// `this` kept in a local (`const me = this;`) has the class's type, in a
// plain class and in a generic one, and an escaping closure may capture it.
import { kprint } from '@unishyper/rt';

class Counter {
  private n = 0;
  bump(): number {
    this.n++;
    return this.n;
  }
  /** A closure that outlives the call, bumping this counter. */
  bumper(): () => number {
    const me = this;
    return () => me.bump() * 10;
  }
}

class Box<T> {
  constructor(readonly item: T) {}
  self(): Box<T> {
    const me = this;
    return me;
  }
}

export function main(): void {
  const c = new Counter();
  const f = c.bumper();
  const a = f();
  const b = f();
  const box = new Box<number>(41);
  kprint`${a} ${b} ${c.bump()} ${box.self().item + 1}\n`;
}
