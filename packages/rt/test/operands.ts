/** Edge operands shared by the unit tests and the native differential test. */

/** Safe-integer edges: 0, +-1, byte/halfword/word limits, 2^31, 2^32-1, 2^53-1. */
export const NUMBERS: readonly number[] = [
  0, 1, -1, 2, -2, 3, 7, -7, 10, -10, 16, 31, 32, 33, 63, 64, 65,
  127, 128, -128, -129, 255, 256, -255, -256,
  0x7fff, 0x8000, -0x8000, -0x8001, 0xffff, 0x10000,
  0x7fff_ffff, 0x8000_0000, -0x8000_0000, -0x8000_0001, 0xffff_ffff, -0xffff_ffff,
  0x1_0000_0000, 0x1_0000_0001, -0x1_0000_0000,
  0x1234_5678, -0x1234_5678, 0xdead_beef, 0x8765_4321,
  1234567890123, -987654321987, 2 ** 52, -(2 ** 52), 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53 - 2,
];

/** 64-bit patterns as unsigned values (u64 operands). */
export const U64S: readonly bigint[] = [
  0n, 1n, 2n, 3n, 10n, 0xffn, 0x7fff_ffffn, 0x8000_0000n, 0xffff_ffffn, 0x1_0000_0000n,
  2n ** 53n - 1n, 2n ** 53n, 0x0123_4567_89ab_cdefn, 0xfedc_ba98_7654_3210n,
  2n ** 63n - 1n, 2n ** 63n, 2n ** 63n + 1n, 2n ** 64n - 2n, 2n ** 64n - 1n,
];

/** The same patterns as signed values (i64 operands). */
export const I64S: readonly bigint[] = U64S.map((x) => BigInt.asIntN(64, x));

/** Shift and rotate counts: 0..70 and some that only their low bits make sense of. */
export const SHIFTS: readonly number[] = [
  ...Array.from({ length: 71 }, (_, i) => i),
  -1, -2, -31, -32, -33, -63, -64, -65, 127, 128, 2 ** 31, 2 ** 32 + 5, 2 ** 53 - 1, -(2 ** 53 - 1),
];
