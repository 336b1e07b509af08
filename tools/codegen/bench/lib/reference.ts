// Plain-JS references: the inputs bench/glue/*.c builds, and what each kernel
// must return for them. Used by the Node check of the dialect kernels and by
// the native runs (so the C baselines are checked too).

import { KERNELS } from './kernels.js';
import { nodeResult } from './node-run.js';

/** bench/glue/pattern.h: xorshift32 (13, 17, 5), top byte of each state. */
export const PATTERN_SEED = 0x2545f491;
export const BUFFER_LEN = 65536;

export function pattern(n: number, seed = PATTERN_SEED): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** RFC 1071 over little-endian words, as stored: the u16 a kernel returns. */
export function refChecksum(b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i + 1 < b.length; i += 2) sum += b[i] | (b[i + 1] << 8);
  if (b.length % 2) sum += b[b.length - 1];
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** CRC-32 IEEE, bit by bit (no table, so it checks the kernels' tables). */
export function refCrc32(b: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of b) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export const FAT_ENTRIES = 65536;
export const FAT_CHAIN = 60000;
export const FAT32_EOC = 0x0fffffff;

/** bench/glue/fatwalk.c: a 64 Ki-entry FAT with one scattered 60000-cluster chain. */
export function benchFat(): { entries: number[]; chain: number[] } {
  const entries = new Array<number>(FAT_ENTRIES).fill(0);
  entries[0] = 0x0ffffff8;
  entries[1] = 0xffffffff;
  const chain: number[] = [];
  for (let i = 0; i < FAT_ENTRIES && chain.length < FAT_CHAIN; i++) {
    const c = (i * 40503 + 12345) % 0x10000;
    if (c >= 2) chain.push(c);
  }
  chain.forEach((c, k) => {
    const next = k + 1 < chain.length ? chain[k + 1] : FAT32_EOC;
    entries[c] = (next | ((k & 0xf) << 28)) >>> 0;
  });
  return { entries, chain };
}

/** What bench_run() returns in each glue, for the benchmark inputs. */
export function expectedResult(kernel: string): bigint {
  const call = KERNELS.find((k) => k.name === kernel && k.call);
  if (call) return nodeResult(call);
  switch (kernel) {
    case 'checksum':
      return BigInt(refChecksum(pattern(BUFFER_LEN)));
    case 'crc32':
      return BigInt(refCrc32(pattern(BUFFER_LEN)));
    case 'fatwalk': {
      const { chain } = benchFat();
      const sum = chain.reduce((a, c) => a + c, 0) % 2 ** 32;
      return (BigInt(chain.length) << 32n) | BigInt(sum);
    }
    default:
      throw new Error(`no reference for kernel '${kernel}'`);
  }
}
