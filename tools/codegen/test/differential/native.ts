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
 * builds run in a child process (build-child.ts), one per program, letting
 * `jobs` programs build on separate cores; the ELFs run from this process.
 *
 * DIFF_COMPILER_MODULE overrides where that API is imported from (a path or
 * file URL), e.g. fixtures/stand-in-compiler.ts.
 */
import { spawn } from 'node:child_process';
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

function buildInChild(req: BuildRequest): Promise<BuildReply> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', tsxLoader(), BUILD_CHILD, JSON.stringify(req)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) => {
      const text = Buffer.concat(out).toString('utf8').trim();
      const last = text.split('\n').pop() ?? '';
      try {
        done(JSON.parse(last) as BuildReply);
      } catch {
        fail(new Error(`build child exited ${code}: ${text}\n${Buffer.concat(err).toString('utf8')}`));
      }
    });
  });
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
  const reply = await buildInChild({
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
