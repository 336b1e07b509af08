// Sieve of Eratosthenes over a FixedArray<boolean>: loops, indexing,
// arithmetic, a count checked against known values.
import { FixedArray, kprint } from '@unishyper/rt';

function sieve(n: number): FixedArray<boolean> {
  const composite = new FixedArray<boolean>(n + 1, false);
  composite.set(0, true);
  composite.set(1, true);
  for (let p = 2; p * p <= n; p++) {
    if (composite.get(p)) continue;
    for (let m = p * p; m <= n; m += p) composite.set(m, true);
  }
  return composite;
}

function countPrimes(c: FixedArray<boolean>, upTo: number): number {
  let n = 0;
  for (let i = 0; i <= upTo; i++) if (!c.get(i)) n++;
  return n;
}

export function main(): void {
  const c = sieve(100000);
  kprint`primes below 100: ${countPrimes(c, 100)}\n`;
  kprint`primes below 1000: ${countPrimes(c, 1000)}\n`;
  kprint`primes below 100000: ${countPrimes(c, 100000)}\n`;
  kprint`first primes:`;
  let shown = 0;
  for (let i = 0; shown < 12; i++) {
    if (!c.get(i)) {
      kprint` ${i}`;
      shown++;
    }
  }
  kprint`\n`;
  let largest = 0;
  for (let i = 100000; i >= 0; i--) {
    if (!c.get(i)) {
      largest = i;
      break;
    }
  }
  kprint`largest prime <= 100000: ${largest}\n`;
  let twins = 0;
  for (let i = 3; i + 2 <= 100000; i += 2) if (!c.get(i) && !c.get(i + 2)) twins++;
  kprint`twin prime pairs: ${twins}\n`;
}
