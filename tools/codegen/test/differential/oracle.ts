/**
 * The generator's own model of the dialect, in exact BigInt arithmetic: the
 * third oracle beside Node and the native build. Every function here follows
 * docs/lowering-contract.md (and JS semantics for the operators) written out
 * from first principles, never by calling the rt package.
 */

export const SAFE_MAX = (1n << 53n) - 1n;
export const SAFE_MIN = -SAFE_MAX;
export const U64_MAX = (1n << 64n) - 1n;
export const I64_MIN = -(1n << 63n);
export const I64_MAX = (1n << 63n) - 1n;
export const I32_MIN = -(1n << 31n);
export const I32_MAX = (1n << 31n) - 1n;
export const U32_MAX = (1n << 32n) - 1n;

export function isSafe(x: bigint): boolean {
  return x >= SAFE_MIN && x <= SAFE_MAX;
}

/** Exactly the JS ToInt32 of a safe integer. */
export const toInt32 = (x: bigint): bigint => BigInt.asIntN(32, x);
/** Exactly the JS ToUint32 of a safe integer. */
export const toUint32 = (x: bigint): bigint => BigInt.asUintN(32, x);
export const wrapU = (bits: number, x: bigint): bigint => BigInt.asUintN(bits, x);
export const wrapI = (bits: number, x: bigint): bigint => BigInt.asIntN(bits, x);

/** JS shift-count masking for `number` shifts: ToUint32(n) & 31. */
export const shiftCount32 = (n: bigint): bigint => toUint32(n) & 31n;

/** Truncating division / remainder (C and JS `%` semantics), b != 0. */
export function truncDiv(a: bigint, b: bigint): bigint {
  return a / b; // BigInt division truncates toward zero
}
export function truncRem(a: bigint, b: bigint): bigint {
  return a % b; // sign of the dividend
}

export function clz32(x: bigint): bigint {
  const u = toUint32(x);
  if (u === 0n) return 32n;
  return BigInt(32 - u.toString(2).length);
}

export function ctz32(x: bigint): bigint {
  let u = toUint32(x);
  if (u === 0n) return 32n;
  let n = 0n;
  while ((u & 1n) === 0n) {
    u >>= 1n;
    n++;
  }
  return n;
}

export function popcnt32(x: bigint): bigint {
  let u = toUint32(x);
  let n = 0n;
  while (u !== 0n) {
    n += u & 1n;
    u >>= 1n;
  }
  return n;
}

/** Byte-swap the low `bytes` bytes of x. */
export function bswap(bytes: number, x: bigint): bigint {
  let u = wrapU(bytes * 8, x);
  let r = 0n;
  for (let i = 0; i < bytes; i++) {
    r = (r << 8n) | (u & 0xffn);
    u >>= 8n;
  }
  return r;
}

export function rotl32(x: bigint, n: bigint): bigint {
  const u = toUint32(x);
  const k = shiftCount32(n);
  return toUint32((u << k) | (u >> ((32n - k) & 31n)));
}

export function rotr32(x: bigint, n: bigint): bigint {
  const u = toUint32(x);
  const k = shiftCount32(n);
  return toUint32((u >> k) | (u << ((32n - k) & 31n)));
}

/** How kprint prints a boolean. */
export const fmtBool = (b: boolean): string => (b ? 'true' : 'false');

/**
 * How `${hex(x)}` prints: lowercase, `0x` prefix, no padding. For a negative
 * value the sign comes first (`-0x1f`), as JS `'-0x' + (-x).toString(16)`
 * would read; see HEX_NEGATIVE_CHECKED.
 */
export function fmtHex(x: bigint): string {
  return x < 0n ? `-0x${(-x).toString(16)}` : `0x${x.toString(16)}`;
}

/**
 * Whether the generator predicts `hex()` of a negative value. The contract
 * only says "lowercase, 0x prefix, no padding"; rt's kprint documents
 * negatives as `-0x...`. Set to false to run such cases unchecked (Node and
 * native must still agree).
 */
export const HEX_NEGATIVE_CHECKED = true;

/** Little-endian bytes of the low `width` bytes of x. */
export function leBytes(width: number, x: bigint): number[] {
  const out: number[] = [];
  let u = wrapU(width * 8, x);
  for (let i = 0; i < width; i++) {
    out.push(Number(u & 0xffn));
    u >>= 8n;
  }
  return out;
}

/** Little-endian load of `width` bytes at `off` from a byte array. */
export function leLoad(mem: readonly number[], off: number, width: number): bigint {
  let r = 0n;
  for (let i = width - 1; i >= 0; i--) {
    const b = mem[off + i];
    if (b === undefined) throw new RangeError(`leLoad out of range: ${off}+${i}`);
    r = (r << 8n) | BigInt(b);
  }
  return r;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
