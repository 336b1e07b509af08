export const CRC_SEEDS: readonly number[] = [0, 0xedb88320, 0x1ff];

const POW10: readonly number[] = [1, 10, 100, 1000, 10000, 100000, 1000000];

export function powerOfTen(n: number): number {
  return POW10[n];
}
