/**
 * The one place the differential suite touches the native toolchain, so that
 * adapting to the compiler's build API is a change to this file only.
 *
 * Compiler API used (tools/codegen/src/index.ts):
 *   buildProgram({ entry, outDir, target: 'linux-user' | 'host-sanitize', cc?: 'gcc' | 'clang' })
 *     -> Promise<{ elf: string; cFile: string }>
 *   runNative(elf) -> Promise<{ stdout: string; exitCode: number; stderr?: string }>
 *     (qemu-aarch64 for linux-user ELFs, directly for host builds)
 *
 * buildProgram lowers TS -> C synchronously (seconds of CPU per program), so
 * builds run in forked workers (build-child.ts), kept warm across programs,
 * letting `jobs` programs build on separate cores; the ELFs run from this
 * process. Call closeBuildWorkers() when done.
 *
 * DIFF_COMPILER_MODULE overrides where that API is imported from (a path or
 * file URL), e.g. fixtures/stand-in-compiler.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Output } from './compare';

export type NativeTarget = 'linux-user' | 'host-sanitize';
export type CCompiler = 'gcc' | 'clang';

/** The names the outputs go by in reports. */
export const TARGET_LABEL: Record<NativeTarget, string> = {
  'linux-user': 'aarch64',
  'host-sanitize': 'host-sanitize',
};

interface CompilerApi {
  buildProgram(o: { entry: string; outDir: string; target: NativeTarget; cc?: CCompiler }): Promise<{ elf: string; cFile: string }>;
  runNative(elf: string): Promise<{ stdout: string; exitCode: number; stderr?: string }>;
}

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_MODULE = join(here, '..', '..', 'src', 'index.ts');
const BUILD_CHILD = join(here, 'build-child.ts');

let cached: Promise<CompilerApi | string> | undefined;

/** The compiler's build API, or the reason it is unavailable. */
export function loadCompiler(): Promise<CompilerApi | string> {
  cached ??= (async () => {
    const spec = process.env['DIFF_COMPILER_MODULE'] ?? DEFAULT_MODULE;
    const isUrl = spec.startsWith('file:');
    if (!isUrl && !existsSync(resolve(spec))) return `${spec} does not exist yet`;
    const url = isUrl ? spec : pathToFileURL(resolve(spec)).href;
    let mod: Record<string, unknown>;
    try {
      mod = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
    } catch (e) {
      return `cannot import ${spec}: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (typeof mod['buildProgram'] !== 'function' || typeof mod['runNative'] !== 'function') {
      return `${spec} does not export buildProgram and runNative`;
    }
    return mod as unknown as CompilerApi;
  })();
  return cached;
}

/** Argument of build-child.ts. */
export interface BuildRequest {
  entry: string;
  targets: { target: NativeTarget; outDir: string }[];
  cc?: CCompiler;
}

/** What build-child.ts prints. */
export interface BuildReply {
  error?: string;
  builds: { target: NativeTarget; elf?: string; cFile?: string; error?: string; ms: number }[];
}

function tsxLoader(): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs')).href;
}

interface Worker {
  child: ChildProcess;
  stderr: string[];
  pending: Map<number, { done: (r: BuildReply) => void; fail: (e: Error) => void }>;
}

const idle: Worker[] = [];
const all = new Set<Worker>();
let nextId = 0;

function startWorker(): Worker {
  const child = fork(BUILD_CHILD, [], {
    execArgv: ['--import', tsxLoader()],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const w: Worker = { child, stderr: [], pending: new Map() };
  child.stderr?.on('data', (b: Buffer) => {
    w.stderr.push(b.toString('utf8'));
    if (w.stderr.length > 50) w.stderr.shift();
  });
  child.on('message', (m: { id: number; reply: BuildReply }) => {
    const p = w.pending.get(m.id);
    w.pending.delete(m.id);
    p?.done(m.reply);
  });
  child.on('exit', (code, signal) => {
    all.delete(w);
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
    for (const p of w.pending.values()) {
      p.fail(new Error(`build worker died (${signal ?? code}): ${w.stderr.join('').slice(-4000)}`));
    }
    w.pending.clear();
  });
  all.add(w);
  return w;
}

/** Build in a warm worker (a new one if none is idle: at most one per caller in flight). */
async function buildInWorker(req: BuildRequest): Promise<BuildReply> {
  const w = idle.pop() ?? startWorker();
  try {
    return await new Promise<BuildReply>((done, fail) => {
      const id = nextId++;
      w.pending.set(id, { done, fail });
      w.child.send({ id, req });
    });
  } finally {
    if (all.has(w)) idle.push(w);
  }
}

/** Stop the build workers (they would otherwise keep the process alive). */
export function closeBuildWorkers(): void {
  for (const w of all) w.child.disconnect();
  idle.length = 0;
}

export interface NativeRun extends Output {
  target: NativeTarget;
  elf: string;
  cFile: string;
  buildMs: number;
  runMs: number;
}

/** A target whose build or run failed: the error text, for the report. */
export interface NativeFailure {
  target: NativeTarget;
  error: string;
}

/**
 * Build `entry` for each target (into `<outBase>/<target>/`) in one child
 * process, then run every ELF that was built.
 */
export async function buildAndRunAll(
  entry: string,
  outBase: string,
  targets: readonly NativeTarget[],
  cc?: CCompiler,
): Promise<(NativeRun | NativeFailure)[]> {
  if (targets.length === 0) return [];
  const api = await loadCompiler();
  if (typeof api === 'string') throw new Error(`native build unavailable: ${api}`);
  const reply = await buildInWorker({
    entry,
    targets: targets.map((target) => ({ target, outDir: join(outBase, target) })),
    ...(cc ? { cc } : {}),
  });
  if (reply.error !== undefined) throw new Error(`native build unavailable: ${reply.error}`);
  const results: (NativeRun | NativeFailure)[] = [];
  for (const b of reply.builds) {
    if (b.error !== undefined || b.elf === undefined || b.cFile === undefined) {
      results.push({ target: b.target, error: `build failed: ${b.error ?? 'no ELF'}` });
      continue;
    }
    const t0 = performance.now();
    try {
      const ran = await api.runNative(b.elf);
      results.push({
        target: b.target,
        name: TARGET_LABEL[b.target],
        stdout: ran.stdout,
        exitCode: ran.exitCode,
        ...(ran.stderr !== undefined ? { stderr: ran.stderr } : {}),
        elf: b.elf,
        cFile: b.cFile,
        buildMs: b.ms,
        runMs: performance.now() - t0,
      });
    } catch (e) {
      results.push({ target: b.target, error: `run failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return results;
}

export const isFailure = (r: NativeRun | NativeFailure): r is NativeFailure => 'error' in r;
