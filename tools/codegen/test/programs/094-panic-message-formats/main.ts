// A panic raised deep in a call chain, inside a method, inside a loop;
// the message is a string held in a field.
import { kprint, panic } from '@unishyper/rt';

class Checker {
  reason: string;
  limit: number;
  constructor(reason: string, limit: number) {
    this.reason = reason;
    this.limit = limit;
  }
  check(depth: number): number {
    if (depth > this.limit) panic(this.reason);
    return depth + 1;
  }
}

function descend(c: Checker, depth: number): number {
  kprint`depth ${depth}\n`;
  return descend(c, c.check(depth));
}

export function main(): void {
  const c = new Checker('stack limit reached: ünïcode ok', 4);
  descend(c, 0);
}
