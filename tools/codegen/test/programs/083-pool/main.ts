// Pool<T>: a fixed set of objects made by a closure; alloc returns null
// when exhausted; freed objects are reused last-freed first.
import { kprint, Pool } from '@unishyper/rt';

class Buffer {
  serial: number;
  data = 0;
  constructor(serial: number) {
    this.serial = serial;
  }
}

export function main(): void {
  let made = 0;
  const pool = new Pool<Buffer>(3, () => {
    made++;
    return new Buffer(made);
  });
  kprint`made ${made}, capacity ${pool.capacity}, in use ${pool.inUse()}\n`;
  const a = pool.alloc();
  const b = pool.alloc();
  const c = pool.alloc();
  const d = pool.alloc();
  kprint`a ${a === null ? -1 : a.serial}, b ${b === null ? -1 : b.serial}, c ${c === null ? -1 : c.serial}, d is null: ${d === null}\n`;
  kprint`in use ${pool.inUse()}\n`;
  if (a !== null && b !== null) {
    a.data = 111;
    pool.free(b);
    pool.free(a);
    kprint`freed a and b, in use ${pool.inUse()}\n`;
    const e = pool.alloc();
    if (e !== null) kprint`next alloc gets serial ${e.serial} with data ${e.data} (same object as a: ${e === a})\n`;
    const f = pool.alloc();
    if (f !== null) kprint`then serial ${f.serial} (same object as b: ${f === b})\n`;
  }
  kprint`in use ${pool.inUse()}, made ${made}\n`;
  let cycles = 0;
  for (let i = 0; i < 100; i++) {
    const x = pool.alloc();
    if (x === null) {
      cycles++;
      if (c !== null) {
        pool.free(c);
        const y = pool.alloc();
        if (y !== null) pool.free(y);
        const z = pool.alloc();
        if (z !== c) kprint`unexpected object\n`;
      }
    } else {
      pool.free(x);
    }
  }
  kprint`exhausted cycles ${cycles}, in use ${pool.inUse()}, made ${made}\n`;
}
