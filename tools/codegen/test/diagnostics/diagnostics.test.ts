/**
 * The compiler's diagnostics: one small program per rejected construct.
 *
 * Each case in cases/ marks the offending line with a trailing comment:
 *
 *   // error@col=N: <text>      a construct outside the dialect: the message is
 *                               `<construct> is not supported in the kernel dialect; <hint>`
 *                               and <text> is part of <construct>
 *   // error-at@col=N: <text>   any other compile error (errorAt): the message contains <text>
 *   // tsc-error@col=N: <text>  a plain TypeScript type error, reported with its position
 *
 * `@col=N` (1-based) is where the compiler reports the error: the start of the
 * node it names. The line is the marker's line. Text is matched
 * case-insensitively. Dialect and errorAt cases must produce exactly one
 * diagnostic; tsc cases at least one, and one of them must match.
 *
 * The tsc cases live in cases/.type-errors/: a dot-directory, so that
 * `tsc -p tools/codegen` (which includes test/) does not see their
 * deliberate type errors. Every other case type-checks under strict tsc.
 *
 * A case whose file starts with `// compiler bug: <what happens>` states what
 * the compiler should report but currently does not; its test runs as
 * it.fails, so the suite notices the day the compiler gets it right (then
 * delete the header).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CompileError, compileToC, formatDiagnostic, type Diagnostic } from '../../src/index';

const here = path.dirname(fileURLToPath(import.meta.url));
const codegenDir = path.resolve(here, '../..');
const casesDir = path.join(here, 'cases');
const typeErrorsDir = path.join(casesDir, '.type-errors');

type Kind = 'unsupported' | 'error' | 'tsc';

interface Case {
  name: string;
  file: string;
  kind: Kind;
  line: number;
  col?: number;
  text: string;
  /** Set when the case documents a compiler bug (the test is expected to fail). */
  bug?: string;
}

const MARKER = /\/\/ (error|error-at|tsc-error)(?:@col=(\d+))?: (.+?)\s*$/;
const KINDS: Record<string, Kind> = { error: 'unsupported', 'error-at': 'error', 'tsc-error': 'tsc' };
const UNSUPPORTED = /^([\s\S]+?) is not supported in the kernel dialect; ([\s\S]+)$/;

function parseCase(file: string): Case {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const marked = lines.map((l, i) => ({ m: MARKER.exec(l), line: i + 1 })).filter((x) => x.m);
  if (marked.length !== 1) throw new Error(`${file}: expected exactly one '// error...:' marker, found ${marked.length}`);
  const { m, line } = marked[0]!;
  const bug = /^\/\/ compiler bug: (.+)$/m.exec(lines.slice(0, 3).join('\n'))?.[1];
  return {
    name: path.basename(file, '.ts'),
    file,
    kind: KINDS[m![1]!]!,
    line,
    col: m![2] ? Number(m![2]) : undefined,
    text: m![3]!,
    bug,
  };
}

function listCases(dir: string): Case[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => parseCase(path.join(dir, f)));
}

const dialectCases = listCases(casesDir);
const typeErrorCases = listCases(typeErrorsDir);

/** Compiles `file` and returns the diagnostics of the CompileError it must throw. */
function diagnosticsOf(file: string): Diagnostic[] {
  let result: unknown;
  try {
    result = compileToC({ entry: file });
  } catch (e) {
    // Anything but a CompileError (a crash inside the compiler) fails the test as it is.
    if (e instanceof CompileError) {
      expect(e.message, 'CompileError.message lists the formatted diagnostics').toBe(e.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
      return e.diagnostics;
    }
    throw e;
  }
  expect.fail(`${path.relative(codegenDir, file)} was accepted (compiled to ${(result as { c: string }).c.length} bytes of C) but must be rejected`);
}

const atMarker = (c: Case) => (d: Diagnostic) =>
  !!d.pos && path.resolve(d.pos.file) === c.file && d.pos.line === c.line && (c.col === undefined || d.pos.col === c.col);

function checkCase(c: Case): void {
  const diags = diagnosticsOf(c.file);
  const shown = diags.map((d) => formatDiagnostic(d, codegenDir)).join('\n');
  let d: Diagnostic;
  if (c.kind === 'tsc') {
    expect(diags.length, shown).toBeGreaterThanOrEqual(1);
    const hit = diags.find((x) => atMarker(c)(x) && x.message.toLowerCase().includes(c.text.toLowerCase()));
    expect(hit, `a diagnostic at ${c.line}:${c.col ?? '*'} containing "${c.text}"; got:\n${shown}`).toBeDefined();
    d = hit!;
  } else {
    expect(diags, `exactly one diagnostic; got:\n${shown}`).toHaveLength(1);
    d = diags[0]!;
    expect(d.pos, `a position; got:\n${shown}`).toBeDefined();
    expect(path.resolve(d.pos!.file), `file; got:\n${shown}`).toBe(c.file);
    expect(d.pos!.line, `line; got:\n${shown}`).toBe(c.line);
    if (c.col !== undefined) expect(d.pos!.col, `column; got:\n${shown}`).toBe(c.col);
    if (c.kind === 'unsupported') {
      const m = UNSUPPORTED.exec(d.message);
      expect(m, `"<construct> is not supported in the kernel dialect; <hint>"; got:\n${shown}`).not.toBeNull();
      const [, construct, hint] = m!;
      expect(construct!.toLowerCase(), `the construct names "${c.text}"; got:\n${shown}`).toContain(c.text.toLowerCase());
      expect(hint!.trim().length, `a hint after ';'; got:\n${shown}`).toBeGreaterThanOrEqual(5);
    } else {
      expect(d.message.toLowerCase(), `the message contains "${c.text}"; got:\n${shown}`).toContain(c.text.toLowerCase());
    }
  }
  // file:line:col: error: message, with the file relative to the working directory.
  const rel = path.relative(codegenDir, c.file);
  expect(formatDiagnostic(d, codegenDir)).toBe(`${rel}:${d.pos!.line}:${d.pos!.col}: error: ${d.message}`);
  expect(formatDiagnostic(d, path.dirname(c.file))).toBe(`${path.basename(c.file)}:${d.pos!.line}:${d.pos!.col}: error: ${d.message}`);
}

function register(c: Case): void {
  const title = c.bug ? `${c.name} [compiler bug: ${c.bug}]` : c.name;
  if (c.bug) it.fails(title, () => checkCase(c));
  else it(title, () => checkCase(c));
}

describe('dialect diagnostics', () => {
  it('has the cases', () => {
    expect(dialectCases.length).toBeGreaterThanOrEqual(100);
    expect(typeErrorCases.length).toBeGreaterThanOrEqual(2);
    expect(typeErrorCases.every((c) => c.kind === 'tsc')).toBe(true);
    expect(dialectCases.every((c) => c.kind !== 'tsc'), 'tsc-error cases belong in cases/.type-errors/').toBe(true);
    expect(dialectCases.every((c) => c.col !== undefined), 'every case states its column').toBe(true);
  });

  for (const c of dialectCases) register(c);
});

describe('TypeScript type errors', () => {
  for (const c of typeErrorCases) register(c);
});

describe('formatDiagnostic', () => {
  it('formats a positioned diagnostic as file:line:col relative to the working directory', () => {
    const d: Diagnostic = { pos: { file: path.join(codegenDir, 'src/x.ts'), line: 3, col: 14 }, message: 'boom' };
    expect(formatDiagnostic(d, codegenDir)).toBe('src/x.ts:3:14: error: boom');
    expect(formatDiagnostic(d, path.join(codegenDir, 'src'))).toBe('x.ts:3:14: error: boom');
    expect(formatDiagnostic(d, path.join(codegenDir, 'test'))).toBe(`${path.join('..', 'src', 'x.ts')}:3:14: error: boom`);
  });

  it('formats a diagnostic without a position as a bare error', () => {
    expect(formatDiagnostic({ message: 'no entry' })).toBe('error: no entry');
  });

  it('reports a missing entry file as a CompileError without a position', () => {
    const missing = path.join(casesDir, 'does-not-exist.ts');
    let err: unknown;
    try {
      compileToC({ entry: missing });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CompileError);
    const diags = (err as CompileError).diagnostics;
    expect(diags).toHaveLength(1);
    expect(diags[0]!.pos).toBeUndefined();
    expect(diags[0]!.message).toContain(missing);
    expect(formatDiagnostic(diags[0]!)).toBe(`error: ${diags[0]!.message}`);
  });

  it('compiles a program inside the dialect without diagnostics', () => {
    const r = compileToC({ entry: path.join(here, 'cli-fixtures/exit7.ts') });
    expect(r.c).toContain('rt_app_main');
  });
});
