// The dialect side of the benchmark: lower a kernel's .ts to C with the
// compiler's API and compile that C exactly like the C baseline.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CC, REPO_ROOT, compile } from './toolchain.js';

/** The compiler (or a part of it the bench needs) is not there yet. */
export class CompilerUnavailable extends Error {}

export interface DialectObject {
  /** Objects to link in place of the C baseline's object. */
  objects: string[];
  /** The C name of the exported kernel, passed to the glue as BENCH_DIALECT_SYMBOL. */
  symbol: string;
  /** The emitted C, kept as a readable artifact. */
  cFile: string;
}

interface CompileToC {
  (opts: { entry: string; exports?: string[] }): { c: string; diagnostics?: unknown[] };
}

/** The compiler's entry module; BENCH_COMPILER overrides it (e.g. a stub in tests). */
export const COMPILER_MODULE = process.env.BENCH_COMPILER ?? path.join(REPO_ROOT, 'tools/codegen/src/index.ts');

async function loadCompiler(): Promise<CompileToC> {
  if (!existsSync(COMPILER_MODULE))
    throw new CompilerUnavailable(`compiler not available yet (no ${path.relative(REPO_ROOT, COMPILER_MODULE)})`);
  let mod: { compileToC?: CompileToC };
  try {
    mod = await import(pathToFileURL(COMPILER_MODULE).href);
  } catch (e) {
    throw new CompilerUnavailable(`compiler failed to load: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof mod.compileToC !== 'function') throw new CompilerUnavailable('compiler not available yet (no compileToC export)');
  return mod.compileToC;
}

function describeDiagnostic(d: unknown): string {
  if (typeof d === 'string') return d;
  const x = d as { message?: string; pos?: { file: string; line: number; col: number } };
  if (x?.pos) return `${path.relative(process.cwd(), x.pos.file)}:${x.pos.line}:${x.pos.col}: ${x.message}`;
  return x?.message ?? JSON.stringify(d);
}

/** Include directories for emitted C: rt's native header, and the compiler's runtime directory. */
export const DIALECT_INCLUDES = [
  path.join(REPO_ROOT, 'packages/rt/native'),
  path.join(REPO_ROOT, 'tools/codegen/runtime'),
];

/**
 * The C name the compiler gives `exportName` of module `tsPath`: the module
 * prefix (file base name) + '_' + the export, possibly with a numeric suffix
 * when the name was taken. Checked against the object's global symbols.
 */
function findSymbol(object: string, tsPath: string, exportName: string): string {
  const nm = CC.replace(/gcc$/, 'nm');
  const lines = execFileSync(nm, ['--defined-only', object], { encoding: 'utf8' }).split('\n');
  const syms = lines.map((l) => l.trim().split(/\s+/)).filter((f) => f.length === 3);
  const base = path.basename(tsPath).replace(/\.[cm]?tsx?$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  const wanted = new RegExp(`^${base}_${exportName}(_\\d+)?$`);
  const hit = syms.find(([, , name]) => wanted.test(name));
  if (!hit) throw new Error(`no symbol ${base}_${exportName} in the compiled dialect object ${object}`);
  if (hit[1] !== 'T') throw new Error(`${hit[2]} is not an external function (nm type ${hit[1]}): the compiler must keep exported kernels external`);
  return hit[2];
}

/**
 * Lowers `tsPath` with the compiler, keeping `exportName`, and compiles the
 * emitted C with the same flags as the C baseline.
 */
export async function buildDialectObject(tsPath: string, outDir: string, exportName: string): Promise<DialectObject> {
  const compileToC = await loadCompiler();
  const name = path.basename(tsPath).replace(/\.ts$/, '');
  mkdirSync(outDir, { recursive: true });

  let out: { c: string; diagnostics?: unknown[] };
  try {
    out = compileToC({ entry: tsPath, exports: [exportName] });
  } catch (e) {
    throw new Error(`compileToC(${path.relative(process.cwd(), tsPath)}) failed:\n${(e as Error).message}`);
  }
  const diags = (out.diagnostics ?? []).map(describeDiagnostic);
  if (!out.c) throw new Error(`compileToC(${tsPath}) produced no C:\n${diags.join('\n')}`);
  for (const d of diags) console.warn(`warning: ${d}`);

  const cFile = path.join(outDir, `${name}.dialect.c`);
  writeFileSync(cFile, out.c);
  const includes = DIALECT_INCLUDES.filter((d) => existsSync(d)).map((d) => `-I${d}`);
  const object = compile(cFile, path.join(outDir, `${name}.dialect.o`), includes);
  return { objects: [object], symbol: findSymbol(object, tsPath, exportName), cFile };
}
