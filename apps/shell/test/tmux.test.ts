/**
 * apps/shell in a real terminal: QEMU inside a tmux pane (a private tmux
 * server, `-L`, so no user session is touched), keys sent with
 * `send-keys`, and the pane as tmux draws it read back with
 * `capture-pane`. Checks that the prompt, echo, in-line edits, history,
 * completion and a line longer than the pane look right on screen, where
 * the VT100 model of shell.test.ts stands in for none of it. Skipped,
 * saying why, where no pseudo-terminal can be made.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, qemuBinary } from '@unishyper/codegen';
import { virtQemuArgs } from '@unishyper/codegen/testing';
import { PROMPT } from '@unishyper/terminal';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Why no pane can be made here (tmux needs pseudo-terminals: a chroot without /dev/pts has none), or null. */
function cannotMakePty(): string | null {
  const r = spawnSync('script', ['-qec', 'true', '/dev/null'], { encoding: 'utf8' });
  return r.status === 0 ? null : `no pseudo-terminal can be made here (${(r.stderr || r.error?.message || 'script failed').trim()})`;
}
const why = cannotMakePty();
if (why) console.warn(`apps/shell tmux.test.ts: SKIPPED: ${why}`);
const SERVER = `unishyper-test-${process.pid}`;
const COLUMNS = 80;
const PROMPT_TEXT = PROMPT.trimEnd();

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SERVER, ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pane's rows as tmux shows them (trailing blanks dropped). */
function pane(): string[] {
  const rows = tmux('capture-pane', '-p', '-t', 't').split('\n').map((r) => r.trimEnd());
  while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
  return rows;
}

async function until(what: string, pred: (rows: string[]) => boolean, ms = 15_000): Promise<string[]> {
  const end = Date.now() + ms;
  for (;;) {
    const rows = pane();
    if (pred(rows)) return rows;
    if (Date.now() > end) throw new Error(`tmux: no ${what} after ${ms} ms; the pane:\n${rows.join('\n')}`);
    await sleep(50);
  }
}

/** Sends keys one at a time, as typed (tmux key names like Left, C-u, Enter, Tab). */
async function keys(...ks: string[]): Promise<void> {
  for (const k of ks) {
    if (/^(Left|Right|Up|Down|Home|End|Enter|Tab|BSpace|C-.)$/.test(k)) tmux('send-keys', '-t', 't', k);
    else for (const ch of k) tmux('send-keys', '-t', 't', '-l', ch);
    await sleep(20);
  }
}

const last = (rows: string[]) => rows[rows.length - 1] ?? '';

beforeAll(async () => {
  if (why) return;
  execFileSync('tmux', ['-V']); // fails here, clearly, when tmux is missing (scripts/setup.sh installs it)
  const img = await buildImage({ appDir: app });
  const cmd = [qemuBinary(), ...virtQemuArgs(img.elf, { gic: 2, smp: 2, memMiB: 256 }, img.qemuArgs)];
  tmux('new-session', '-d', '-s', 't', '-x', String(COLUMNS), '-y', '30', ...cmd);
  await until('prompt', (rows) => last(rows) === PROMPT_TEXT, 60_000);
}, 120_000);

afterAll(() => {
  if (why) return;
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
});

describe.skipIf(why !== null)('apps/shell in tmux', () => {
  it('draws the prompt and echoes what is typed', async () => {
    await keys('echo hello from tmux');
    await until('echo', (rows) => last(rows) === `${PROMPT}echo hello from tmux`);
    await keys('Enter');
    const rows = await until('output and prompt', (r) => last(r) === PROMPT_TEXT && r.includes('hello from tmux'));
    expect(rows.slice(-3)).toEqual([`${PROMPT}echo hello from tmux`, 'hello from tmux', PROMPT_TEXT]);
  });

  it('redraws in-line edits: a character inserted mid-line, a word erased, the line killed', async () => {
    await keys('echo abd', 'Left', 'c');
    await until('insert', (rows) => last(rows) === `${PROMPT}echo abcd`);
    await keys('C-w');
    await until('word erased', (rows) => last(rows) === `${PROMPT}echo d`);
    await keys('C-u');
    await until('line killed', (rows) => last(rows) === `${PROMPT}d`);
    await keys('C-k');
    await until('empty line', (rows) => last(rows) === PROMPT_TEXT);
  });

  it('brings back history with Up and completes with Tab', async () => {
    await keys('Up');
    await until('history', (rows) => last(rows) === `${PROMPT}echo hello from tmux`);
    await keys('C-u', 'upt', 'Tab');
    await until('completion', (rows) => last(rows) === `${PROMPT}uptime`);
    await keys('Enter');
    const rows = await until('uptime output', (r) => last(r) === PROMPT_TEXT && /^up \d+\.\d{3} s$/.test(r[r.length - 2] ?? ''));
    expect(rows[rows.length - 3]).toBe(`${PROMPT}uptime`);
  });

  it('scrolls a line longer than the pane sideways instead of wrapping it', async () => {
    const long = `echo ${'x'.repeat(40)}${'y'.repeat(40)}END`;
    await keys(long);
    const rows = await until('long line', (r) => last(r).endsWith('END'));
    // One row no wider than the pane, showing the end where the cursor is; the row above is not part of it.
    expect(last(rows).length).toBeLessThanOrEqual(COLUMNS);
    expect(last(rows)).toMatch(/y+END$/);
    expect(rows[rows.length - 2]).toMatch(/^up \d+\.\d{3} s$/);
    await keys('Home');
    await until('scrolled back to the start', (r) => last(r).startsWith(`${PROMPT}echo xxx`));
    await keys('Enter');
    // The output (83 characters) is wrapped by the terminal as any output is.
    const after = await until('long output', (r) => last(r) === PROMPT_TEXT && r[r.length - 2] === 'END');
    expect(after[after.length - 3]).toBe(`${'x'.repeat(40)}${'y'.repeat(40)}`);
  });
});
