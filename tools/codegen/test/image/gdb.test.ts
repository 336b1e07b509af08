/**
 * Source-level debugging of an image: gdb-multiarch, attached to QEMU's gdb
 * stub, sets a breakpoint on a line of apps/hello/src/main.ts, continues, and
 * stops there, reporting the .ts file and line. This works because the
 * generated C carries #line directives pointing at the TypeScript and the
 * image is built with -g.
 *
 * Once by hand (QEMU -S with a stub on a free port, gdb -batch), and once
 * through `unishyper debug --gdb-batch`. The port is always a free one: 1234
 * (QEMU -s) may be taken on a shared machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, freePort, gdbBinary, qemuArgs, qemuBinary, stopQemu, waitForListener, type ImageResult } from '../../src/index.js';
import { BIN, HELLO_DIR, REPO_ROOT, cli, run, show } from './helpers.js';

const MAIN_TS = path.join(HELLO_DIR, 'src/main.ts');

/** The line of main.ts that prints the banner (found, so edits to hello do not break the test). */
function bannerLine(): number {
  const lines = fs.readFileSync(MAIN_TS, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes('kprint') && l.includes('Unishyper hello'));
  if (i < 0) throw new Error(`no kprint of the banner in ${MAIN_TS}`);
  return i + 1;
}

let tmp: string;
let image: ImageResult;
let line: number;
const started: ChildProcess[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-gdb-'));
  line = bannerLine();
  // Its own output directory: other tests build apps/hello/build concurrently.
  image = await buildImage({ appDir: HELLO_DIR, outDir: path.join(tmp, 'build') });
});

afterAll(async () => {
  for (const q of started) await stopQemu(q);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** What gdb must say when it stopped at main.ts:<line>. */
function expectStoppedAtBanner(out: string) {
  expect(out).toMatch(new RegExp(`Breakpoint 1 at 0x[0-9a-f]+: file ${escape(MAIN_TS)}, line ${line}\\.`));
  expect(out).toMatch(new RegExp(`Breakpoint 1, \\S+ \\(\\) at ${escape(MAIN_TS)}:${line}\\n${line}\\s+kprint\`\\\\nUnishyper hello`));
  expect(out).toContain(`Line ${line} of "${MAIN_TS}" starts at address`);
  expect(out).toMatch(new RegExp(`#0  \\S+ \\(\\) at ${escape(MAIN_TS)}:${line}`));
}

/** Nothing listens on the port any more (QEMU has gone). */
function expectPortFree(port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('gdb on a kernel image', () => {
  it('-g and #line: the ELF has DWARF line info for main.ts', async () => {
    const c = fs.readFileSync(image.cFile, 'utf8');
    expect(c).toContain(`#line ${line} "${MAIN_TS}"`);
    const r = await run('aarch64-linux-gnu-readelf', ['-S', image.elf]);
    expect(r.stdout).toContain('.debug_line');
  });

  it('gdb -batch: break main.ts:<line>, continue, stops at that .ts line', async () => {
    const port = await freePort();
    const args = qemuArgs({ kernel: image.elf, boardArgs: image.qemuArgs, gdbPort: port, waitForDebugger: true });
    const qemu = spawn(qemuBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    started.push(qemu);
    let qemuErr = '';
    qemu.stderr!.setEncoding('utf8').on('data', (s: string) => (qemuErr += s));
    try {
      await waitForListener(port);
      const r = await run(
        gdbBinary(),
        ['-nx', '-batch', image.elf, '-ex', `target remote 127.0.0.1:${port}`, '-ex', `break main.ts:${line}`, '-ex', 'continue', '-ex', 'info line *$pc', '-ex', 'frame', '-ex', 'kill'],
        { timeoutMs: 60_000 },
      );
      expect(r.code, `${show(r)}\n--- qemu stderr\n${qemuErr}`).toBe(0);
      expectStoppedAtBanner(r.stdout);
    } finally {
      await stopQemu(qemu);
    }
  });

  it('unishyper debug --gdb-batch runs gdb against QEMU -S and stops QEMU afterwards', async () => {
    const port = await freePort();
    const script = path.join(tmp, 'break.gdb');
    fs.writeFileSync(script, [`break main.ts:${line}`, 'continue', 'info line *$pc', 'frame', ''].join('\n'));
    const r = await cli(['debug', HELLO_DIR, '-o', path.join(tmp, 'build'), '--no-build', '--port', String(port), '--gdb-batch', script]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stderr).toContain(`-gdb tcp:127.0.0.1:${port} -S`);
    expect(r.stderr).toMatch(/\[unishyper\] gdb-multiarch -q \S+hello\.elf -ex 'target remote 127\.0\.0\.1:\d+' -batch -x /);
    expectStoppedAtBanner(r.stdout);
    // QEMU is gone: the port is free again.
    await expectPortFree(port);
  });

  it('debug --no-gdb prints how to attach and waits; SIGTERM ends it and its QEMU', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'debug', HELLO_DIR, '-o', path.join(tmp, 'build'), '--no-build', '--no-gdb', '--port', String(port)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    try {
      // It waits for a debugger: the stub listens, nothing runs.
      await waitForListener(port, 30_000);
      expect(stderr).toContain(`gdb stub on 127.0.0.1:${port}. Attach with:`);
      expect(stderr).toMatch(new RegExp(`gdb-multiarch -q \\S+hello\\.elf -ex 'target remote 127\\.0\\.0\\.1:${port}'`));
      child.kill('SIGTERM');
      // QEMU goes with it; the status says which signal (128+15).
      expect(await exited, stderr).toBe(143);
      await expectPortFree(port);
    } finally {
      clearTimeout(killer);
    }
  });
});
