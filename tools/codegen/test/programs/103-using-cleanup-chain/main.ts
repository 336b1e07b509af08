// Every `using` of an object also pushes a clean-up record on the running
// thread's chain (natively; rt_cleanup.h), which each exit from its scope
// pops. After returns, breaks, continues and labelled breaks out of nested
// scopes the chain must be empty again: runCleanups finds nothing to run
// (a stale record would be run here, disposing of an object twice). Under
// Node there is no chain and the count is 0 by definition.
import { cleanupSlot, kprint, runCleanups } from '@unishyper/rt';

const ANY_ADDRESS = 0x1_0000_0000_0000; // 2^48: above every user-space address
let disposed = 0;

class Res {
  constructor(readonly id: number) {}
  [Symbol.dispose](): void {
    disposed++;
  }
}

function left(): number {
  return runCleanups(cleanupSlot(), 0, ANY_ADDRESS);
}

function returnFromInner(stop: number): number {
  using a = new Res(1);
  for (let i = 0; i < 4; i++) {
    using b = new Res(10 + i);
    if (i === stop) return b.id;
  }
  return a.id;
}

function loops(): void {
  outer: for (let i = 0; i < 3; i++) {
    using o = new Res(100 + i);
    for (let j = 0; j < 3; j++) {
      using n = new Res(200 + j);
      if (j === 0) continue;
      if (i === 1) break outer;
      if (j === 1) break;
    }
  }
}

function notOwned(r: Res): number {
  using borrowed = r; // disposed, not freed
  return borrowed.id;
}

export function main(): void {
  kprint`return from inner: ${returnFromInner(2)}, left ${left()}\n`;
  kprint`return at end: ${returnFromInner(9)}, left ${left()}\n`;
  loops();
  kprint`loops: left ${left()}\n`;
  const r = new Res(7);
  kprint`borrowed: ${notOwned(r)}, left ${left()}\n`;
  {
    using x = new Res(8);
    kprint`in a block: ${x.id}\n`;
  }
  kprint`block: left ${left()}, disposed ${disposed}\n`;
}
