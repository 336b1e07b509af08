/** Parsing of command arguments. */
import { strByteAt, strLen } from '@unishyper/rt';

/** Largest value parseCount accepts (keeps the result a safe integer). */
const MAX_COUNT = 1_000_000_000_000;

/** `s` as a decimal number of at most 13 digits, or -1 when it is not one (sign, empty, other characters). */
export function parseCount(s: string): number {
  const n = strLen(s);
  if (n === 0 || n > 13) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = strByteAt(s, i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v > MAX_COUNT ? -1 : v;
}
