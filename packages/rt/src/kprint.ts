/**
 * `kprint`, the kernel's only formatted output: a tagged template.
 *
 *   kprint`tick ${n} at ${hex(addr)}\n`
 *
 * Numbers and bigints print in decimal, booleans as true/false, strings as
 * they are, `hex(x)` as lowercase hex with a `0x` prefix (negative values as
 * `-0x...`). No newline is added. Natively each piece becomes one
 * `rt_put_str/i64/u64/bool/hex` call and nothing is allocated.
 */
import { consoleWrite } from './console.js';
import { formatDecimal, formatHex } from './format.js';

/** A value marked to print in hex; made by `hex(x)`, only meaningful inside `kprint`. */
export class Hex {
  constructor(readonly value: number | bigint) {}
}

/** Marks `x` to print as hex in `kprint`. */
export function hex(x: number | bigint): Hex {
  return new Hex(x);
}

function formatValue(v: number | bigint | boolean | string | Hex): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Hex) return formatHex(v.value);
  return formatDecimal(v);
}

export function kprint(strings: TemplateStringsArray, ...values: Array<number | bigint | boolean | string | Hex>): void {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += formatValue(values[i]!) + (strings[i + 1] ?? '');
  consoleWrite(out);
}
