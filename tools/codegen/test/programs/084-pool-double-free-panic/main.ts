// Freeing a pool object twice panics.
import { kprint, Pool } from '@unishyper/rt';

class Frame {
  n = 0;
}

export function main(): void {
  const pool = new Pool<Frame>(2, () => new Frame());
  const f = pool.alloc();
  if (f === null) return;
  kprint`allocated, in use ${pool.inUse()}\n`;
  pool.free(f);
  kprint`freed once, in use ${pool.inUse()}\n`;
  pool.free(f);
  kprint`unreachable\n`;
}
