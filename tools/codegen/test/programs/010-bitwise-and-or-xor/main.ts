// & | ^ with JS ToInt32 semantics: negative operands, operands beyond 32
// bits, results that come out negative.
import { kprint } from '@unishyper/rt';

function show(a: number, b: number): void {
  kprint`${a} & ${b} = ${a & b}; | = ${a | b}; ^ = ${a ^ b}\n`;
}

export function main(): void {
  show(12, 10);
  show(0, 0);
  show(-1, 0x1234);
  show(-1, -1);
  show(-8, 7);
  show(-8, -3);
  show(0x7fffffff, 1);
  show(0x80000000, 0);
  show(0xffffffff, 0);
  show(0xffffffff, 0xf0f0f0f0);
  show(4294967296, 5);
  show(4294967301, 4294967303);
  show(9007199254740991, 0xffff);
  show(9007199254740991, 0);
  show(-9007199254740991, 0);
  show(123456789012345, -1);
  show(-123456789012345, 0xff);
  show(2147483648, 2147483648);
  let h = 0;
  for (let i = 0; i < 20; i++) {
    h = (h ^ (i * 2654435761)) | 0;
    h = h & 0x7fffffff;
  }
  kprint`h = ${h}\n`;
}
