/**
 * Function starts carry their TypeScript line: every C function definition
 * the compiler emits is preceded by `#line <declaration line> "<file>"`, so
 * its signature, opening brace and prologue belong to the declaration. Before,
 * a function's prologue took the previous function's last line (a stack
 * overflow in a recursive function was reported in whatever function the C
 * happened to define before it).
 *
 * Checked in the C text (functions, methods, constructors, closures, a
 * function used as a value, interface dispatch) and in the DWARF of gcc and
 * clang builds: the line row at each function's entry address is its
 * declaration line, and the program still runs.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram, compileToC, runNative } from '../src/index.js';
import { readTsLineRows } from '../src/image/line-table.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const MAIN = path.join(here, 'line-directives', 'main.ts');
const src = fs.readFileSync(MAIN, 'utf8').split('\n');

/** 1-based line of the first fixture line starting (after indentation) with `text`. */
function lineOf(text: string): number {
  const i = src.findIndex((l) => l.trimStart().startsWith(text));
  if (i < 0) throw new Error(`no '${text}' in ${MAIN}`);
  return i + 1;
}

/** C function (by a regex on its name) -> the TS line its definition must carry. */
const EXPECTED: [RegExp, number][] = [
  [/^line_directives_main_dive$/, lineOf('function dive(')],
  [/^line_directives_main_busy$/, lineOf('function busy(')],
  [/^line_directives_main_twice$/, lineOf('function twice(')],
  [/^line_directives_main_inc$/, lineOf('function inc(')],
  [/^line_directives_main_main$/, lineOf('export function main(')],
  [/^Square_area$/, lineOf('area(): number {')],
  [/^Square_init$/, lineOf('constructor(side')],
  [/^Square_new$/, lineOf('constructor(side')],
  [/^Rect_init$/, lineOf('constructor(private w')],
  [/^lambda_\d+$/, lineOf('const add = (x')],
  [/^line_directives_main_inc__thunk$/, lineOf('function inc(')],
  [/^Shape_area__dispatch$/, lineOf('return s.area()')],
];

interface CDef {
  name: string;
  /** The #line directive right above the definition, if any. */
  directive?: { line: number; file: string };
}

/** Every function definition in the generated C up to the module initialiser (C glue with no TS declaration). */
function functionDefs(c: string): CDef[] {
  const lines = c.split('\n');
  const defs: CDef[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('static void rt_module_init(void) {')) break;
    const m = /^(?!typedef\b|struct\b|#)[^(]*?\b(\w+)\([^;]*\) \{$/.exec(l);
    if (!m) continue;
    const d = /^#line (\d+) "(.*)"$/.exec(lines[i - 1] ?? '');
    defs.push({ name: m[1]!, directive: d ? { line: Number(d[1]), file: d[2]! } : undefined });
  }
  return defs;
}

describe('#line at function definitions', () => {
  const c = compileToC({ entry: MAIN }).c;

  it('every C function definition is preceded by a #line directive', () => {
    const defs = functionDefs(c);
    expect(defs.length).toBeGreaterThan(EXPECTED.length);
    const missing = defs.filter((d) => !d.directive).map((d) => d.name);
    expect(missing, 'C functions defined without a #line before them').toEqual([]);
  });

  it('the directive names the TypeScript declaration (function, method, constructor, closure, thunk, dispatch)', () => {
    const defs = functionDefs(c);
    for (const [re, line] of EXPECTED) {
      const d = defs.find((x) => re.test(x.name));
      expect(d, `a C definition matching ${re}`).toBeDefined();
      expect(d!.directive, d!.name).toEqual({ line, file: MAIN });
    }
  });
});

describe.concurrent('DWARF: a function entry address maps to its declaration line', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-line-directives-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const cc of ['gcc', 'clang'] as const) {
    it(cc, async () => {
      const { elf } = await buildProgram({ entry: MAIN, outDir: path.join(tmp, cc), cc });
      const r = await runNative(elf);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^\d+ \d+ \d+ 3\n$/);
      // clang names the file relative to the compiler's working directory (this one).
      const rows = (await readTsLineRows(elf)).filter((x) => path.resolve(x.file) === MAIN).sort((a, b) => a.addr - b.addr);
      const { stdout: nm } = await run('aarch64-linux-gnu-nm', [elf]);
      // Functions with a body of their own (the rest are inlined: no entry address to check).
      const symbols = [...nm.matchAll(/^([0-9a-f]+) [tT] (\w+)$/gm)].map((m) => ({ addr: parseInt(m[1]!, 16), name: m[2]! }));
      let checked = 0;
      for (const [re, decl] of EXPECTED) {
        for (const sym of symbols.filter((x) => re.test(x.name))) {
          // The function's first row (a prologue-less function's body rows may share its address).
          const first = rows.find((x) => x.addr >= sym.addr);
          expect(first && { addr: first.addr, line: first.line }, `${sym.name} at 0x${sym.addr.toString(16)}`).toEqual({ addr: sym.addr, line: decl });
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
      // dive's prologue (its first instruction, the store a stack overflow faults on) is
      // the declaration in the fault report's table too, which keeps an address's last row.
      const dive = symbols.find((x) => x.name === 'line_directives_main_dive');
      expect(dive, 'dive is recursive twice over: a body of its own whichever compiler').toBeDefined();
      const last = rows.filter((x) => x.addr <= dive!.addr).pop();
      expect(last && { addr: last.addr, line: last.line }).toEqual({ addr: dive!.addr, line: lineOf('function dive(') });
    });
  }
});
