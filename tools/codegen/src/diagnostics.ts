// Compile errors: each names the place (file:line:col) and the problem; for
// code outside the dialect also the construct and what to write instead.
import path from 'node:path';
import { posOf, ts, type SourcePos } from './ts-adapter.js';

export interface Diagnostic {
  pos?: SourcePos;
  message: string;
}

export function formatDiagnostic(d: Diagnostic, cwd = process.cwd()): string {
  if (!d.pos) return `error: ${d.message}`;
  const file = path.relative(cwd, d.pos.file) || d.pos.file;
  return `${file}:${d.pos.line}:${d.pos.col}: error: ${d.message}`;
}

/** Thrown by the lowering when it meets a construct it cannot lower. */
export class DialectError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(formatDiagnostic(diagnostic));
  }
}

/** A construct outside the dialect: `construct` names it, `hint` says what to write instead. */
export function unsupported(node: ts.Node, construct: string, hint: string): never {
  throw new DialectError({
    pos: posOf(node),
    message: `${construct} is not supported in the kernel dialect; ${hint}`,
  });
}

/** Any other error at a node (wrong use of an intrinsic, a value out of range, ...). */
export function errorAt(node: ts.Node, message: string): never {
  throw new DialectError({ pos: posOf(node), message });
}

/** Thrown by build steps with one or more diagnostics collected. */
export class CompileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
  }
}
