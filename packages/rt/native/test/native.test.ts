/**
 * Differential test of native/rt.h against the Node implementation.
 *
 * harness.c is compiled with host gcc and -fsanitize=undefined,address (and,
 * when the tools are installed, for AArch64 with the production flags, run
 * under qemu-aarch64). It is fed the same operations, on the same edge
 * operands, as the Node implementation, and every output line must match:
 * results, console text, panic messages, heap offsets. Skipped, with a
 * message, only when gcc is absent.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { I64S, NUMBERS, SHIFTS, U64S } from '../../test/operands.js';
import * as rt from '../../src/index.js';
import { captureConsole, catchPanic, heapStats, resetMachine, SYSREGS } from '../../src/sim/index.js';

const NATIVE = fileURLToPath(new URL('..', import.meta.url));
const HARNESS = fileURLToPath(new URL('harness.c', import.meta.url));

const HEAP = 0x4100_0000;
const HEAP_SIZE = 1 << 20;
const MEM = 0x4000_1000;
const STRINGS = ['', 'a', 'ab', 'abc', 'abd', 'é', 'héllo ✓'];

type Case = [op: string, ...args: bigint[]];

// ---- the operations, evaluated with the Node implementation -------------------

const n = (x: bigint) => Number(x);
const show = (fn: () => void) => `> ${captureConsole(fn)}`;

const NODE: Record<string, (a: bigint[]) => string | number | bigint | boolean> = {
  u8: (a) => rt.u8(n(a[0]!)),
  u16: (a) => rt.u16(n(a[0]!)),
  u32: (a) => rt.u32(n(a[0]!)),
  i8: (a) => rt.i8(n(a[0]!)),
  i16: (a) => rt.i16(n(a[0]!)),
  i32: (a) => rt.i32(n(a[0]!)),
  u64n: (a) => rt.u64(n(a[0]!)),
  i64n: (a) => rt.i64(n(a[0]!)),
  u64b: (a) => rt.u64(a[0]!),
  i64b: (a) => rt.i64(a[0]!),
  num_u64: (a) => rt.num(rt.u64(a[0]!)),
  num_i64: (a) => rt.num(rt.i64(a[0]!)),
  numg_u: (a) => rt.num(rt.u64(a[0]!)),
  numg_i: (a) => rt.num(rt.i64(a[0]!)),
  mul32: (a) => rt.mul32(n(a[0]!), n(a[1]!)),
  mulu32: (a) => rt.mulu32(n(a[0]!), n(a[1]!)),
  idiv: (a) => rt.idiv(n(a[0]!), n(a[1]!)),
  divu32: (a) => rt.divu32(rt.u32(n(a[0]!)), rt.u32(n(a[1]!))),
  remu32: (a) => rt.remu32(rt.u32(n(a[0]!)), rt.u32(n(a[1]!))),
  divi32: (a) => rt.divi32(rt.i32(n(a[0]!)), rt.i32(n(a[1]!))),
  remi32: (a) => rt.remi32(rt.i32(n(a[0]!)), rt.i32(n(a[1]!))),
  divu64: (a) => rt.divu64(rt.u64(a[0]!), rt.u64(a[1]!)),
  remu64: (a) => rt.remu64(rt.u64(a[0]!), rt.u64(a[1]!)),
  divi64: (a) => rt.divi64(rt.i64(a[0]!), rt.i64(a[1]!)),
  remi64: (a) => rt.remi64(rt.i64(a[0]!), rt.i64(a[1]!)),
  shl64: (a) => rt.shl64(rt.u64(a[0]!), n(a[1]!)),
  shr64: (a) => rt.shr64(rt.u64(a[0]!), n(a[1]!)),
  sar64: (a) => rt.sar64(rt.i64(a[0]!), n(a[1]!)),
  clz32: (a) => rt.clz32(n(a[0]!)),
  ctz32: (a) => rt.ctz32(n(a[0]!)),
  popcnt32: (a) => rt.popcnt32(n(a[0]!)),
  bswap16: (a) => rt.bswap16(n(a[0]!)),
  bswap32: (a) => rt.bswap32(n(a[0]!)),
  bswap64: (a) => rt.bswap64(rt.u64(a[0]!)),
  rotl32: (a) => rt.rotl32(n(a[0]!), n(a[1]!)),
  rotr32: (a) => rt.rotr32(n(a[0]!), n(a[1]!)),
  put_num: (a) => show(() => rt.kprint`${n(a[0]!)}`),
  put_i64: (a) => show(() => rt.kprint`${rt.i64(a[0]!)}`),
  put_u64: (a) => show(() => rt.kprint`${rt.u64(a[0]!)}`),
  put_hexn: (a) => show(() => rt.kprint`${rt.hex(n(a[0]!))}`),
  put_hex: (a) => show(() => rt.kprint`${rt.hex(rt.i64(a[0]!))}`),
  put_hex_u64: (a) => show(() => rt.kprint`${rt.hex(rt.u64(a[0]!))}`),
  put_bool: (a) => show(() => rt.kprint`${a[0] !== 0n}`),
  put_str: (a) => show(() => rt.kprint`${STRINGS[n(a[0]!)]!}`),
  panicfmt: (a) => `! panic: boom\\n    at kernel/main.ts:${a[0]}\\n`,
  st8: (a) => (rt.store8(MEM + n(a[0]!), n(a[1]!)), 'ok'),
  st16: (a) => (rt.store16(MEM + n(a[0]!), n(a[1]!)), 'ok'),
  st32: (a) => (rt.store32(MEM + n(a[0]!), n(a[1]!)), 'ok'),
  st64: (a) => (rt.store64(MEM + n(a[0]!), a[1]!), 'ok'),
  ld8: (a) => rt.load8(MEM + n(a[0]!)),
  ld16: (a) => rt.load16(MEM + n(a[0]!)),
  ld32: (a) => rt.load32(MEM + n(a[0]!)),
  ld64: (a) => rt.load64(MEM + n(a[0]!)),
  mcpy: (a) => (rt.memcpy(MEM + n(a[0]!), MEM + n(a[1]!), n(a[2]!)), 'ok'),
  mset: (a) => (rt.memset(MEM + n(a[0]!), n(a[1]!), n(a[2]!)), 'ok'),
  osum: (a) => rt.onesSum16(MEM + n(a[0]!), n(a[1]!)),
  mmw8: (a) => (rt.mmioWrite8(MEM + n(a[0]!), n(a[1]!)), 'ok'),
  mmw16: (a) => (rt.mmioWrite16(MEM + n(a[0]!), n(a[1]!)), 'ok'),
  mmw32: (a) => (rt.mmioWrite32(MEM + n(a[0]!), n(a[1]!)), 'ok'),
  mmw64: (a) => (rt.mmioWrite64(MEM + n(a[0]!), a[1]!), 'ok'),
  mmr8: (a) => rt.mmioRead8(MEM + n(a[0]!)),
  mmr16: (a) => rt.mmioRead16(MEM + n(a[0]!)),
  mmr32: (a) => rt.mmioRead32(MEM + n(a[0]!)),
  mmr64: (a) => rt.mmioRead64(MEM + n(a[0]!)),
  barriers: () => {
    rt.dmb(), rt.dsb(), rt.isb(), rt.dmbIsh(), rt.dsbIsh(), rt.wfi(), rt.wfe(), rt.sev();
    return 'ok';
  },
  alloc: (a) => rt.allocBytes(n(a[0]!), n(a[1]!)) - HEAP,
  free: (a) => (rt.freeBytes(HEAP + n(a[0]!)), 'ok'),
  live: () => heapStats().liveAllocations,
  slen: (a) => rt.strLen(STRINGS[n(a[0]!)]!),
  sba: (a) => rt.strByteAt(STRINGS[n(a[0]!)]!, n(a[1]!)),
  seq: (a) => (STRINGS[n(a[0]!)] === STRINGS[n(a[1]!)] ? 1 : 0),
  sfb: (a) => {
    const bytes = new TextEncoder().encode(rt.strFromBytes(MEM + n(a[0]!), n(a[1]!)));
    return `${bytes.length}:${Buffer.from(bytes).toString('hex')}`;
  },
  idx: (a) => rt.checkIndex(n(a[0]!), n(a[1]!)),
};

/** Replaces hex addresses near the heap with heap-relative offsets. */
function normalise(msg: string, heapBase: bigint): string {
  return msg.replace(/(-?)0x([0-9a-f]+)/g, (all, sign: string, digits: string) => {
    const off = (sign ? -1n : 1n) * BigInt(`0x${digits}`) - heapBase;
    return off > -(1n << 21n) && off < 1n << 21n ? `heap${off >= 0n ? '+' : ''}${off}` : all;
  });
}

function evalNode(c: Case): string {
  const [op, ...args] = c;
  let result: string | number | bigint | boolean = '';
  const msg = catchPanic(() => {
    result = NODE[op]!(args);
  });
  if (msg !== null) return `! ${normalise(msg, BigInt(HEAP))}`;
  if (typeof result === 'string' && /^[>!] /.test(result)) return result;
  return `= ${typeof result === 'boolean' ? Number(result) : result}`;
}

// ---- the cases ---------------------------------------------------------------------

function lcg(seed: number): (k: number) => number {
  let s = seed >>> 0;
  return (k) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * k);
  };
}

const B = BigInt;
const pairs = <T>(xs: readonly T[], ys: readonly T[] = xs): Array<[T, T]> => xs.flatMap((x) => ys.map((y): [T, T] => [x, y]));

function pureCases(): Case[] {
  const cases: Case[] = [];
  const add = (op: string, ...args: Array<number | bigint>) => cases.push([op, ...args.map((x) => B(x))]);
  for (const x of NUMBERS) {
    for (const op of ['u8', 'u16', 'u32', 'i8', 'i16', 'i32', 'u64n', 'i64n', 'clz32', 'ctz32', 'popcnt32', 'bswap16', 'bswap32', 'put_num', 'put_hexn', 'num_i64', 'numg_i']) add(op, x);
  }
  for (const x of U64S) {
    for (const op of ['u64b', 'i64b', 'num_u64', 'numg_u', 'bswap64', 'put_u64', 'put_hex_u64']) add(op, x);
  }
  for (const x of I64S) for (const op of ['i64b', 'num_i64', 'numg_i', 'put_i64', 'put_hex']) add(op, x);
  for (const [a, b] of pairs(NUMBERS)) {
    for (const op of ['mul32', 'mulu32', 'idiv', 'divu32', 'remu32', 'divi32', 'remi32']) add(op, a, b);
  }
  for (const [a, b] of pairs(U64S)) for (const op of ['divu64', 'remu64']) add(op, a, b);
  for (const [a, b] of pairs(I64S)) for (const op of ['divi64', 'remi64']) add(op, a, b);
  for (const [a, s] of U64S.flatMap((a) => SHIFTS.map((s): [bigint, number] => [a, s]))) {
    add('shl64', a, s);
    add('shr64', a, s);
    add('sar64', BigInt.asIntN(64, a), s);
  }
  for (const [x, s] of NUMBERS.flatMap((x) => SHIFTS.map((s): [number, number] => [x, s]))) {
    add('rotl32', x, s);
    add('rotr32', x, s);
  }
  add('put_bool', 0);
  add('put_bool', 1);
  for (const line of [0, 7, -1, 2 ** 53 - 1]) add('panicfmt', line);
  for (let i = 0; i < STRINGS.length; i++) {
    add('slen', i);
    add('put_str', i);
    for (let k = -2; k <= 11; k++) add('sba', i, k);
    for (let j = 0; j < STRINGS.length; j++) add('seq', i, j);
  }
  for (const [i, len] of pairs([-1, 0, 1, 2, 3, 2 ** 53 - 1, -(2 ** 53 - 1)], [0, 1, 3, 2 ** 53 - 1])) add('idx', i, len);
  add('barriers');
  return cases;
}

/** Stores, loads, copies and MMIO on one 4 KiB window, in a reproducible order. */
function memoryCases(): Case[] {
  const r = lcg(7);
  const cases: Case[] = [];
  const pick = <T>(xs: readonly T[]) => xs[r(xs.length)]!;
  const values = [...NUMBERS];
  for (let step = 0; step < 4000; step++) {
    const k = r(14);
    const off = r(4096 - 8);
    if (k === 0) cases.push(['st8', B(off), B(pick(values))]);
    else if (k === 1) cases.push(['st16', B(off), B(pick(values))]);
    else if (k === 2) cases.push(['st32', B(off), B(pick(values))]);
    else if (k === 3) cases.push(['st64', B(off), pick(U64S)]);
    else if (k === 4) cases.push(['ld8', B(off)]);
    else if (k === 5) cases.push(['ld16', B(off)]);
    else if (k === 6) cases.push(['ld32', B(off)]);
    else if (k === 7) cases.push(['ld64', B(off)]);
    else if (k === 8) {
      const len = r(300) - 20;
      const dst = r(4096 - 300);
      cases.push(['mcpy', B(dst), B(Math.max(0, Math.min(4096 - 300, dst + r(64) - 32))), B(len)]);
    } else if (k === 9) cases.push(['mset', B(r(4096 - 300)), B(pick(values)), B(r(300) - 20)]);
    else {
      const w = pick([1, 2, 4, 8]);
      const at = off - (off % w);
      if (k === 10) cases.push([`mmw${w * 8}`, B(at), w === 8 ? pick(U64S) : B(pick(values))]);
      else cases.push([`mmr${w * 8}`, B(at)]);
    }
  }
  // onesSum16 at every alignment and across the 64-byte loop's edges, over the bytes written above
  for (let k = 0; k < 300; k++) cases.push(['osum', B(r(4096 - 700)), B(r(700) - 5)]);
  cases.push(['mset', 100n, 0xffn, 200n], ['osum', 100n, 200n], ['osum', 101n, 199n], ['mset', 100n, 0n, 200n], ['osum', 100n, 200n], ['osum', 100n, 0n]);
  // strFromBytes over ASCII bytes (invalid UTF-8 decodes differently by design)
  cases.push(['mset', 0n, 0x41n, 64n], ['st8', 5n, 0x7an]);
  for (const [off, len] of [[0, 0], [0, 6], [3, 10], [60, 4], [0, -1]] as const) cases.push(['sfb', B(off), B(len)]);
  return cases;
}

/** A random allocation history with bad frees and exhaustion, decided by the Node run. */
function heapCases(): Case[] {
  const r = lcg(2024);
  const sizes = [0, 1, 15, 16, 17, 100, 1000, 4096, 65536, HEAP_SIZE - 16, HEAP_SIZE, HEAP_SIZE + 1, -1];
  const aligns = [1, 2, 4, 8, 16, 32, 64, 256, 4096, 65536, 2 ** 20, 2 ** 21, 2 ** 30, 0, 3, -16, 2 ** 31];
  const live: number[] = [];
  const freed: number[] = [];
  const cases: Case[] = [];
  const run = (c: Case) => {
    cases.push(c);
    return evalNode(c);
  };
  for (let step = 0; step < 3000; step++) {
    const k = r(100);
    if (k < 45 || live.length === 0) {
      const size = r(3) === 0 ? sizes[r(sizes.length)]! : r(r(2) === 0 ? 300 : 20000);
      const align = r(4) === 0 ? aligns[r(aligns.length)]! : 2 ** r(7);
      const res = run(['alloc', B(size), B(align)]);
      if (res.startsWith('= ')) live.push(Number(res.slice(2)));
    } else if (k < 82) {
      const off = live.splice(r(live.length), 1)[0]!;
      run(['free', B(off)]);
      freed.push(off);
    } else if (k < 88 && freed.length > 0) {
      run(['free', B(freed[r(freed.length)]!)]);
    } else if (k < 95) {
      const base = live[r(live.length)]!;
      run(['free', B([base + 8, base + 16, base - 16, HEAP_SIZE + 16, -32][r(5)]!)]);
    } else {
      run(['live']);
    }
  }
  for (const off of live) run(['free', B(off)]);
  run(['live']);
  return cases;
}

// ---- running the native side -----------------------------------------------------------

function tool(cmd: string, args: string[] = ['--version']): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

const hasGcc = tool('gcc');
const work = mkdtempSync(join(tmpdir(), 'rt-native-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Variant {
  name: string;
  compile: string[];
  run: string[];
  available: boolean;
}

const exe = (name: string) => join(work, name);
const PROD_FLAGS = ['-std=c11', '-O2', '-fwrapv', '-fno-strict-aliasing', '-Wall', '-Wextra', '-Werror', '-I', NATIVE];

const VARIANTS: Variant[] = [
  {
    name: 'host gcc, -fsanitize=undefined,address',
    compile: ['gcc', '-std=c11', '-O1', '-g', '-fsanitize=undefined,address', '-fno-sanitize-recover=all', '-fno-omit-frame-pointer',
      '-Wall', '-Wextra', '-Wpedantic', '-Werror', '-I', NATIVE, HARNESS, '-o', exe('host-asan')],
    run: [exe('host-asan')],
    available: hasGcc,
  },
  {
    name: 'aarch64-linux-gnu-gcc -O2 (production flags), under qemu-aarch64',
    compile: ['aarch64-linux-gnu-gcc', ...PROD_FLAGS, '-mno-outline-atomics', '-mgeneral-regs-only', '-static', HARNESS, '-o', exe('a64-gcc')],
    run: ['qemu-aarch64', exe('a64-gcc')],
    available: tool('aarch64-linux-gnu-gcc') && tool('qemu-aarch64'),
  },
  {
    name: 'clang --target=aarch64-linux-gnu -O2, under qemu-aarch64',
    compile: ['clang', '--target=aarch64-linux-gnu', ...PROD_FLAGS, '-mno-outline-atomics', '-mgeneral-regs-only', '-static', '-fuse-ld=lld', HARNESS, '-o', exe('a64-clang')],
    run: ['qemu-aarch64', exe('a64-clang')],
    available: tool('clang') && tool('ld.lld') && tool('qemu-aarch64') && tool('aarch64-linux-gnu-gcc'),
  },
];

const compiled = new Set<string>();

function compileOnce(name: string, command: string[]): void {
  if (compiled.has(name)) return;
  const cc = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8' });
  if (cc.status !== 0) throw new Error(`${name}: compile failed\n${cc.stderr}`);
  compiled.add(name);
}

function runNative(v: Variant, cases: Case[]): { heap: bigint; lines: string[] } {
  compileOnce(v.name, v.compile);
  const input = cases.map((c) => c.join(' ')).join('\n') + '\n';
  const res = spawnSync(v.run[0]!, v.run.slice(1), { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (res.status !== 0) throw new Error(`${v.name}: harness exited ${res.status}\n${res.stderr}`);
  const lines = res.stdout.split('\n').filter((l) => l.length > 0);
  const heapLine = lines.shift()!;
  expect(heapLine).toMatch(/^# heap \d+$/);
  return { heap: BigInt(heapLine.slice('# heap '.length)), lines };
}

/** Native output lines in the Node form: panics lose their (C) location, addresses become heap offsets. */
function normaliseNative(line: string, heap: bigint): string {
  const m = /^! panic: (.*)\\n {4}at (.*):(-?\d+)\\n$/.exec(line);
  if (m && m[2] !== 'kernel/main.ts') {
    expect(m[2]).toMatch(/harness\.c$/);
    return `! ${normalise(m[1]!, heap)}`;
  }
  return line;
}

function compare(v: Variant, cases: Case[], expected: string[]): void {
  const { heap, lines } = runNative(v, cases);
  const diffs: string[] = [];
  for (let i = 0; i < cases.length; i++) {
    const got = normaliseNative(lines[i] ?? '<missing>', heap);
    if (got !== expected[i]) diffs.push(`${cases[i]!.join(' ')}\n    node:   ${expected[i]}\n    native: ${got}`);
  }
  expect(lines.length).toBe(cases.length);
  expect(diffs.slice(0, 20).join('\n')).toBe('');
}

if (!hasGcc) {
  console.warn('native differential test skipped: no host gcc on PATH');
}

describe.skipIf(!hasGcc)('rt.h agrees with the Node implementation', () => {
  const suites: Array<[string, () => Case[]]> = [
    ['intrinsics on edge operands', pureCases],
    ['memory, memcpy/memset and MMIO', memoryCases],
    ['heap allocation histories', heapCases],
  ];
  const prepared = suites.map(([title, make]) => {
    resetMachine({ heapBase: HEAP, heapSize: HEAP_SIZE });
    const cases = make();
    // Evaluate again from a fresh machine: heapCases evaluated while generating.
    resetMachine({ heapBase: HEAP, heapSize: HEAP_SIZE });
    const expected = cases.map(evalNode);
    return { title, cases, expected };
  });

  for (const v of VARIANTS) {
    for (const { title, cases, expected } of prepared) {
      it.skipIf(!v.available)(`${title}: ${v.name}`, () => compare(v, cases, expected));
    }
  }

  it('the heap history exercises every outcome', () => {
    const outcomes = prepared[2]!.expected.join('\n');
    for (const what of ['out of memory', 'double free of heap+', 'invalid free of heap', 'invalid alignment', 'invalid allocation size']) {
      expect(outcomes).toContain(what);
    }
  });
});

// ---- a program with nothing but rt.h --------------------------------------------------

const FREESTANDING = fileURLToPath(new URL('freestanding.c', import.meta.url));
const FREESTANDING_FLAGS = [
  '-std=c11', '-O2', '-ffreestanding', '-nostdlib', '-static', '-fwrapv', '-fno-strict-aliasing',
  '-mno-outline-atomics', '-mgeneral-regs-only', '-Wall', '-Wextra', '-Werror', '-I', NATIVE, FREESTANDING,
];

/** What freestanding.c prints, computed with the Node implementation (addresses as arena offsets). */
function freestandingExpected(): string {
  resetMachine({ heapBase: HEAP, heapSize: 64 * 1024 });
  return captureConsole(() => {
    rt.kprint`hello from rt.h\n`;
    const bits = rt.popcnt32(-1) + rt.clz32(1) + rt.ctz32(0x80);
    rt.kprint`${rt.idiv(-7, 2)} ${rt.hex(rt.mul32(0x12345678, 0x9abcdef))} ${rt.hex(rt.bswap64(rt.u64(0x0123456789abcdefn)))} ${bits} ${'abc' === 'abcd'.slice(0, 3)}\n`;
    const a = rt.allocBytes(100, 8);
    const b = rt.allocBytes(1000, 4096);
    rt.memset(a, 0x5a, 100);
    rt.memcpy(b, a, 100);
    rt.kprint`${a - HEAP} ${b - HEAP} ${rt.hex(rt.load32(b + 96))}\n`;
    rt.freeBytes(a);
    rt.freeBytes(b);
    rt.kprint`${39 * 3}\n${rt.hex(0x1234)}\n`;
    const msg = catchPanic(() => rt.freeBytes(a));
    rt.kprint`panic: ${normalise(msg!, BigInt(HEAP))}\n    at native/test/freestanding.c:LINE\n`;
  });
}

describe('rt.h without libc', () => {
  const targets = [
    { name: 'aarch64-linux-gnu-gcc', cc: ['aarch64-linux-gnu-gcc'], ok: tool('aarch64-linux-gnu-gcc') },
    { name: 'clang --target=aarch64-linux-gnu', cc: ['clang', '--target=aarch64-linux-gnu', '-fuse-ld=lld'], ok: tool('clang') && tool('ld.lld') },
  ];
  for (const t of targets) {
    it.skipIf(!t.ok || !tool('qemu-aarch64'))(`links with -nostdlib and runs under qemu-aarch64: ${t.name}`, () => {
      const out = exe(`freestanding-${t.name.split(' ')[0]}`);
      const cc = spawnSync(t.cc[0]!, [...t.cc.slice(1), ...FREESTANDING_FLAGS, '-o', out], { encoding: 'utf8' });
      expect(cc.stderr).toBe('');
      expect(cc.status).toBe(0);
      const res = spawnSync('qemu-aarch64', [out], { encoding: 'utf8' });
      expect(res.status).toBe(101);
      const arena = /double free of 0x([0-9a-f]+)/.exec(res.stdout);
      expect(arena).not.toBeNull();
      // The arena is 4096-aligned and the double free is of the first payload, at offset 16.
      const arenaBase = BigInt(`0x${arena![1]}`) - 16n;
      const got = normalise(res.stdout, arenaBase).replace(/at \S*freestanding\.c:\d+/, 'at native/test/freestanding.c:LINE');
      expect(got).toBe(freestandingExpected());
    });
  }
});

describe('system registers in rt.h', () => {
  const READ_ONLY = new Set(['CNTVCT_EL0', 'MPIDR_EL1', 'CurrentEL', 'ID_AA64PFR0_EL1', 'ICC_IAR1_EL1']);
  const WRITE_ONLY = new Set(['ICC_EOIR1_EL1', 'ICC_SGI1R_EL1']);
  const source = () => {
    const file = join(work, 'sysregs.c');
    const reads = SYSREGS.filter((r) => !WRITE_ONLY.has(r)).map((r) => `  s += rt_read_sysreg_${r}();`);
    const writes = SYSREGS.filter((r) => !READ_ONLY.has(r)).map((r) => `  rt_write_sysreg_${r}(s);`);
    writeFileSync(file, ['#include "rt.h"', 'uint64_t all_sysregs(void);', 'uint64_t all_sysregs(void) {', '  uint64_t s = 0;', ...reads, ...writes, '  return s;', '}', ''].join('\n'));
    return file;
  };
  const compilers = [
    { name: 'host gcc', cc: ['gcc'], ok: hasGcc },
    { name: 'aarch64-linux-gnu-gcc', cc: ['aarch64-linux-gnu-gcc', '-ffreestanding', '-mgeneral-regs-only'], ok: tool('aarch64-linux-gnu-gcc') },
    { name: 'clang --target=aarch64-linux-gnu', cc: ['clang', '--target=aarch64-linux-gnu', '-ffreestanding', '-mgeneral-regs-only'], ok: tool('clang') },
  ];
  for (const c of compilers) {
    it.skipIf(!c.ok)(`has an accessor for every SysReg, and they assemble: ${c.name}`, () => {
      const res = spawnSync(c.cc[0]!, [...c.cc.slice(1), '-std=c11', '-O2', '-Wall', '-Wextra', '-Werror', '-I', NATIVE, '-c', source(), '-o', join(work, `sysregs-${c.cc[0]}.o`)], { encoding: 'utf8' });
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
    });
  }
});
