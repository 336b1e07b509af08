/**
 * The one place the differential suite touches the native toolchain, so that
 * adapting to the compiler's build API is a change to this file only.
 *
 * Expected API (tools/codegen/src/index.ts):
 *   buildProgram({ entry, outDir, target: 'linux-user' | 'host-sanitize', cc?: 'gcc' | 'clang' })
 *     -> Promise<{ elf: string; cFile: string }>
 *   runNative(elf) -> Promise<{ stdout: string; exitCode: number; stderr?: string }>
 *     (qemu-aarch64 for linux-user ELFs, directly for host builds)
 *
 * DIFF_COMPILER_MODULE overrides where that API is imported from (a path or
 * file URL), e.g. to try the suite against a stand-in.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Output } from './compare';

export type NativeTarget = 'linux-user' | 'host-sanitize';

/** The names the outputs go by in reports. */
export const TARGET_LABEL: Record<NativeTarget, string> = {
  'linux-user': 'aarch64',
  'host-sanitize': 'host-sanitize',
};

interface BuildOptions {
  entry: string;
  outDir: string;
  target: NativeTarget;
  cc?: 'gcc' | 'clang';
}

interface CompilerApi {
  buildProgram(o: BuildOptions): Promise<{ elf: string; cFile: string }>;
  runNative(elf: string): Promise<{ stdout: string; exitCode: number; stderr?: string }>;
}

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_MODULE = join(here, '..', '..', 'src', 'index.ts');

let cached: Promise<CompilerApi | string> | undefined;

/** The compiler's build API, or the reason it is unavailable. */
export function loadCompiler(): Promise<CompilerApi | string> {
  cached ??= (async () => {
    const override = process.env['DIFF_COMPILER_MODULE'];
    const spec = override ?? DEFAULT_MODULE;
    const url = spec.startsWith('file:') ? spec : pathToFileURL(resolve(spec)).href;
    if (!spec.startsWith('file:') && !existsSync(resolve(spec))) return `${spec} does not exist yet`;
    let mod: Record<string, unknown>;
    try {
      mod = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
    } catch (e) {
      return `cannot import ${spec}: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (typeof mod['buildProgram'] !== 'function' || typeof mod['runNative'] !== 'function') {
      return `${spec} does not export buildProgram and runNative yet`;
    }
    return mod as unknown as CompilerApi;
  })();
  return cached;
}

export interface NativeRun extends Output {
  elf: string;
  cFile: string;
  buildMs: number;
  runMs: number;
}

/** Build `entry` for `target` into `outDir` and run it. */
export async function buildAndRun(entry: string, outDir: string, target: NativeTarget, cc?: 'gcc' | 'clang'): Promise<NativeRun> {
  const api = await loadCompiler();
  if (typeof api === 'string') throw new Error(`native build unavailable: ${api}`);
  const t0 = performance.now();
  const built = await api.buildProgram({ entry, outDir, target, ...(cc ? { cc } : {}) });
  const t1 = performance.now();
  const ran = await api.runNative(built.elf);
  const t2 = performance.now();
  return {
    name: TARGET_LABEL[target],
    stdout: ran.stdout,
    exitCode: ran.exitCode,
    ...(ran.stderr !== undefined ? { stderr: ran.stderr } : {}),
    elf: built.elf,
    cFile: built.cFile,
    buildMs: t1 - t0,
    runMs: t2 - t1,
  };
}
