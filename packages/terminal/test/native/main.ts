/**
 * The terminal natively and under Node: a scripted byte string (every editing
 * key, history, completion, a full line, malformed input) goes through the
 * line editor; each accepted line runs through the command registry. Prints
 * what the editor drew (escaped, so control bytes are visible) and what the
 * commands printed. test/native.test.ts requires identical output.
 */
import { FixedArray, StrBuf, kprint, load8, release, strByteAt, strLen } from '@unishyper/rt';
import {
  ANY_ARGS, ArgKind, type Argv, Command, CommandRegistry, type ArgCompleter, type Completions, EditResult, LineEditor, RecordingOutput, type TermOutput,
} from '../../src/index';

function echo(argv: Argv, out: TermOutput): number {
  for (let i = 0; i < argv.count(); i++) {
    out.write('[');
    out.write(argv.get(i));
    out.write(']');
  }
  out.write('\n');
  return argv.count();
}

class FixedPaths implements ArgCompleter {
  private readonly names: FixedArray<string>;
  constructor() {
    this.names = new FixedArray<string>(4, '');
    this.names.set(0, '/etc/');
    this.names.set(1, '/etc.bak');
    this.names.set(2, '/home/');
    this.names.set(3, '/日本/');
  }
  completeArg(prefix: number, prefixLen: number, into: Completions): void {
    for (let i = 0; i < this.names.length; i++) {
      const n = this.names.get(i);
      let ok = strLen(n) >= prefixLen;
      for (let k = 0; ok && k < prefixLen; k++) if (strByteAt(n, k) !== load8(prefix + k)) ok = false;
      if (ok) into.add(n);
    }
  }
  dispose(): void {
    release(this.names);
  }
}

/** Prints `s` with bytes outside printable ASCII (and the backslash) as \xNN. */
function printEscaped(s: string): void {
  const n = strLen(s);
  const buf = new StrBuf(n * 4 + 1);
  for (let i = 0; i < n; i++) {
    const b = strByteAt(s, i);
    if (b >= 0x20 && b < 0x7f && b !== 0x5c) {
      buf.pushByte(b);
    } else {
      buf.push('\\x');
      buf.pushByte(hexDigit(b >> 4));
      buf.pushByte(hexDigit(b & 15));
    }
  }
  kprint`${buf.toString()}\n`;
  buf[Symbol.dispose]();
}

function hexDigit(d: number): number {
  return d < 10 ? 48 + d : 87 + d;
}

/** The typed lines, one piece each (the dialect has no string concatenation). */
function script(i: number): string {
  switch (i) {
    case 0:
      return 'hello\x1b[D\x1b[DX\r'; // insert in the middle
    case 1:
      return 'mk\t/tmp/a b\x17\x17\x17c\r'; // complete a command, erase words
    case 2:
      return 'ls /e\t\t/\t\r'; // extend, list, complete a directory
    case 3:
      return 'cat /日\t\x1b[1~\x1b[3~\x1bOF\x7f\r'; // wide characters, home/end/delete forms
    case 4:
      return '\x1b[A\x1b[A\x1b[A\x1b[B\r'; // history
    case 5:
      return 'echo "one two" \'x\' a\\ b\r'; // quoting
    case 6:
      return 'echo "unterminated\r';
    case 7:
      return 'ps\rnope\r';
    case 8:
      return 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!\x01\x1b[C\x0b\r'; // longer than the bound and the row
    case 9:
      return 'ping\x03'; // Ctrl-C
    default:
      return '';
  }
}

const SCRIPT_PIECES = 10;

/** Raw bytes (a string literal is always valid UTF-8): malformed UTF-8, unknown sequences, Ctrl-L, Ctrl-D. */
const RAW: readonly number[] = [
  0xc3, 0x28, 0x80, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0xc2, 0x85, 0xff,
  0x1b, 0x5b, 0x31, 0x35, 0x7e, 0x1b, 0x78, 0x1b, 0x5b, 0x3f, 0x31, 0x68, 0x6f, 0x6b, 0x0c, 0x0d,
  0x04,
];

let out: RecordingOutput | null = null;
let reg: CommandRegistry | null = null;
let ed: LineEditor | null = null;

/** Feeds one byte; false once the editor reported the end of input. */
function feed(b: number): boolean {
  const o = out!;
  const e = ed!;
  const r = e.feed(b);
  if (r === EditResult.None) return true;
  printEscaped(o.text());
  o.clear();
  if (r === EditResult.Line) {
    printEscaped(e.line());
    const status = reg!.execute(e.line(), o);
    printEscaped(o.text());
    kprint`status ${status}\n`;
    o.clear();
  } else if (r === EditResult.Cancelled) {
    kprint`cancelled\n`;
  } else {
    kprint`end of input\n`;
    return false;
  }
  e.start();
  return true;
}

function setGlobals(o: RecordingOutput, r: CommandRegistry, e: LineEditor): void {
  out = o;
  reg = r;
  ed = e;
}

export function main(): number {
  const out = new RecordingOutput(8192);
  const reg = new CommandRegistry(8, 48);
  reg.register(new Command('echo', 'echo [WORD...]', 'Print the words.', '', 0, ANY_ARGS, ArgKind.None, echo));
  reg.register(new Command('mkdir', 'mkdir DIR', 'Create a directory.', 'fs', 1, 1, ArgKind.Path, echo));
  reg.register(new Command('ls', 'ls [DIR]', 'List a directory.', 'fs', 0, 1, ArgKind.Path, echo));
  reg.register(new Command('cat', 'cat FILE', 'Print a file.', 'fs', 1, 1, ArgKind.Path, echo));
  const paths = new FixedPaths();
  reg.setArgCompleter(ArgKind.Path, paths);
  const ed = new LineEditor(out, 48, 4);
  ed.setPrompt('☻ SHELL➜ ');
  ed.setColumns(40);
  ed.setCompleter(reg);
  ed.start();
  setGlobals(out, reg, ed);
  for (let p = 0; p < SCRIPT_PIECES; p++) {
    const piece = script(p);
    for (let i = 0; i < strLen(piece); i++) feed(strByteAt(piece, i));
  }
  for (let i = 0; i < RAW.length; i++) if (!feed(RAW[i])) break;
  kprint`history ${ed.history.count()}, dropped output ${out.dropped()}\n`;
  ed[Symbol.dispose]();
  reg[Symbol.dispose]();
  paths.dispose();
  out[Symbol.dispose]();
  return 0;
}
