/**
 * @node-only
 * Drives a LineEditor as a person at a terminal would: bytes in, the screen
 * (screen.ts) out, with a registry as completer and leak checks around it.
 */
import { liveAllocations, readMemory, resetMachine } from '@unishyper/rt/sim';
import { ArgKind, Command, CommandRegistry, type Completions, EditResult, LineEditor, RecordingOutput, type ArgCompleter, type Argv, type TermOutput } from '../src/index';
import { Screen } from '../src/testing/screen';

export const PROMPT = '☻ SHELL➜ ';
/** Columns the prompt takes. */
export const PROMPT_COLS = 9;

/** Live heap allocations now (leak checks compare before and after). */
export function liveSet(): Set<number> {
  return new Set(liveAllocations().map((l) => l.addr));
}

export function leaksSince(before: Set<number>): string[] {
  return liveAllocations()
    .filter((l) => !before.has(l.addr))
    .map((l) => `${l.size} bytes at 0x${l.addr.toString(16)}`);
}

/** Completes paths from a fixed list, as vfs will from a directory. */
export class ListCompleter implements ArgCompleter {
  constructor(readonly names: string[]) {}
  completeArg(prefix: number, prefixLen: number, into: Completions): void {
    const p = new TextDecoder().decode(readBytes(prefix, prefixLen));
    for (const n of this.names) if (n.startsWith(p)) into.add(n);
  }
}

function readBytes(addr: number, len: number): Uint8Array {
  return len === 0 ? new Uint8Array(0) : readMemory(addr, len);
}

/** A handler that prints its words, one per line in brackets. */
export function echoArgs(argv: Argv, out: TermOutput): number {
  for (let i = 0; i < argv.count(); i++) {
    out.write('[');
    out.write(argv.get(i));
    out.write(']');
  }
  out.write('\n');
  return 0;
}

/** The seed's commands with the handler above. */
export function seedRegistry(): CommandRegistry {
  const reg = new CommandRegistry(16, 256);
  reg.register(new Command('cat', 'cat FILE', 'Concatenate files and print on the standard output.', 'fs', 1, 1, ArgKind.Path, echoArgs));
  reg.register(new Command('free', 'free', 'Dump memory usage info.', 'mm', 0, 0, ArgKind.None, echoArgs));
  reg.register(new Command('kill', 'kill TID', 'Kill target thread according to TID.', 'threads', 1, 1, ArgKind.Thread, echoArgs));
  reg.register(new Command('ls', 'ls [DIR]', 'List information about the FILEs (the current directory by default).', 'fs', 0, 1, ArgKind.Path, echoArgs));
  reg.register(new Command('mkdir', 'mkdir DIR', 'Create the DIRECTORY, if it does not already exist.', 'fs', 1, 1, ArgKind.Path, echoArgs));
  reg.register(new Command('ps', 'ps', 'Report a snapshot of the current threads.', 'threads', 0, 0, ArgKind.None, echoArgs));
  reg.register(new Command('run', 'run TID', 'Run target thread according to TID.', 'threads', 1, 1, ArgKind.Thread, echoArgs));
  return reg;
}

export interface Session {
  ed: LineEditor;
  out: RecordingOutput;
  screen: Screen;
  /** EditResults other than None, in order. */
  results: number[];
  /** Lines accepted with Enter. */
  lines: string[];
  /** Feeds bytes (a string is sent as UTF-8) and updates the screen. */
  type(input: string | number[] | Uint8Array): void;
  dispose(): void;
}

export interface SessionOptions {
  maxLine?: number;
  history?: number;
  cols?: number;
  completer?: CommandRegistry | null;
}

export function session(options: SessionOptions = {}): Session {
  const out = new RecordingOutput(1 << 20);
  const ed = new LineEditor(out, options.maxLine ?? 256, options.history ?? 16);
  const cols = options.cols ?? 80;
  ed.setPrompt(PROMPT);
  ed.setColumns(cols);
  if (options.completer) ed.setCompleter(options.completer);
  const screen = new Screen(24, cols);
  const s: Session = {
    ed,
    out,
    screen,
    results: [],
    lines: [],
    type(input) {
      const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
      for (const b of bytes) {
        const r = ed.feed(b);
        if (r !== EditResult.None) {
          s.results.push(r);
          if (r === EditResult.Line) s.lines.push(ed.line());
        }
      }
      screen.write(out.text());
      out.clear();
    },
    dispose() {
      ed[Symbol.dispose]();
      out[Symbol.dispose]();
    },
  };
  ed.start();
  screen.write(out.text());
  out.clear();
  return s;
}

export { resetMachine };
