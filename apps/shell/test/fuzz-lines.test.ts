/**
 * Random lines typed at the prompt of the booted kernel (10,000 with
 * `pnpm --filter shell fuzz`, 2,000 in `pnpm test`): random
 * bytes, control characters, escape sequences whole and broken, UTF-8 good
 * and bad, lines far longer than the editor's bound, and the image's own
 * commands with random arguments. Sent at full speed in batches, each
 * batch followed by Ctrl-C and `echo SYNC<n>`, whose output must come back:
 * the kernel neither crashed nor hung. The heap in use (`free`) is the same
 * after as before: nothing typed leaks. Commands that change state the heap
 * figure would rightly show (files made, threads killed) and poweroff and
 * reboot are left out of the random commands.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, qemuBinary } from '@unishyper/codegen';
import { Rng, virtQemuArgs } from '@unishyper/codegen/testing';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
/** 2,000 in `pnpm test`; `pnpm --filter shell fuzz` types 10,000 (docs/benchmarks.md has the last run). */
const LINES = Number(process.env.FUZZ_LINES ?? 2_000);
/** Commands whose effects leave no heap behind, with argument shapes to pick from. */
const COMMANDS = ['ls', 'ls /etc', 'cat /etc/motd', 'cat', 'stat /', 'stat', 'pwd', 'cd /', 'cd /etc', 'cd /nope', 'echo', 'help', 'history', 'free', 'ps', 'uptime', 'date', 'sleep 0', 'sleep', 'df', 'mount', 'sync'];
const PIECES = ['\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[H', '\x1b[F', '\x1b[3~', '\x1bOH', '\x1b[1;5D', '\x1bb', '\x1b\x7f', '\x1b[', '\x1b[99999999;', '\x1bO', '\x01', '\x05', '\x0b', '\x15', '\x17', '\x04', '\x0c', '\x7f', '\x08', '\t', '\x00', '\xff', 'é', '☻', '日本', '😀', "'", '"', '\\', '>', '>>'];

let child: ChildProcessWithoutNullStreams;
let out = '';

function randomLine(rng: Rng): string {
  const kind = rng.below(10);
  if (kind < 3) {
    // A command of the image with random words after it (never a path that makes anything).
    const words = Array.from({ length: rng.below(4) }, () => randomWord(rng));
    return [COMMANDS[rng.below(COMMANDS.length)], ...words].join(' ');
  }
  if (kind < 4) return randomWord(rng).repeat(1 + rng.below(200)); // far past the 256-byte bound
  let s = '';
  const n = rng.below(60);
  for (let i = 0; i < n; i++) {
    const r = rng.below(10);
    if (r < 4) s += PIECES[rng.below(PIECES.length)];
    else if (r < 8) s += String.fromCharCode(0x20 + rng.below(0x5f));
    else s += String.fromCharCode(rng.below(256));
  }
  return s;
}

/** Printable, without '>' (echo would write a file) and digits (a thread id for kill or run). */
function randomWord(rng: Rng): string {
  let w = '';
  for (let i = 1 + rng.below(8); i > 0; i--) {
    let c = 0x21 + rng.below(0x5e);
    if (c === 0x3e || (c >= 0x30 && c <= 0x39)) c = 0x61 + (c % 26);
    w += String.fromCharCode(c);
  }
  return w;
}

/** Bytes of `s`: characters below 256 as themselves (raw bytes), others as UTF-8. */
function bytesOf(s: string): Buffer {
  return Buffer.concat(Array.from(s, (c) => (c.codePointAt(0)! < 256 ? Buffer.of(c.codePointAt(0)!) : Buffer.from(c))));
}

/** Called on each console chunk: wakes a waiting until(). */
let wake: (() => void) | null = null;

/** Waits until `pred` holds, looking again whenever the console prints; false after `ms` or if QEMU ended. */
async function until(pred: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!pred()) {
    const left = end - Date.now();
    if (left <= 0 || child.exitCode !== null) return false;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, left);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    wake = null;
  }
  return true;
}

/**
 * A new prompt, as the latin1-decoded output shows its UTF-8 bytes: at the
 * start of a row (a line scrolled sideways redraws the prompt mid-row).
 */
const PROMPT_BYTES = `\n${Buffer.from('☻ SHELL➜ ').toString('latin1')}`;
let prompts = 0;
let scanFrom = 0;
/** Ctrl-Cs the test had to type (lines left in an escape sequence, commands that wait). */
let nudges = 0;

function countPrompts(): number {
  for (let i = out.indexOf(PROMPT_BYTES, scanFrom); i >= 0; i = out.indexOf(PROMPT_BYTES, scanFrom)) {
    prompts++;
    scanFrom = i + PROMPT_BYTES.length;
  }
  return prompts;
}

/**
 * Types `line` and Enter, and waits for the next prompt. A line that leaves
 * the editor inside an escape sequence, or a command that waits, gets
 * Ctrl-C, then a second (which kills a command). False when no prompt came
 * even then: the kernel hangs.
 */
async function typeLine(line: Buffer): Promise<boolean> {
  const before = countPrompts();
  child.stdin.write(line);
  for (const [wait, nudge] of [[300, '\x03'], [2_000, '\x03'], [10_000, '']] as const) {
    if (await until(() => countPrompts() > before, wait)) return true;
    if (nudge) {
      child.stdin.write(nudge);
      nudges++;
    }
  }
  return false;
}

/** Heap bytes in use, from `free`. */
async function heapUsed(): Promise<number> {
  const from = out.length;
  expect(await typeLine(Buffer.from('free\r'))).toBe(true);
  // On a loaded machine a nudged line can leave a second prompt behind, which
  // then counts for this line before `free` has answered: wait for its figure.
  await until(() => /heap \(bytes\) +\d+ +\d+/.test(out.slice(from)), 10_000);
  const m = /heap \(bytes\) +\d+ +(\d+)/.exec(out.slice(from));
  if (!m) throw new Error(`no heap figure in:\n${out.slice(from)}`);
  return Number(m[1]);
}

beforeAll(async () => {
  const img = await buildImage({ appDir: app });
  child = spawn(qemuBinary(), virtQemuArgs(img.elf, { gic: 2, smp: 2, memMiB: 256 }, img.qemuArgs), { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdout.setEncoding('latin1').on('data', (d: string) => {
    out += d;
    wake?.();
    if (out.length > 4 << 20) {
      // Keep the tail (prompts already counted stay counted).
      const cut = out.length - (1 << 20);
      out = out.slice(cut);
      scanFrom = Math.max(0, scanFrom - cut);
    }
  });
  if (!(await until(() => countPrompts() > 0, 60_000))) throw new Error(`no prompt:\n${out}`);
}, 120_000);
afterAll(() => child?.kill('SIGKILL'));

describe(`${LINES} random lines at the prompt`, () => {
  it('no crash, no hang, the heap where it was', async () => {
    // One round of every command first, so what they allocate once (on first use) is allocated.
    for (const c of COMMANDS) expect(await typeLine(Buffer.from(`${c}\r`))).toBe(true);
    const before = await heapUsed();
    const rng = new Rng(12345);
    for (let n = 1; n <= LINES; n++) {
      const line = randomLine(rng);
      const alive = await typeLine(bytesOf(`${line}\r`));
      expect(alive, `no prompt after line ${n} ${JSON.stringify(line)}; the kernel said:\n${out.slice(-3000)}`).toBe(true);
    }
    expect(child.exitCode).toBeNull();
    expect(out).not.toMatch(/panic|exception|fault at/i);
    const after = await heapUsed();
    console.log(`${LINES} lines, ${nudges} Ctrl-C nudges, heap in use ${before} -> ${after} bytes`);
    expect(after).toBe(before);
  }, 900_000);
});
