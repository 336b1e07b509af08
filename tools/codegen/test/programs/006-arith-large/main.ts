// number arithmetic near the edges of the safe-integer domain.
import { kprint } from '@unishyper/rt';

const MAX = 9007199254740991; // 2^53 - 1
const MIN = -9007199254740991;

export function main(): void {
  kprint`MAX = ${MAX}\n`;
  kprint`MIN = ${MIN}\n`;
  kprint`MAX - 1 = ${MAX - 1}\n`;
  kprint`MIN + 1 = ${MIN + 1}\n`;
  kprint`MAX + MIN = ${MAX + MIN}\n`;
  kprint`-MAX = ${-MAX}\n`;
  kprint`MAX % 1000000007 = ${MAX % 1000000007}\n`;
  kprint`MIN % 1000000007 = ${MIN % 1000000007}\n`;
  kprint`MAX % 2 = ${MAX % 2}\n`;
  const big = 4294967296; // 2^32
  kprint`2^32 = ${big}\n`;
  kprint`2^32 * 2^20 = ${big * 1048576}\n`;
  kprint`2^32 * 2^20 * 2 - 1 = ${big * 1048576 * 2 - 1}\n`;
  kprint`(2^26+1)^2 = ${67108865 * 67108865}\n`;
  kprint`94906265^2 = ${94906265 * 94906265}\n`;
  const addrBase = 0x4000_0000_0000;
  kprint`addrBase = ${addrBase}\n`;
  kprint`addrBase + 0xfff = ${addrBase + 0xfff}\n`;
  kprint`page index = ${(addrBase + 0x12345) % 4096}\n`;
  let acc = 0;
  for (let i = 0; i < 100; i++) acc += 90071992547409;
  kprint`acc = ${acc}\n`;
  kprint`acc - MAX = ${acc - MAX}\n`;
  kprint`0x1fffffffffffff = ${0x1fffffffffffff}\n`;
  kprint`1e15 = ${1e15}\n`;
  kprint`-1e15 * 9 = ${-1e15 * 9}\n`;
}
