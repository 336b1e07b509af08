// release(obj) hands objects and arrays back; the program only uses live
// objects afterwards.
import { FixedArray, kprint, release } from '@unishyper/rt';

class Conn {
  id: number;
  constructor(id: number) {
    this.id = id;
  }
}

export function main(): void {
  let total = 0;
  for (let i = 0; i < 1000; i++) {
    const c = new Conn(i);
    total += c.id;
    release(c);
  }
  kprint`total ids ${total}\n`;
  for (let round = 0; round < 50; round++) {
    const a = new FixedArray<number>(64, round);
    total += a.get(63);
    release(a);
  }
  kprint`total after arrays ${total}\n`;
  const keep = new Conn(7);
  const tmp = new Conn(8);
  release(tmp);
  kprint`kept ${keep.id}\n`;
}
