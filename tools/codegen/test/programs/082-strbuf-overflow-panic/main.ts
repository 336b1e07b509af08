// Appending past a StrBuf's capacity panics "StrBuf overflow".
import { kprint, StrBuf } from '@unishyper/rt';

export function main(): void {
  const b = new StrBuf(10);
  b.push('0123456');
  kprint`len ${b.len()}: ${b.toString()}\n`;
  b.pushNum(789);
  kprint`len ${b.len()}: ${b.toString()}\n`;
  b.pushByte(33);
  kprint`unreachable\n`;
}
