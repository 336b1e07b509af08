// Module-level readonly const tables of numbers, read by constant and
// computed indices, from loops and from other functions; `.length`.
import { kprint, u8 } from '@unishyper/rt';
import { CRC_SEEDS, powerOfTen } from './tables';

const PRIMES: readonly number[] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29];
const DAYS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const NEG: readonly number[] = [-1, -9007199254740991, 9007199254740991, 0];
const HEXCHARS: readonly number[] = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

function dayOfYear(month: number, day: number): number {
  let d = day;
  for (let m = 0; m < month - 1; m++) d += DAYS[m];
  return d;
}

export function main(): void {
  kprint`PRIMES[0] = ${PRIMES[0]}, PRIMES[9] = ${PRIMES[9]}, length = ${PRIMES.length}\n`;
  let sum = 0;
  for (let i = 0; i < PRIMES.length; i++) sum += PRIMES[i];
  kprint`sum of primes = ${sum}\n`;
  kprint`day of year for Dec 31 = ${dayOfYear(12, 31)}, Mar 1 = ${dayOfYear(3, 1)}\n`;
  kprint`NEG: ${NEG[0]} ${NEG[1]} ${NEG[2]} ${NEG[3]}\n`;
  let hexDigits = 0;
  for (let i = 0; i < HEXCHARS.length; i++) hexDigits = hexDigits * 2 + (HEXCHARS[i] >= 97 ? 1 : 0);
  kprint`letter mask = ${hexDigits}\n`;
  const idx = PRIMES[3] - 5;
  kprint`PRIMES[PRIMES[3] - 5] = ${PRIMES[idx]}\n`;
  kprint`imported: ${CRC_SEEDS[1]} ${powerOfTen(5)} ${u8(CRC_SEEDS[2])}\n`;
}
