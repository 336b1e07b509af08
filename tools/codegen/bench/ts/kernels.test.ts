// The dialect kernels under Node, over rt's simulated RAM, against plain-JS
// references. The inputs are the ones bench/glue/*.c builds natively.
import { afterEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, load32, store32, store8 } from '@unishyper/rt';
import { inetChecksum } from './checksum.js';
import { crc32 } from './crc32.js';
import { fatWalk } from './fatwalk.js';
import { FixedArray } from '@unishyper/rt';
import { sha256Digest } from './sha256.js';
import { KERNELS } from '../lib/kernels.js';
import { nodeResult } from '../lib/node-run.js';
import { FAT_CHAIN, FAT_ENTRIES, benchFat, pattern, refChecksum, refCrc32 } from '../lib/reference.js';

const allocated: number[] = [];
afterEach(() => {
  while (allocated.length) freeBytes(allocated.pop()!);
});

function place(bytes: Uint8Array): number {
  const addr = allocBytes(Math.max(bytes.length, 1), 64);
  allocated.push(addr);
  bytes.forEach((b, i) => store8(addr + i, b));
  return addr;
}

describe('inetChecksum', () => {
  it('matches RFC 1071 section 3 example', () => {
    // Words 0001 f203 f4f5 f6f7 sum to ddf2 (big-endian); the checksum 220d,
    // read back little-endian, is 0x0d22.
    const addr = place(Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7));
    expect(inetChecksum(addr, 8)).toBe(0x0d22);
  });

  it.each([0, 1, 2, 3, 1001, 1500, 65536])('matches the reference over %i pattern bytes', (n) => {
    const b = pattern(n);
    expect(inetChecksum(place(b), n)).toBe(refChecksum(b));
  });

  it('folds a sum that exceeds 32 bits', () => {
    const b = new Uint8Array(200_000).fill(0xff); // 100000 words of 0xffff
    expect(inetChecksum(place(b), b.length)).toBe(refChecksum(b));
  });
});

describe('crc32', () => {
  it('gives the standard check value for "123456789"', () => {
    const b = new TextEncoder().encode('123456789');
    expect(crc32(place(b), b.length)).toBe(0xcbf43926);
  });

  it.each([0, 1, 7, 4096, 65536])('matches the bitwise reference over %i pattern bytes', (n) => {
    const b = pattern(n);
    expect(crc32(place(b), n)).toBe(refCrc32(b));
  });
});

describe('fatWalk', () => {
  const EOC = 0x0fffffff;

  /** A FAT in simulated RAM from an array of entries. */
  function placeFat(entries: number[]): number {
    const addr = allocBytes(entries.length * 4, 64);
    allocated.push(addr);
    entries.forEach((e, i) => store32(addr + i * 4, e));
    return addr;
  }

  function walk(fat: number, n: number, start: number): { ret: number; clusters: number; sum: number } {
    const out = allocBytes(8, 8);
    allocated.push(out);
    store32(out, 0);
    store32(out + 4, 0);
    const ret = fatWalk(fat, n, start, out);
    const view = (a: number) => Number(load32(a));
    return { ret, clusters: view(out), sum: view(out + 4) };
  }

  it('walks the benchmark chain', () => {
    const { entries, chain } = benchFat();
    const sum = chain.reduce((a, c) => a + c, 0) % 2 ** 32;
    const r = walk(placeFat(entries), FAT_ENTRIES, chain[0]);
    expect(r).toEqual({ ret: FAT_CHAIN, clusters: FAT_CHAIN, sum });
  });

  it('walks a one-cluster chain', () => {
    const fat = placeFat([0x0ffffff8, 0xffffffff, 0, 0x0ffffff8]);
    expect(walk(fat, 4, 3)).toEqual({ ret: 1, clusters: 1, sum: 3 });
  });

  it.each([
    ['a free link', [0, 0, 3, 0]],
    ['a bad cluster', [0, 0, 3, 0x0ffffff7]],
    ['an out-of-range link', [0, 0, 3, 9]],
    ['a cycle', [0, 0, 3, 2]],
  ])('returns -1 on %s', (_what, entries) => {
    expect(walk(placeFat(entries), entries.length, 2).ret).toBe(-1);
  });

  it('returns -1 for a start cluster outside the table', () => {
    const fat = placeFat([0, 0, EOC, 0]);
    expect(walk(fat, 4, 1).ret).toBe(-1);
    expect(walk(fat, 4, 4).ret).toBe(-1);
  });
});

describe('sha256', () => {
  const digest = (msg: string) => {
    const b = new TextEncoder().encode(msg);
    const out = new FixedArray<number>(8, 0);
    sha256Digest(place(b.length ? b : Uint8Array.of(0)), b.length, out);
    return Array.from({ length: 8 }, (_, i) => out.get(i).toString(16).padStart(8, '0')).join('');
  };

  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('gives the FIPS 180-4 digest of %j', (msg, want) => {
    expect(digest(msg)).toBe(want);
  });
});

describe('the k(buf, len, n) kernels under Node', () => {
  // The benchmark compares each native run with these results; here they
  // must at least be deterministic and leave no allocation behind.
  it.each(KERNELS.filter((k) => k.call).map((k) => [k.name, k] as const))('%s gives the same result twice', (_name, k) => {
    expect(nodeResult(k)).toBe(nodeResult(k));
  });
});
