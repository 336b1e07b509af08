// The one module that imports the TypeScript compiler. Everything else in
// codegen reaches the compiler API through the names exported here, so a
// TypeScript upgrade touches this file only. Public API only (no internals).
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

export { ts };

export const REQUIRED_TS_MAJOR_MINOR = '5.9';

/** Fails early with a clear message if the workspace resolved another TypeScript. */
export function checkTypeScriptVersion(): void {
  if (!ts.version.startsWith(REQUIRED_TS_MAJOR_MINOR + '.')) {
    throw new Error(
      `@unishyper/codegen needs typescript ${REQUIRED_TS_MAJOR_MINOR}.x (found ${ts.version}); ` +
        `pin "typescript": "${REQUIRED_TS_MAJOR_MINOR}.x" in the workspace`,
    );
  }
}

/** The @types directory holding codegen's dependency @types/node. */
function nodeTypesRoot(): string {
  const nodeTypes = createRequire(import.meta.url).resolve('@types/node/package.json');
  return path.dirname(path.dirname(nodeTypes));
}

/** Compiler options for dialect programs: strict, ES2022 + disposable, bundler resolution. */
export function dialectCompilerOptions(): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'], // rt's Node implementation uses process and TextEncoder
    // ...found where codegen's own @types/node is, so an app need not install it.
    typeRoots: [nodeTypesRoot()],
    allowImportingTsExtensions: true,
    noFallthroughCasesInSwitch: false,
  };
}

// Parsed files are reused across builds in one process (the standard library
// and @types/node dominate parse time); a file is parsed again when it changes.
const sourceCache = new Map<string, { mtimeMs: number; sf: ts.SourceFile }>();

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    let mtimeMs = -1;
    try {
      mtimeMs = ts.sys.getModifiedTime?.(fileName)?.getTime() ?? -1;
    } catch {
      mtimeMs = -1;
    }
    const hit = sourceCache.get(fileName);
    if (hit && hit.mtimeMs === mtimeMs && mtimeMs !== -1) return hit.sf;
    const sf = original(fileName, languageVersion, onError, shouldCreate);
    if (sf && mtimeMs !== -1) sourceCache.set(fileName, { mtimeMs, sf });
    return sf;
  };
  return host;
}

export function createDialectProgram(rootFiles: string[]): ts.Program {
  checkTypeScriptVersion();
  const options = dialectCompilerOptions();
  return ts.createProgram({ rootNames: rootFiles, options, host: cachingHost(options) });
}

export interface SourcePos {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
}

export function posOf(node: ts.Node): SourcePos {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { file: sf.fileName, line: line + 1, col: character + 1 };
}

export function tsDiagnosticText(d: ts.Diagnostic): { pos?: SourcePos; message: string } {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return { pos: { file: d.file.fileName, line: line + 1, col: character + 1 }, message };
  }
  return { message };
}
