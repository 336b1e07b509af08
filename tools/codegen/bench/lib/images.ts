// Building one bench image per (kernel, variant): harness + glue + kernel.
import path from 'node:path';
import { DIALECT_INCLUDES, buildDialectObject } from './dialect.js';
import type { KernelSpec } from './kernels.js';
import { BENCH_DIR, buildHarness, compile, link } from './toolchain.js';

export type Variant = 'c' | 'dialect';

/** Defines for glue/call.c (the kernel's name and work count); none for the older glues. */
function glueDefines(k: KernelSpec): string[] {
  return k.call ? [`-DKERNEL_NAME="${k.name}"`, `-DKERNEL_N=${k.call.n}`, `-DKERNEL_C=${k.call.cSymbol}`] : [];
}

/** Image with the hand-written C kernel. */
export function buildCImage(k: KernelSpec, outDir: string, harness = buildHarness(outDir)): string {
  const dir = path.join(outDir, k.name);
  const glue = compile(k.glue, path.join(dir, 'glue.c.o'), glueDefines(k));
  const kernel = compile(k.cSource, path.join(dir, `${k.name}.c.o`), [`-I${path.join(BENCH_DIR, 'c')}`, ...DIALECT_INCLUDES.map((d) => `-I${d}`)]);
  return link([...harness, glue, kernel], path.join(dir, `${k.name}.c.elf`));
}

/** Image with the dialect kernel lowered by the compiler; the glue is the same source. */
export async function buildDialectImage(k: KernelSpec, outDir: string, harness = buildHarness(outDir)): Promise<string> {
  const dir = path.join(outDir, k.name);
  const d = await buildDialectObject(k.tsSource, dir, k.tsExport);
  const glue = compile(k.glue, path.join(dir, 'glue.dialect.o'), ['-DBENCH_DIALECT', `-DBENCH_DIALECT_SYMBOL=${d.symbol}`, ...glueDefines(k)]);
  return link([...harness, glue, ...d.objects], path.join(dir, `${k.name}.dialect.elf`));
}

/** Image for the calibration loop (glue/calib.c) of `n` iterations. */
export function buildCalibImage(n: number, outDir: string, harness = buildHarness(outDir)): string {
  const dir = path.join(outDir, 'calib');
  const glue = compile(path.join(BENCH_DIR, 'glue', 'calib.c'), path.join(dir, `calib${n}.o`), [`-DCALIB_N=${n}`]);
  return link([...harness, glue], path.join(dir, `calib${n}.elf`));
}

/** Image whose bench_run() faults (glue/fault.c), to test the fault path. */
export function buildFaultImage(outDir: string, harness = buildHarness(outDir)): string {
  const dir = path.join(outDir, 'fault');
  const glue = compile(path.join(BENCH_DIR, 'glue', 'fault.c'), path.join(dir, 'fault.o'));
  return link([...harness, glue], path.join(dir, 'fault.elf'));
}
