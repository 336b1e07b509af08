// The compiler's code-quality benchmark: each kernel in hand-written C and in
// the dialect, built with the same gcc flags into the same bare-metal harness,
// run under QEMU with -icount, compared in guest instructions.
//
//   pnpm --filter @unishyper/codegen bench [--strict] [kernel...]
//
// Exits 1 if a variant's result differs from the other or from the JS
// reference, or a build fails; with --strict also if a ratio exceeds the
// target, or the geometric mean of the ratios exceeds its target. Method and
// numbers: bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CompilerUnavailable } from './lib/dialect.js';
import { buildCImage, buildDialectImage } from './lib/images.js';
import { KERNELS, TARGET_GEOMEAN, TARGET_RATIO, type KernelSpec } from './lib/kernels.js';
import { haveQemu, measure, QEMU, type Measurement } from './lib/qemu.js';
import { expectedResult } from './lib/reference.js';
import { BENCH_DIR, CC, buildHarness, haveCompiler } from './lib/toolchain.js';

interface Row {
  kernel: KernelSpec;
  c?: Measurement;
  dialect?: Measurement;
  /** Why the dialect column is empty. */
  dialectNote?: string;
  errors: string[];
}

const hex = (v: bigint) => `0x${v.toString(16)}`;

async function benchKernel(k: KernelSpec, outDir: string, harness: string[]): Promise<Row> {
  const row: Row = { kernel: k, errors: [] };
  const expected = expectedResult(k.name);
  try {
    row.c = measure(buildCImage(k, outDir, harness));
    if (row.c.result !== expected) row.errors.push(`C result ${hex(row.c.result)} != reference ${hex(expected)}`);
  } catch (e) {
    row.errors.push(`C: ${(e as Error).message}`);
  }
  try {
    row.dialect = measure(await buildDialectImage(k, outDir, harness));
    if (row.dialect.result !== expected)
      row.errors.push(`dialect result ${hex(row.dialect.result)} != reference ${hex(expected)}`);
    if (row.c && row.dialect.result !== row.c.result)
      row.errors.push(`results differ: C ${hex(row.c.result)}, dialect ${hex(row.dialect.result)}`);
  } catch (e) {
    if (e instanceof CompilerUnavailable) row.dialectNote = e.message;
    else row.errors.push(`dialect: ${(e as Error).message}`);
  }
  return row;
}

/** The geometric mean of the dialect/C ratios of the kernels measured in both variants. */
function geomean(rows: Row[]): number | undefined {
  const ratios = rows.filter((r) => r.c && r.dialect).map((r) => r.dialect!.insns / r.c!.insns);
  return ratios.length ? Math.exp(ratios.reduce((a, x) => a + Math.log(x), 0) / ratios.length) : undefined;
}

function table(rows: Row[]): string {
  const head = ['kernel', 'C insns', 'dialect insns', 'ratio', `<= ${TARGET_RATIO}`, 'result'];
  const body = rows.map((r) => {
    const ratio = r.c && r.dialect ? r.dialect.insns / r.c.insns : undefined;
    const verdict = r.errors.length ? 'ERROR' : ratio === undefined ? '-' : ratio <= TARGET_RATIO ? 'pass' : 'FAIL';
    return [
      r.kernel.name,
      r.c ? String(r.c.insns) : '-',
      r.dialect ? String(r.dialect.insns) : (r.dialectNote ?? '-'),
      ratio === undefined ? '-' : ratio.toFixed(3),
      verdict,
      r.c ? hex(r.c.result) : r.dialect ? hex(r.dialect.result) : '-',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 || (i === 2 && isNaN(Number(c))) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt)].join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const strict = args.includes('--strict');
  const only = args.filter((a) => !a.startsWith('--'));
  const kernels = only.length ? KERNELS.filter((k) => only.includes(k.name)) : KERNELS;
  if (!kernels.length) {
    console.error(`unknown kernel(s) ${only.join(', ')}; have ${KERNELS.map((k) => k.name).join(', ')}`);
    return 2;
  }
  if (!haveCompiler() || !haveQemu()) {
    console.error(`bench needs ${CC} and ${QEMU} on PATH`);
    return 2;
  }

  const outDir = path.join(BENCH_DIR, 'out');
  mkdirSync(outDir, { recursive: true });
  const harness = buildHarness(outDir);
  const rows: Row[] = [];
  for (const k of kernels) rows.push(await benchKernel(k, outDir, harness));

  console.log(`guest instructions per kernel call (qemu-system-aarch64 virt/cortex-a53, -icount shift=4, baseline subtracted)\n`);
  console.log(table(rows));
  const gm = geomean(rows);
  if (gm !== undefined) console.log(`\ngeometric mean of the ratios: ${gm.toFixed(3)} (target <= ${TARGET_GEOMEAN})`);
  for (const r of rows) for (const e of r.errors) console.error(`\n${r.kernel.name}: ${e}`);

  writeFileSync(
    path.join(outDir, 'results.json'),
    JSON.stringify(
      rows.map((r) => ({
        kernel: r.kernel.name,
        what: r.kernel.what,
        c: r.c && { insns: r.c.insns, baseline: r.c.baseline, result: hex(r.c.result) },
        dialect: r.dialect && { insns: r.dialect.insns, baseline: r.dialect.baseline, result: hex(r.dialect.result) },
        dialectNote: r.dialectNote,
        ratio: r.c && r.dialect ? r.dialect.insns / r.c.insns : null,
        errors: r.errors,
      })),
      null,
      2,
    ) + '\n',
  );

  if (rows.some((r) => r.errors.length)) return 1;
  if (strict && rows.some((r) => r.c && r.dialect && r.dialect.insns / r.c.insns > TARGET_RATIO)) return 1;
  if (strict && (geomean(rows) ?? 0) > TARGET_GEOMEAN) return 1;
  return 0;
}

process.exitCode = await main();
