// Bitwise operators applied to large number values (up to 2^53-1): the
// operands are reduced with ToInt32 first, as in JS.
import { kprint } from '@unishyper/rt';

const MAX = 9007199254740991;

export function main(): void {
  kprint`MAX | 0 = ${MAX | 0}\n`;
  kprint`(MAX - 1) | 0 = ${(MAX - 1) | 0}\n`;
  kprint`MAX >>> 0 = ${MAX >>> 0}\n`;
  kprint`-MAX | 0 = ${-MAX | 0}\n`;
  kprint`-MAX >>> 0 = ${-MAX >>> 0}\n`;
  kprint`2^32 | 0 = ${4294967296 | 0}\n`;
  kprint`(2^32 + 2^31) | 0 = ${6442450944 | 0}\n`;
  kprint`(2^32 + 2^31) >>> 0 = ${6442450944 >>> 0}\n`;
  kprint`(2^40 + 12345) & 0xffff = ${(1099511627776 + 12345) & 0xffff}\n`;
  kprint`-(2^40 + 12345) & 0xffff = ${-(1099511627776 + 12345) & 0xffff}\n`;
  const addr = 0x1234_5678_9abc;
  kprint`low 32 of addr = ${addr >>> 0}\n`;
  kprint`addr & 0xfff = ${addr & 0xfff}\n`;
  kprint`addr >> 12 = ${addr >> 12}\n`;
  kprint`addr >>> 12 = ${addr >>> 12}\n`;
  // high part of a 48-bit value without bit operators on it
  const hi = (addr - (addr >>> 0)) % 4294967296;
  kprint`addr high part / 2^32 remainder = ${hi}\n`;
  kprint`addr - low = ${addr - (addr >>> 0)}\n`;
  let x = MAX;
  let bits = 0;
  for (let i = 0; i < 3; i++) {
    bits = bits + ((x & 1) === 1 ? 1 : 0);
    x = x - 1;
  }
  kprint`bits = ${bits}\n`;
  kprint`-1 >>> 0 = ${-1 >>> 0}\n`;
  kprint`-4294967296 | 0 = ${-4294967296 | 0}\n`;
  kprint`-4294967297 | 0 = ${-4294967297 | 0}\n`;
  kprint`-2147483649 | 0 = ${-2147483649 | 0}\n`;
  kprint`2147483648 ^ 0 = ${2147483648 ^ 0}\n`;
}
