/**
 * (Node only, for tests: needs @unishyper/codegen for QEMU.)
 * A person at the serial console of a booted image: QEMU with the console
 * on stdin/stdout, keystrokes sent one at a time with a pause between them
 * (escape sequences whole, as a terminal sends a key), and what comes back
 * played on the VT100 screen model of @unishyper/terminal, which throws on
 * any byte or sequence the shell may not send.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { qemuBinary } from '@unishyper/codegen';
import { virtQemuArgs, type VirtMachine } from '@unishyper/codegen/testing';
import { PROMPT } from '../shell/shell';
import { Screen } from './screen';

/** Milliseconds between keystrokes (a fast typist). */
const KEY_PAUSE_MS = 15;

export const Keys = { Up: '\x1b[A', Down: '\x1b[B', Right: '\x1b[C', Left: '\x1b[D', Tab: '\t', Backspace: '\x7f', CtrlC: '\x03', Enter: '\r' } as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Console {
  /** 132 columns: the seed's help header is wider than 80. */
  readonly screen = new Screen(4000, 132);
  /** Everything received, as text ("\r\n" as sent). */
  raw = '';
  status: number | null | undefined = undefined;
  private readonly child: ChildProcessWithoutNullStreams;
  private held = '';
  private readonly exited: Promise<number | null>;

  constructor(elf: string, machine: VirtMachine, boardArgs: string[]) {
    this.child = spawn(qemuBinary(), virtQemuArgs(elf, machine, boardArgs), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (d: string) => {
      this.raw += d;
      this.show(d);
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (d: string) => {
      this.raw += `[qemu stderr] ${d}`;
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve((this.status = code))));
  }

  /** Plays `d` on the screen, keeping back an escape sequence the read split until its end arrives. */
  private show(d: string): void {
    const text = this.held + d;
    const esc = text.lastIndexOf('\x1b');
    const whole = esc < 0 || /^\x1b\[[0-9;]*[@-~]/.test(text.slice(esc));
    this.held = whole ? '' : text.slice(esc);
    this.screen.write(whole ? text : text.slice(0, esc));
  }

  /** Everything received, "\r\n" read as "\n". */
  text(): string {
    return this.raw.replace(/\r\n/g, '\n');
  }

  prompts(): number {
    return this.raw.split(PROMPT).length - 1;
  }

  /** Waits until `pred` holds (polling), or fails after `ms` with the screen's last rows. */
  async until(what: string, pred: () => boolean, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end || this.status !== undefined) throw new Error(`console: no ${what} after ${ms} ms; last rows:\n${this.tail(15)}`);
      await sleep(20);
    }
  }

  /** Sends `keys` one keystroke at a time (an escape sequence is one keystroke). */
  async type(...keys: string[]): Promise<void> {
    for (const k of keys) {
      const strokes = k.startsWith('\x1b') ? [k] : Array.from(k);
      for (const s of strokes) {
        this.child.stdin.write(s);
        await sleep(KEY_PAUSE_MS);
      }
    }
  }

  /**
   * Types `keys` then Enter, waits for the next prompt, and returns the rows
   * printed in between (the command's row first, as the screen shows it).
   */
  async run(...keys: string[]): Promise<string[]> {
    const before = this.prompts();
    const row = this.screen.row;
    await this.type(...keys, Keys.Enter);
    await this.until('prompt', () => this.prompts() > before);
    await this.until('prompt drawn', () => this.screen.current().startsWith(PROMPT.trimEnd()));
    const rows: string[] = [];
    for (let r = row; r < this.screen.row; r++) rows.push(this.screen.line(r));
    return rows;
  }

  tail(n: number): string {
    const rows = this.screen.lines();
    return rows.slice(Math.max(0, rows.length - n)).join('\n');
  }

  async waitExit(ms = 10_000): Promise<number | null> {
    const t = setTimeout(() => this.child.kill('SIGKILL'), ms);
    const s = await this.exited;
    clearTimeout(t);
    return s;
  }

  kill(): void {
    if (this.status === undefined) this.child.kill('SIGKILL');
  }
}
