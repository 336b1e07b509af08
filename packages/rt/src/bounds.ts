/**
 * Index checks. `checkIndex(i, len)` returns `i` when `0 <= i < len` and
 * otherwise panics `index <i> out of bounds for length <len>`, the message
 * FixedArray, strings and Vec share (natively `rt_checkIndex`, and
 * `rt_index_check` where the compiler knows the source location).
 */
import { formatDecimal } from './format.js';
import { panic } from './panic.js';

export function checkIndex(i: number, len: number): number {
  if (!(Number.isInteger(i) && i >= 0 && i < len)) {
    panic(`index ${formatDecimal(i)} out of bounds for length ${formatDecimal(len)}`);
  }
  return i;
}
