/**
 * Number formatting shared by `kprint`, panic messages and the simulator.
 * Internal: not part of the kernel API. Matches `rt_put_i64`/`rt_put_hex`.
 */

/** Decimal, as `kprint` prints numbers and bigints (`-0` prints `0`). */
export function formatDecimal(x: number | bigint): string {
  if (typeof x === 'number' && x === 0) return '0';
  return String(x);
}

/** Lowercase hex with a `0x` prefix, no padding; negatives as `-0x...`. */
export function formatHex(x: number | bigint): string {
  if (typeof x === 'number') {
    return x < 0 ? '-0x' + (-x).toString(16) : '0x' + x.toString(16);
  }
  return x < 0n ? '-0x' + (-x).toString(16) : '0x' + x.toString(16);
}
