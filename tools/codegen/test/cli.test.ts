/**
 * The `unishyper` command line: usage, exit statuses, diagnostics on stderr,
 * and the artifacts of a build (the ELF and the readable C next to it).
 *
 * The CLI runs as a user would: `node bin/unishyper.js ...` in a child
 * process, from tools/codegen (in the workspace the bin runs src/cli.ts
 * through tsx, so the tests see the sources in this tree). The programs live
 * in test/diagnostics/cli-fixtures/ (inside the workspace, so '@unishyper/rt'
 * resolves).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const codegenDir = path.resolve(here, '..');
const BIN = path.join(codegenDir, 'bin/unishyper.js');
const FIXTURES = 'test/diagnostics/cli-fixtures';
const EXIT7 = `${FIXTURES}/exit7.ts`;
const DIALECT_ERROR = `${FIXTURES}/dialect-error.ts`;
const TYPE_ERRORS = `${FIXTURES}/.type-errors/two-type-errors.ts`;

interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], timeoutMs = 170_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: codegenDir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const show = (r: CliResult) => `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-cli-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.concurrent('unishyper CLI: usage', () => {
  it('--help prints the usage and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/^unishyper\b/);
    expect(r.stdout).toContain('Usage:');
    expect(r.stdout).toContain('unishyper build <entry.ts>');
    expect(r.stdout).toContain('unishyper run <entry.ts>');
    expect(r.stdout).toContain('--target');
    expect(r.stdout).toContain('--cc');
  });

  it('-h is --help', async () => {
    const r = await cli(['-h']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain('Usage:');
  });

  it('no arguments: usage, exit 2', async () => {
    const r = await cli([]);
    expect(r.code, show(r)).toBe(2);
    expect(r.stdout + r.stderr).toContain('Usage:');
  });

  it('an unknown command exits 2 and names it', async () => {
    const r = await cli(['frobnicate', EXIT7]);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it('build without an entry exits 2', async () => {
    const r = await cli(['build']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain('missing the entry file');
  });

  it('run without an entry exits 2', async () => {
    const r = await cli(['run']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain('missing the entry file');
  });

  it('an unknown option exits 2', async () => {
    const r = await cli(['build', EXIT7, '--optimise-harder']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain('--help');
  });

  it('an unknown target exits 2', async () => {
    const r = await cli(['build', EXIT7, '--target', 'riscv', '-o', path.join(tmp, 'bad-target')]);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain("unknown target 'riscv'");
  });

  it('an unknown C compiler exits 2', async () => {
    const r = await cli(['build', EXIT7, '--cc', 'tcc', '-o', path.join(tmp, 'bad-cc')]);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain("unknown C compiler 'tcc'");
  });

  it('an entry file that does not exist exits 1 with an error, and builds nothing', async () => {
    const out = path.join(tmp, 'missing');
    const r = await cli(['build', `${FIXTURES}/no-such-file.ts`, '-o', out]);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toMatch(/^error: entry file not found: .*no-such-file\.ts$/m);
    expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
  });
});

describe.concurrent('unishyper CLI: compile errors', () => {
  it('a dialect error exits 1, prints file:line:col: error: to stderr, and builds nothing', async () => {
    const out = path.join(tmp, 'dialect-error');
    const r = await cli(['build', DIALECT_ERROR, '-o', out]);
    expect(r.code, show(r)).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => / error: /.test(l));
    expect(errors, show(r)).toEqual([
      `${DIALECT_ERROR}:5:10: error: the '/' operator is not supported in the kernel dialect; ${errors[0]?.split('; ').slice(1).join('; ')}`,
    ]);
    expect(errors[0]).toContain('idiv');
    expect(r.stderr).toContain('1 error(s); nothing was built');
    expect(r.stdout).toBe('');
    const left = fs.existsSync(out) ? fs.readdirSync(out) : [];
    expect(left.filter((f) => f.endsWith('.c') || f.endsWith('.elf')), 'no C file and no ELF').toEqual([]);
  });

  it('run of a program with a dialect error exits 1 without running anything', async () => {
    const r = await cli(['run', DIALECT_ERROR, '-o', path.join(tmp, 'dialect-error-run')]);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toContain(`${DIALECT_ERROR}:5:10: error: `);
    expect(r.stdout).toBe('');
  });

  it('every TypeScript type error is printed with its file:line:col', async () => {
    const out = path.join(tmp, 'type-errors');
    const r = await cli(['build', TYPE_ERRORS, '-o', out]);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${TYPE_ERRORS.replace(/\./g, '\\.')}:5:9: error: Type 'number' is not assignable to type 'u32'`, 'm'));
    expect(r.stderr).toMatch(new RegExp(`^${TYPE_ERRORS.replace(/\./g, '\\.')}:6:9: error: Type 'u32' is not assignable to type 'string'`, 'm'));
    expect(r.stderr).toContain('2 error(s); nothing was built');
    const left = fs.existsSync(out) ? fs.readdirSync(out) : [];
    expect(left.filter((f) => f.endsWith('.c') || f.endsWith('.elf'))).toEqual([]);
  });
});

describe.concurrent('unishyper CLI: build and run', () => {
  it('build -o <dir> exits 0 and leaves the ELF and the readable C next to it', async () => {
    const out = path.join(tmp, 'build-gcc');
    const r = await cli(['build', EXIT7, '-o', out]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toBe('');
    const elf = path.join(out, 'exit7.elf');
    const c = path.join(out, 'exit7.c');
    expect(fs.existsSync(elf), `${elf}\n${show(r)}`).toBe(true);
    expect(fs.existsSync(c), c).toBe(true);
    const head = fs.readFileSync(elf).subarray(0, 20);
    expect(head.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(head.readUInt16LE(18), 'e_machine is AArch64 (183)').toBe(183);
    // The C is the readable artifact: generated-from header and #line directives back to the .ts.
    const src = fs.readFileSync(c, 'utf8');
    expect(src).toContain('Generated by @unishyper/codegen from');
    const lines = [...src.matchAll(/^#line (\d+) "([^"]+)"$/gm)];
    expect(lines.length, 'the C carries #line directives').toBeGreaterThan(0);
    const entryAbs = path.join(codegenDir, EXIT7);
    const toEntry = lines.filter((m) => path.resolve(codegenDir, m[2]!) === entryAbs);
    expect(toEntry.length, `#line directives pointing at ${entryAbs}`).toBeGreaterThan(0);
    // `return add(3, 4);` is line 10 of the fixture.
    expect(toEntry.map((m) => Number(m[1]))).toContain(10);
    expect(r.stderr).toContain(`wrote ${out}`);
  });

  it('-q builds without progress lines', async () => {
    const out = path.join(tmp, 'build-quiet');
    const r = await cli(['build', EXIT7, '-o', out, '-q']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stderr).toBe('');
    expect(fs.existsSync(path.join(out, 'exit7.elf'))).toBe(true);
  });

  it('run prints the program output and exits with its status (7)', async () => {
    const r = await cli(['run', EXIT7, '-o', path.join(tmp, 'run-gcc'), '-q']);
    expect(r.code, show(r)).toBe(7);
    expect(r.stdout).toBe('hello from the cli 42\n');
  });

  it('--cc clang builds an AArch64 ELF that runs the same', async () => {
    const out = path.join(tmp, 'run-clang');
    const r = await cli(['run', EXIT7, '--cc', 'clang', '-o', out, '-q']);
    expect(r.code, show(r)).toBe(7);
    expect(r.stdout).toBe('hello from the cli 42\n');
    const head = fs.readFileSync(path.join(out, 'exit7.elf')).subarray(0, 20);
    expect(head.readUInt16LE(18)).toBe(183);
    expect(fs.existsSync(path.join(out, 'exit7.c'))).toBe(true);
  });

  it('--target host-sanitize builds a host ELF (ASan/UBSan) that runs the same', async () => {
    const out = path.join(tmp, 'run-host');
    const r = await cli(['run', EXIT7, '--target', 'host-sanitize', '-o', out, '-q']);
    expect(r.code, show(r)).toBe(7);
    expect(r.stdout).toBe('hello from the cli 42\n');
    const elf = path.join(out, 'exit7.host.elf');
    expect(fs.existsSync(elf)).toBe(true);
    expect(fs.readFileSync(elf).subarray(0, 20).readUInt16LE(18), 'e_machine is x86-64 (62)').toBe(62);
    expect(fs.existsSync(path.join(out, 'exit7.c'))).toBe(true);
  });
});
