/**
 * The differential-semantics suite: >= 100,000 generated cases covering every
 * operator and intrinsic, run under Node, natively for aarch64 (qemu-aarch64
 * user mode) and as a host build with ASan+UBSan; every output must equal the
 * others and the generator's own BigInt prediction, line for line.
 *
 * Environment: DIFF_SEED, DIFF_CHUNK_SIZE override the defaults; DIFF_CC=clang
 * builds the aarch64 side with clang; DIFF_NODE_ONLY=1 skips the native
 * targets (otherwise a missing build API is a failure); DIFF_VERBOSE=1 logs
 * every program as it completes.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_SIZE, DEFAULT_OUT, DEFAULT_SEED, buildCases, planChunks, renderProgram, type OpCases } from './generate';
import * as O from './oracle';
import { OPS, type OpDef, type Operand } from './ops';
import { runSuite, summary, type SuiteResult } from './run';

const seed = Number(process.env['DIFF_SEED'] ?? DEFAULT_SEED);
const chunkSize = Number(process.env['DIFF_CHUNK_SIZE'] ?? DEFAULT_CHUNK_SIZE);
const nodeOnly = process.env['DIFF_NODE_ONLY'] === '1';
const cc = process.env['DIFF_CC'] === 'clang' ? 'clang' : 'gcc';

const byName = new Map<string, OpDef>(OPS.map((o) => [o.name, o]));
function op(name: string): OpDef {
  const o = byName.get(name);
  if (o === undefined) throw new Error(`no op ${name}`);
  return o;
}
const expectOf = (name: string, ...args: Operand[]): unknown => op(name).expect(args);

describe('generator oracle', () => {
  it('predicts hand-checked values', () => {
    const p = (n: number): bigint => 1n << BigInt(n);
    expect(expectOf('num.add', O.SAFE_MAX, -1n)).toBe('9007199254740990');
    expect(expectOf('num.add', O.SAFE_MAX, 1n)).toBeUndefined(); // leaves the domain: dropped
    expect(expectOf('num.rem', -7n, 2n)).toBe('-1');
    expect(expectOf('num.rem', -4n, 2n)).toBe('0'); // -0 prints 0
    expect(expectOf('num.shl', 1n, 31n)).toBe('-2147483648');
    expect(expectOf('num.shl', 1n, 32n)).toBe('1');
    expect(expectOf('num.shl', 1n, -1n)).toBe('-2147483648');
    expect(expectOf('num.shr', -1n, 0n)).toBe('4294967295');
    expect(expectOf('num.sar', p(31), 31n)).toBe('-1');
    expect(expectOf('num.and', O.SAFE_MAX, -1n)).toBe('-1');
    expect(expectOf('num.not', p(32))).toBe('-1');
    expect(expectOf('conv.u32', -1n)).toBe('4294967295');
    expect(expectOf('conv.i32', O.SAFE_MAX)).toBe('-1');
    expect(expectOf('conv.i8', 128n)).toBe('-128');
    expect(expectOf('conv.u16', -1n)).toBe('65535');
    expect(expectOf('conv.u64.num', -1n)).toBe('18446744073709551615');
    expect(expectOf('conv.i64.big', O.U64_MAX)).toBe('-1');
    expect(expectOf('mul32', 0x7fffffffn, 0x7fffffffn)).toBe(String(Math.imul(0x7fffffff, 0x7fffffff)));
    expect(expectOf('mulu32', -1n, -1n)).toBe('1');
    expect(expectOf('idiv', -7n, 2n)).toBe('-3');
    expect(expectOf('divi32', -p(31), -1n)).toBe('-2147483648');
    expect(expectOf('remi32', -p(31), -1n)).toBe('0');
    expect(expectOf('divi64', O.I64_MIN, -1n)).toBe('-9223372036854775808');
    expect(expectOf('remi64', O.I64_MIN, -1n)).toBe('0');
    expect(expectOf('divu32', 7n, 0n)).toBeUndefined();
    expect(expectOf('u64.shl', 1n, 63n)).toBe('9223372036854775808');
    expect(expectOf('u64.shl', 1n, 64n)).toBe('0');
    expect(expectOf('i64.shr', -1n, 70n)).toBe('-1');
    expect(expectOf('u64.sub', 0n, 1n)).toBe('18446744073709551615');
    expect(expectOf('i64.add', O.I64_MAX, 1n)).toBe('-9223372036854775808');
    expect(expectOf('shl64', 1n, 64n)).toBe('1'); // count masked to 0
    expect(expectOf('sar64', O.I64_MIN, 63n)).toBe('-1');
    expect(expectOf('shr64', O.U64_MAX, 70n)).toBe(String((1n << 58n) - 1n));
    expect(expectOf('clz32', 0n)).toBe('32');
    expect(expectOf('ctz32', p(32))).toBe('32');
    expect(expectOf('popcnt32', -1n)).toBe('32');
    expect(expectOf('bswap16', 0x12345678n)).toBe(String(0x7856));
    expect(expectOf('bswap32', 0x12345678n)).toBe(String(0x78563412));
    expect(expectOf('bswap64', 0x0102030405060708n)).toBe(String(0x0807060504030201n));
    expect(expectOf('rotl32', 0x80000001n, 1n)).toBe('3');
    expect(expectOf('rotr32', 3n, 33n)).toBe(String(0x80000001));
    expect(expectOf('u16.mul', 65535n, 65535n)).toBe('4294836225');
    expect(expectOf('i32.neg', -p(31))).toBe('2147483648 2147483647');
    expect(expectOf('u32.and', p(31), p(31))).toBe('-2147483648');
    expect(expectOf('mem.store32.load8', 0n, 0x11223344n, 0n, 0n)).toBe('68');
    expect(expectOf('mem.store32.load8', 0n, 0x11223344n, 0n, 3n)).toBe('17');
    expect(expectOf('mem.store16.load32', 0xffn, 0x1234n, 1n, 0n)).toBe(String(0xff1234ff));
    expect(expectOf('fmt.hex.num', -255n)).toBe('-0xff');
    expect(expectOf('fmt.hex.u64', O.U64_MAX)).toBe('0xffffffffffffffff');
    expect(expectOf('str.len', '日本語')).toBe('9');
    expect(expectOf('str.byteAt', 'é', 1n)).toBe(String(0xa9));
  });
});

describe('generator', () => {
  let all: OpCases[];
  beforeAll(() => {
    all = buildCases(seed);
  });

  it('is deterministic for a seed', () => {
    const again = buildCases(seed);
    const first = planChunks(all, chunkSize);
    const second = planChunks(again, chunkSize);
    expect(second.length).toBe(first.length);
    for (const i of [0, Math.floor(first.length / 2), first.length - 1]) {
      expect(renderProgram(second[i]!, seed)).toBe(renderProgram(first[i]!, seed));
    }
    const other = planChunks(buildCases(seed + 1), chunkSize);
    expect(renderProgram(other[0]!, seed)).not.toBe(renderProgram(first[0]!, seed));
  });

  it('covers every operator and intrinsic on its edge operands', () => {
    const cases = new Map(all.map((o) => [o.op.name, o.cases]));
    const has = (name: string, ...args: bigint[]): boolean =>
      (cases.get(name) ?? []).some((c) => args.every((a, j) => c.args[j] === a));
    for (const name of ['num.add', 'num.sub', 'num.mul', 'num.rem', 'num.and', 'mul32', 'idiv']) {
      for (const v of [0n, 1n, -1n, 1n << 31n, (1n << 32n) - 1n, O.SAFE_MAX, O.SAFE_MIN]) {
        expect(has(name, v) || has(name, 0n, v), `${name} with ${v}`).toBe(true);
      }
    }
    for (const name of ['num.shl', 'num.sar', 'num.shr', 'shl64', 'shr64', 'sar64', 'rotl32', 'rotr32', 'u64.shl', 'u64.shr', 'i64.shl', 'i64.shr']) {
      const counts = new Set((cases.get(name) ?? []).map((c) => c.args[1]));
      for (let n = 0n; n <= 70n; n++) expect(counts.has(n), `${name} count ${n}`).toBe(true);
    }
    expect(has('divi32', -(1n << 31n), -1n)).toBe(true);
    expect(has('remi32', -(1n << 31n), -1n)).toBe(true);
    expect(has('divi64', O.I64_MIN, -1n)).toBe(true);
    expect(has('remi64', O.I64_MIN, -1n)).toBe(true);
    for (const name of ['u64.add', 'u64.mul', 'divu64', 'u64.lt']) expect(has(name, O.U64_MAX, O.U64_MAX), name).toBe(true);
    for (const name of ['i64.sub', 'i64.mul', 'divi64', 'i64.lt']) expect(has(name, O.I64_MIN, O.I64_MAX), name).toBe(true);
    // Every generated operand table is used by some op, and every op has cases.
    for (const o of all) expect(o.cases.length, o.op.name).toBeGreaterThan(0);
  });

  it('imports every rt intrinsic the contract lists for this suite', () => {
    const used = new Set(OPS.flatMap((o) => [...o.uses, ...(o.mem ? ['allocBytes', 'freeBytes'] : [])]));
    used.add('kprint');
    const required = `u8 u16 u32 i8 i16 i32 u64 i64 num mul32 mulu32 idiv divu32 remu32 divi32 remi32 divu64 remu64
      divi64 remi64 shl64 shr64 sar64 clz32 ctz32 popcnt32 bswap16 bswap32 bswap64 rotl32 rotr32 load8 load16 load32
      load64 store8 store16 store32 store64 memcpy memset allocBytes freeBytes strLen strByteAt hex kprint`.split(/\s+/);
    expect(required.filter((n) => !used.has(n))).toEqual([]);
  });
});

describe('differential suite', () => {
  let result: SuiteResult;
  const lines: string[] = [];

  beforeAll(async () => {
    result = await runSuite({
      seed,
      chunkSize,
      jobs: 2,
      targets: nodeOnly ? [] : 'auto',
      cc,
      log: (l) => {
        lines.push(l);
        if (process.env['DIFF_VERBOSE'] === '1') console.log(l);
      },
    });
    console.log(summary(result));
    if (result.nativeSkipped !== undefined) console.warn(`differential: native targets skipped: ${result.nativeSkipped}`);
  }, 60 * 60_000);

  it('generates well-typed dialect programs', async () => {
    const require = createRequire(import.meta.url);
    const tsc = require.resolve('typescript/bin/tsc');
    const r = await promisify(execFile)(process.execPath, [tsc, '-p', join(DEFAULT_OUT, 'tsconfig.json')]).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    expect(r).toBe('');
  }, 300_000);

  it('runs at least 100,000 cases', () => {
    expect(result.cases).toBeGreaterThanOrEqual(100_000);
    const manifest = JSON.parse(readFileSync(join(DEFAULT_OUT, 'manifest.json'), 'utf8')) as { total: number };
    expect(manifest.total).toBe(result.cases);
  });

  it('agrees line for line: generator, Node, aarch64 (qemu), host ASan+UBSan', () => {
    // The report names each differing case, e.g. `u64.shl(1, 64)`, with every world's line.
    expect(result.failures.join('\n\n')).toBe('');
  });

  it('ran the native targets', (ctx) => {
    if (nodeOnly) ctx.skip();
    expect(result.nativeSkipped, 'the compiler build API is unavailable').toBeUndefined();
    expect(result.targets).toEqual(['linux-user', 'host-sanitize']);
  });
});
