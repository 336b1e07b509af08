// do-while: runs once even when the condition is false, break and
// continue (continue jumps to the condition).
import { idiv, kprint } from '@unishyper/rt';

export function main(): void {
  let n = 0;
  do {
    n++;
  } while (false);
  kprint`ran once: n = ${n}\n`;
  let i = 0;
  do {
    kprint`i = ${i}\n`;
    i += 2;
  } while (i < 7);
  let digits = 0;
  let v = 9007199254740991;
  do {
    digits++;
    v = idiv(v, 10);
  } while (v > 0);
  kprint`digits of 2^53-1 = ${digits}\n`;
  let zeroDigits = 0;
  let z = 0;
  do {
    zeroDigits++;
    z = idiv(z, 10);
  } while (z > 0);
  kprint`digits of 0 = ${zeroDigits}\n`;
  let k = 0;
  let visited = 0;
  do {
    k++;
    if (k === 3) continue;
    if (k === 6) break;
    visited += k;
  } while (k < 10);
  kprint`k = ${k}, visited sum = ${visited}\n`;
  let guard = 0;
  let c = 5;
  do {
    c--;
    guard++;
    if (c === 2) continue;
  } while (c > 0);
  kprint`continue re-checks the condition: c = ${c}, guard = ${guard}\n`;
}
