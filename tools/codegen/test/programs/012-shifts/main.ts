// << >> >>> : count masked to 5 bits, ToInt32 of the left operand,
// negative values, counts of 0, 31, 32, 33, negative counts.
import { kprint } from '@unishyper/rt';

function show(a: number, n: number): void {
  kprint`${a} by ${n}: << ${a << n}, >> ${a >> n}, >>> ${a >>> n}\n`;
}

export function main(): void {
  show(1, 0);
  show(1, 1);
  show(1, 31);
  show(1, 32);
  show(1, 33);
  show(1, -1);
  show(-1, 0);
  show(-1, 1);
  show(-1, 31);
  show(-1, 28);
  show(-16, 2);
  show(0x12345678, 4);
  show(0x12345678, 36);
  show(0x87654321, 4);
  show(0x80000000, 0);
  show(0x80000000, 31);
  show(4294967296, 1);
  show(4294967297, 1);
  show(9007199254740991, 3);
  show(-9007199254740991, 3);
  show(6442450944, 2);
  show(255, 24);
  show(3, 100);
  let v = 1;
  let steps = 0;
  while (v !== 0) {
    v = v << 1;
    steps++;
  }
  kprint`1 << k becomes 0 after ${steps} doublings\n`;
  let u = -1;
  let n = 0;
  while (u !== 0) {
    u = u >>> 1;
    n++;
  }
  kprint`-1 >>> 1 repeated reaches 0 after ${n} steps\n`;
}
