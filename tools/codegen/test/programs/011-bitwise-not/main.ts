// ~ with ToInt32 semantics.
import { kprint } from '@unishyper/rt';

function show(x: number): void {
  kprint`~${x} = ${~x}, ~~${x} = ${~~x}\n`;
}

export function main(): void {
  show(0);
  show(-1);
  show(1);
  show(255);
  show(2147483647);
  show(-2147483648);
  show(2147483648);
  show(4294967295);
  show(4294967296);
  show(9007199254740991);
  show(-9007199254740991);
  show(1099511627776);
  show(1099511627775);
  const mask = ~0xfff;
  kprint`mask = ${mask}, 0x12345678 & mask = ${0x12345678 & mask}\n`;
  kprint`(~mask) >>> 0 = ${(~mask) >>> 0}\n`;
  kprint`~mask >>> 0 = ${~mask >>> 0}, ~(mask >>> 0) = ${~(mask >>> 0)}\n`;
}
