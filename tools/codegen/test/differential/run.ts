/**
 * Differential-suite driver: generate the programs, run each under Node,
 * build and run it natively (aarch64 under qemu-aarch64, and a host build
 * with -fsanitize=undefined,address), and require every output to match the
 * others and the generator's prediction line for line.
 *
 *     npx tsx tools/codegen/test/differential/run.ts [--seed N] [--chunk-size N] [--jobs N]
 *         [--node-only] [--target linux-user|host-sanitize]... [--cc gcc|clang] [--chunks chunk-003,chunk-010]
 *
 * Programs run `jobs` at a time (default 2: one per core on CI).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareOutputs, formatComparison, isClean, loadCases, type Comparison, type Output } from './compare';
import { DEFAULT_CHUNK_SIZE, DEFAULT_OUT, DEFAULT_SEED, generate, type Manifest, type ManifestChunk } from './generate';
import { TARGET_LABEL, buildAndRunAll, closeBuildWorkers, isFailure, loadCompiler, type NativeTarget } from './native';
import { runNode } from './node';

export const ALL_TARGETS: readonly NativeTarget[] = ['linux-user', 'host-sanitize'];

export interface SuiteOptions {
  seed?: number;
  chunkSize?: number;
  outDir?: string;
  /** Programs in flight at once (default 2). */
  jobs?: number;
  /** Native targets; 'auto' = all of them if the compiler's build API exists, none otherwise. */
  targets?: readonly NativeTarget[] | 'auto';
  cc?: 'gcc' | 'clang';
  /** Only these chunk names (default all). */
  chunks?: readonly string[];
  log?: (line: string) => void;
}

export interface StageTime {
  name: string;
  buildMs: number;
  runMs: number;
}

export interface ChunkResult {
  name: string;
  cases: number;
  stages: StageTime[];
  comparison: Comparison;
  /** Build errors and other failures that stopped a stage. */
  errors: string[];
  /** Empty when clean. */
  report: string;
}

export interface SuiteResult {
  manifest: Manifest;
  /** Cases run (all chunks selected). */
  cases: number;
  targets: NativeTarget[];
  /** Why native targets were skipped under 'auto', if they were. */
  nativeSkipped?: string;
  chunks: ChunkResult[];
  failures: string[];
  wallMs: number;
  generateMs: number;
  /** Summed over programs, per stage. */
  totals: Record<string, { buildMs: number; runMs: number }>;
}

async function pool<T, R>(items: readonly T[], jobs: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}

async function runChunk(chunk: ManifestChunk, outDir: string, targets: readonly NativeTarget[], cc: SuiteOptions['cc']): Promise<ChunkResult> {
  const records = loadCases(chunk.cases);
  const outputs: Output[] = [];
  const stages: StageTime[] = [];
  const errors: string[] = [];
  try {
    const node = await runNode(chunk.entry);
    outputs.push(node);
    stages.push({ name: 'node', buildMs: 0, runMs: node.ms });
  } catch (e) {
    errors.push(`node: ${errorText(e)}`);
  }
  try {
    for (const r of await buildAndRunAll(chunk.entry, join(outDir, chunk.name), targets, cc)) {
      if (isFailure(r)) {
        errors.push(`${TARGET_LABEL[r.target]}: ${r.error}`);
        continue;
      }
      outputs.push(r);
      stages.push({ name: r.name, buildMs: r.buildMs, runMs: r.runMs });
    }
  } catch (e) {
    errors.push(`native: ${errorText(e)}`);
  }
  const comparison = compareOutputs(records, outputs);
  const report = [...errors.map((e) => `${chunk.name}: ${e}`), isClean(comparison) ? '' : formatComparison(chunk.name, comparison)]
    .filter((s) => s.length > 0)
    .join('\n');
  return { name: chunk.name, cases: chunk.count, stages, comparison, errors, report };
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export async function runSuite(options: SuiteOptions = {}): Promise<SuiteResult> {
  const log = options.log ?? ((): void => {});
  const outDir = resolve(options.outDir ?? DEFAULT_OUT);
  const t0 = performance.now();
  const manifest = generate({
    seed: options.seed ?? DEFAULT_SEED,
    chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    outDir,
  });
  const generateMs = performance.now() - t0;
  log(`generated ${manifest.total} cases in ${manifest.chunks.length} programs (seed ${manifest.seed}) in ${ms(generateMs)}`);

  let targets: NativeTarget[];
  let nativeSkipped: string | undefined;
  if (options.targets === undefined || options.targets === 'auto') {
    const api = await loadCompiler();
    if (typeof api === 'string') {
      targets = [];
      nativeSkipped = api;
      log(`native targets skipped: ${api}`);
    } else targets = [...ALL_TARGETS];
  } else targets = [...options.targets];

  const selected = options.chunks ? manifest.chunks.filter((c) => options.chunks!.includes(c.name)) : manifest.chunks;
  let chunks: ChunkResult[];
  try {
    chunks = await pool(selected, options.jobs ?? 2, async (c) => {
      const r = await runChunk(c, outDir, targets, options.cc);
      const times = r.stages.map((s) => `${s.name} ${s.buildMs > 0 ? `build ${ms(s.buildMs)} ` : ''}run ${ms(s.runMs)}`).join(', ');
      log(`${c.name} ${String(c.count).padStart(5)} cases  ${r.report === '' ? 'ok  ' : 'FAIL'}  ${times}`);
      if (r.report !== '') log(r.report);
      return r;
    });
  } finally {
    closeBuildWorkers();
  }

  const totals: SuiteResult['totals'] = {};
  for (const c of chunks) {
    for (const s of c.stages) {
      const t = (totals[s.name] ??= { buildMs: 0, runMs: 0 });
      t.buildMs += s.buildMs;
      t.runMs += s.runMs;
    }
  }
  const result: SuiteResult = {
    manifest,
    cases: selected.reduce((n, c) => n + c.count, 0),
    targets,
    ...(nativeSkipped !== undefined ? { nativeSkipped } : {}),
    chunks,
    failures: chunks.filter((c) => c.report !== '').map((c) => c.report),
    wallMs: performance.now() - t0,
    generateMs,
    totals,
  };
  log(summary(result));
  return result;
}

const ms = (x: number): string => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);

export function summary(r: SuiteResult): string {
  const stages = Object.entries(r.totals)
    .map(([name, t]) => `${name}: ${t.buildMs > 0 ? `build ${ms(t.buildMs)} + ` : ''}run ${ms(t.runMs)}`)
    .join('; ');
  return (
    `${r.cases} cases in ${r.chunks.length} programs, outputs compared: generator, node` +
    `${r.targets.map((t) => `, ${TARGET_LABEL[t]}`).join('')}; ${r.failures.length} failing program(s); ` +
    `wall ${ms(r.wallMs)} (summed per stage: ${stages})`
  );
}

function parseArgs(argv: readonly string[]): SuiteOptions {
  const o: SuiteOptions = { log: (l) => process.stdout.write(l + '\n') };
  const targets: NativeTarget[] = [];
  let nodeOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--seed') o.seed = Number(next());
    else if (a === '--chunk-size') o.chunkSize = Number(next());
    else if (a === '--jobs') o.jobs = Number(next());
    else if (a === '--out') o.outDir = next();
    else if (a === '--node-only') nodeOnly = true;
    else if (a === '--target') targets.push(next() as NativeTarget);
    else if (a === '--cc') o.cc = next() as 'gcc' | 'clang';
    else if (a === '--chunks') o.chunks = next().split(',');
    else throw new Error(`unknown argument ${a}`);
  }
  o.targets = nodeOnly ? [] : targets.length > 0 ? targets : 'auto';
  return o;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await runSuite(parseArgs(process.argv.slice(2)));
  process.exitCode = r.failures.length === 0 ? 0 : 1;
}
