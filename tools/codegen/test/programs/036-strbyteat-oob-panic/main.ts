// strByteAt past the end panics with the index and the byte length.
import { kprint, strByteAt, strLen } from '@unishyper/rt';

export function main(): void {
  const s = 'añb';
  kprint`len = ${strLen(s)}\n`;
  let sum = 0;
  for (let i = 0; i <= strLen(s); i++) {
    kprint`reading byte ${i}\n`;
    sum += strByteAt(s, i);
  }
  kprint`unreachable ${sum}\n`;
}
