// The benchmark harness, end to end: calibration against loops of known
// length, the C kernels under QEMU, the fault path, and the output parser.
// Native parts are skipped when the cross compiler or QEMU is missing.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CompilerUnavailable } from './lib/dialect.js';
import { buildCalibImage, buildCImage, buildDialectImage, buildFaultImage } from './lib/images.js';
import { KERNELS, type KernelSpec } from './lib/kernels.js';
import { haveQemu, measure, parseBench, runImage, RunError } from './lib/qemu.js';
import { expectedResult } from './lib/reference.js';
import { buildHarness, haveCompiler } from './lib/toolchain.js';

const native = haveCompiler() && haveQemu();
const outDir = mkdtempSync(path.join(os.tmpdir(), 'unishyper-bench-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
let harnessObjs: string[] | undefined;
const harness = () => (harnessObjs ??= buildHarness(outDir));

describe.skipIf(!native)('harness under QEMU', () => {
  it('counts a loop of known length exactly', () => {
    // calib.c runs `ldr; N x (subs; b.ne); ret` against the baseline's
    // `mov; ret`: exactly 2N more instructions.
    const small = measure(buildCalibImage(1000, outDir, harness()));
    const large = measure(buildCalibImage(101_000, outDir, harness()));
    expect(small.insns).toBe(2000);
    expect(large.insns).toBe(202_000);
    expect(large.baseline).toBe(small.baseline);
  }, 60_000);

  // Plausible ranges per call: at least one instruction per word/byte/link
  // visited, and not absurdly more.
  const bounds: Record<string, [number, number]> = {
    checksum: [32_768, 1_000_000], // 32768 words
    crc32: [65_536 * 3, 65_536 * 20], // 65536 bytes, a load, xor, lookup each
    fatwalk: [60_000 * 3, 60_000 * 30], // 60000 links
  };

  it.each(KERNELS.map((k) => [k.name, k] as const))('runs the C %s kernel with the reference result', (name, k) => {
    const m = measure(buildCImage(k, outDir, harness()));
    expect(m.name).toBe(name);
    expect(m.result).toBe(expectedResult(name));
    // The k(buf, len, n) kernels: at least one instruction per unit of work.
    const [lo, hi] = bounds[name] ?? [k.call!.n, 100_000_000];
    expect(m.insns).toBeGreaterThan(lo);
    expect(m.insns).toBeLessThan(hi);
  }, 60_000);

  it.for(KERNELS.map((k): [string, KernelSpec] => [k.name, k]))(
    'runs the dialect %s kernel with the reference result (when the compiler exists)',
    { timeout: 120_000 },
    async ([name, k], ctx) => {
      let elf: string;
      try {
        elf = await buildDialectImage(k, outDir, harness());
      } catch (e) {
        if (e instanceof CompilerUnavailable) return ctx.skip(e.message);
        throw e;
      }
      expect(measure(elf).result).toBe(expectedResult(name));
    },
  );

  it('reports a fault and exits with status 3', () => {
    const elf = buildFaultImage(outDir, harness());
    let err: unknown;
    try {
      runImage(elf, 30_000);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RunError);
    expect((err as RunError).message).toMatch(/status 3/);
    expect((err as RunError).console).toMatch(/^BENCH_FAULT vector=4 esr=0x0*96/m);
  }, 60_000);
});

describe('parseBench', () => {
  const line = (kind: string, rep: number, insns: number, result = '0x1') =>
    `BENCH_SAMPLE kind=${kind} rep=${rep} result=${result} insns=${insns} ticks=${insns} cycles=${insns * 16}`;
  const out = (lines: string[]) => ['BENCH_START name=k cntfrq=62500000', ...lines, 'BENCH_END', ''].join('\n');

  it('subtracts the empty-call baseline', () => {
    const m = parseBench(out([line('nop', 0, 10), line('nop', 1, 10), line('run', 0, 110), line('run', 1, 110)]));
    expect(m).toMatchObject({ name: 'k', insns: 100, baseline: 10, result: 1n });
  });

  it('rejects repetitions that differ', () => {
    expect(() => parseBench(out([line('nop', 0, 10), line('run', 0, 110), line('run', 1, 111)]))).toThrow(/repetitions differ/);
  });

  it('rejects a timer that disagrees with the instruction counter', () => {
    const bad = 'BENCH_SAMPLE kind=run rep=0 result=0x1 insns=100 ticks=50 cycles=1600';
    expect(() => parseBench(out([line('nop', 0, 10), bad]))).toThrow(/timer disagrees/);
  });

  it('rejects truncated output', () => {
    expect(() => parseBench('BENCH_START name=k cntfrq=62500000\n' + line('nop', 0, 10))).toThrow(/BENCH_END/);
  });
});
