// What a TypeScript file imports (static, type-only, re-exports and dynamic
// import() with a literal), and which package a bare specifier names.
import { builtinModules } from 'node:module';
import ts from 'typescript';

export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

export const isRelative = (spec: string) => spec.startsWith('./') || spec.startsWith('../');

/** The package a bare specifier names ('@scope/name/sub' -> '@scope/name'), or null for Node built-ins. */
export function packageOf(spec: string): string | null {
  if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
