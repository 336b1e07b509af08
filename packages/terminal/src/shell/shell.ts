/**
 * Shell: the prompt on the console. One thread (the caller of run()) reads
 * console bytes into the line editor; each accepted line runs through the
 * command registry on a thread of its own, so a command that panics, faults
 * or is killed ends only itself and the shell prints how it ended.
 *
 * While a command runs the shell keeps reading: Ctrl-C sets the interrupted()
 * flag (a command that waits polls it and returns), a second Ctrl-C kills the
 * command's thread; other bytes are kept (up to TYPE_AHEAD) and fed to the
 * editor at the next prompt, so typing ahead is not lost.
 *
 * At the prompt an empty read makes host.pause(false) sleep until the
 * console's receive interrupt; while a command runs, host.pause(true) sleeps
 * a few milliseconds at most, so the command's end is seen soon. Everything
 * is allocated by the constructor; a command line allocates only its thread
 * (freed by join).
 */
import { FixedArray, load8, release, strFromBytes } from '@unishyper/rt';
import type { Argv } from '../argv';
import { ArgKind, Command } from '../command';
import { EditResult, LineEditor } from '../line-editor';
import type { CommandRegistry } from '../registry';
import type { TermOutput } from '../term-output';
import { CommandEnd, type ShellHost } from './host';
import { setInterrupted } from './interrupt';

export const PROMPT = '☻ SHELL➜ ';
const CTRL_C = 3;
const SPACE = 32;
/** Bytes typed while a command runs that are kept for the next prompt. */
const TYPE_AHEAD = 256;

export class Shell {
  readonly editor: LineEditor;
  private readonly ahead: FixedArray<number>;
  private aheadLen = 0;
  /** The line the command thread runs (a view of the editor's buffer, valid until the next prompt). */
  private line = '';
  private status = 0;

  constructor(
    private readonly reg: CommandRegistry,
    private readonly host: ShellHost,
    private readonly out: TermOutput,
    maxLineBytes: number,
    historyLines: number,
  ) {
    this.editor = new LineEditor(out, maxLineBytes, historyLines);
    this.editor.setPrompt(PROMPT);
    this.editor.setCompleter(reg);
    this.ahead = new FixedArray<number>(TYPE_AHEAD, 0);
    reg.register(new Command('history', 'history', 'Print the lines typed so far, oldest first.', '', 0, 0, ArgKind.None, (_argv: Argv, o: TermOutput) => this.printHistory(o)));
  }

  /** The shell's loop: never returns (poweroff ends the kernel). */
  run(): number {
    this.host.attach();
    this.out.write('\n');
    for (;;) {
      this.editor.start();
      const r = this.readLine();
      if (r === EditResult.Line) this.runLine();
    }
  }

  /** Exit status of the last command line. */
  lastStatus(): number {
    return this.status;
  }

  /** Feeds typed-ahead bytes, then console bytes, to the editor until the line ends; returns the EditResult. */
  private readLine(): number {
    for (let i = 0; i < this.aheadLen; i++) {
      const r = this.editor.feed(this.ahead.get(i));
      if (r !== EditResult.None) {
        this.dropAhead(i + 1);
        return r;
      }
    }
    this.aheadLen = 0;
    for (;;) {
      const b = this.host.readByte();
      if (b < 0) {
        this.host.pause(false);
        continue;
      }
      const r = this.editor.feed(b);
      if (r !== EditResult.None) return r;
    }
  }

  /** Runs the editor's line on a command thread and waits for it, reading Ctrl-C meanwhile. */
  private runLine(): void {
    this.line = this.editor.line();
    setInterrupted(false);
    const id = this.host.spawnCommand(this.threadName(), () => this.execute());
    let ctrlC = 0;
    while (this.host.running(id)) {
      const b = this.host.readByte();
      if (b < 0) {
        this.host.pause(true);
      } else if (b === CTRL_C) {
        ctrlC = ctrlC + 1;
        if (ctrlC === 1) {
          setInterrupted(true);
          this.out.write('^C\n');
        } else if (ctrlC === 2) {
          this.host.kill(id);
        }
      } else if (this.aheadLen < TYPE_AHEAD) {
        this.ahead.set(this.aheadLen, b);
        this.aheadLen = this.aheadLen + 1;
      }
    }
    const how = this.host.join(id);
    setInterrupted(false);
    if (how === CommandEnd.Returned) return;
    this.status = 128;
    this.out.write(this.threadName());
    if (how === CommandEnd.Killed) this.out.write(': killed\n');
    else if (how === CommandEnd.Panicked) this.out.write(': ended by a panic\n');
    else this.out.write(': ended by a CPU fault\n');
  }

  /** The command thread's body. */
  private execute(): number {
    this.status = this.reg.execute(this.line, this.out);
    return this.status;
  }

  /** The name of the line's command as registered (a string that outlives the thread), else "command". */
  private threadName(): string {
    const addr = this.editor.lineAddr();
    const len = this.editor.lineLen();
    let s = 0;
    while (s < len && load8(addr + s) === SPACE) s = s + 1;
    let e = s;
    while (e < len && load8(addr + e) !== SPACE) e = e + 1;
    const c = this.reg.find(strFromBytes(addr + s, e - s));
    return c === null ? 'command' : c.name;
  }

  private dropAhead(n: number): void {
    for (let i = n; i < this.aheadLen; i++) this.ahead.set(i - n, this.ahead.get(i));
    this.aheadLen = this.aheadLen - n;
  }

  private printHistory(o: TermOutput): number {
    const h = this.editor.history;
    for (let i = 0; i < h.count(); i++) {
      o.writeNum(i + 1);
      o.write('  ');
      o.writeBytes(h.entryAddr(i), h.entryLen(i));
      o.write('\n');
    }
    return 0;
  }

  [Symbol.dispose](): void {
    this.editor[Symbol.dispose]();
    release(this.ahead);
  }
}
