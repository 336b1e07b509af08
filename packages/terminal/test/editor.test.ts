/**
 * The line editor driven key by key; what it wrote is played on a VT100
 * screen model (screen.ts) and the tests check what a person would see: the
 * row's text and where the cursor is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArgKind, EditResult } from '../src/index';
import { ListCompleter, PROMPT, PROMPT_COLS, type Session, leaksSince, liveSet, resetMachine, seedRegistry, session } from './harness';

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';

let before: Set<number>;
let open: Session[] = [];

function start(options: Parameters<typeof session>[0] = {}): Session {
  const s = session(options);
  open.push(s);
  return s;
}

beforeEach(() => {
  resetMachine();
  before = liveSet();
});

afterEach(() => {
  for (const s of open) {
    expect(s.screen.wrapped, 'text wrapped past the last column').toBe(false);
    s.dispose();
  }
  open = [];
  expect(leaksSince(before)).toEqual([]);
});

describe('typing and moving', () => {
  it('echoes what is typed after the prompt', () => {
    const s = start();
    expect(s.screen.current()).toBe(PROMPT.trimEnd());
    expect(s.screen.col).toBe(PROMPT_COLS);
    s.type('hello');
    expect(s.screen.current()).toBe(`${PROMPT}hello`);
    expect(s.screen.col).toBe(PROMPT_COLS + 5);
    expect(s.out.len()).toBe(0);
  });

  it('echoes a plain character at the end of the line as itself', () => {
    const s = start();
    s.type('ab');
    s.ed.feed(0x63);
    expect(s.out.text()).toBe('c');
  });

  it('accepts the line with Enter and moves to the next row', () => {
    const s = start();
    s.type('ls /\r');
    expect(s.results).toEqual([EditResult.Line]);
    expect(s.lines).toEqual(['ls /']);
    expect(s.screen.row).toBe(1);
    expect(s.screen.col).toBe(0);
    expect(s.ed.editing()).toBe(false);
    s.type('more'); // ignored until start()
    expect(s.screen.current()).toBe('');
  });

  it('inserts in the middle, with the rest of the line moving right', () => {
    const s = start();
    s.type(`hello${LEFT}${LEFT}X`);
    expect(s.screen.current()).toBe(`${PROMPT}helXlo`);
    expect(s.screen.col).toBe(PROMPT_COLS + 4);
    s.type('\r');
    expect(s.lines).toEqual(['helXlo']);
  });

  it('moves home and end with every key form', () => {
    for (const [home, end] of [['\x01', '\x05'], ['\x1b[H', '\x1b[F'], ['\x1b[1~', '\x1b[4~'], ['\x1b[7~', '\x1b[8~'], ['\x1bOH', '\x1bOF']]) {
      const s = start();
      s.type(`abc${home}`);
      expect(s.screen.col, JSON.stringify(home)).toBe(PROMPT_COLS);
      s.type('>');
      expect(s.screen.current()).toBe(`${PROMPT}>abc`);
      s.type(`${end}<`);
      expect(s.screen.current()).toBe(`${PROMPT}>abc<`);
    }
  });

  it('moves by words with Alt-b/f and Ctrl-arrows', () => {
    const s = start();
    s.type('cat  some/file more\x1bb');
    expect(s.ed.cursor()).toBe(15);
    s.type('\x1b[1;5D\x1b[1;5D');
    expect(s.ed.cursor()).toBe(0);
    s.type('\x1bf');
    expect(s.ed.cursor()).toBe(3);
    expect(s.screen.col).toBe(PROMPT_COLS + 3);
  });

  it('rings the bell at either end instead of moving', () => {
    const s = start();
    s.type(`ab${RIGHT}`);
    s.type('\x7f\x7f\x7f');
    expect(s.screen.current()).toBe(PROMPT.trimEnd());
    expect(s.screen.bells).toBe(1);
  });

  it('handles multi-byte and wide characters by columns', () => {
    const s = start();
    s.type(`héllo☻${LEFT}${LEFT}\x7f`);
    expect(s.screen.current()).toBe(`${PROMPT}hélo☻`);
    expect(s.screen.col).toBe(PROMPT_COLS + 3);
    s.type('\x05日本');
    expect(s.screen.col).toBe(PROMPT_COLS + 5 + 4);
    s.type(`${LEFT}\x7f`);
    expect(s.screen.current()).toBe(`${PROMPT}hélo☻本`);
    expect(s.screen.col).toBe(PROMPT_COLS + 5);
    s.type('\r');
    expect(s.lines).toEqual(['hélo☻本']);
  });
});

describe('deleting', () => {
  it('backspace and delete, at the end and in the middle', () => {
    const s = start();
    s.type('abcdef\x7f');
    expect(s.screen.current()).toBe(`${PROMPT}abcde`);
    s.type(`${LEFT}${LEFT}\x08`);
    expect(s.screen.current()).toBe(`${PROMPT}abde`);
    s.type('\x1b[3~');
    expect(s.screen.current()).toBe(`${PROMPT}abe`);
    expect(s.screen.col).toBe(PROMPT_COLS + 2);
  });

  it('Ctrl-U kills to the start, Ctrl-K to the end', () => {
    const s = start();
    s.type(`mkdir /tmp/x${LEFT}${LEFT}\x15`);
    expect(s.screen.current()).toBe(`${PROMPT}/x`);
    expect(s.screen.col).toBe(PROMPT_COLS);
    s.type(`${RIGHT}\x0b`);
    expect(s.screen.current()).toBe(`${PROMPT}/`);
  });

  it('Ctrl-W and Alt-Backspace erase the word before the cursor', () => {
    const s = start();
    s.type('cat /a/b  \x17');
    expect(s.screen.current()).toBe(`${PROMPT}cat`);
    s.type(' x y\x1b\x7f');
    expect(s.screen.current()).toBe(`${PROMPT}cat  x`);
    s.type('\x17\x17\x17');
    expect(s.screen.current()).toBe(PROMPT.trimEnd());
    expect(s.screen.bells).toBe(1);
  });

  it('Ctrl-D deletes under the cursor, and on an empty line reports the end', () => {
    const s = start();
    s.type(`ab${LEFT}\x04`);
    expect(s.screen.current()).toBe(`${PROMPT}a`);
    s.type('\x15\x04');
    expect(s.results).toEqual([EditResult.Eof]);
  });
});

describe('Ctrl-C and Ctrl-L', () => {
  it('Ctrl-C drops the line, shows ^C and a fresh prompt follows', () => {
    const s = start();
    s.type('ping 10.0.0.1\x03');
    expect(s.results).toEqual([EditResult.Cancelled]);
    expect(s.screen.line(0)).toBe(`${PROMPT}ping 10.0.0.1^C`);
    s.ed.start();
    s.type('ok\r');
    expect(s.screen.line(1)).toBe(`${PROMPT}ok`);
    expect(s.lines).toEqual(['ok']);
    s.ed.start();
    s.type(UP);
    expect(s.screen.current()).toBe(`${PROMPT}ok`); // the cancelled line is not in the history
  });

  it('Ctrl-L clears the screen and draws the line at the top', () => {
    const s = start();
    s.type('one\r');
    s.ed.start();
    s.type(`two${LEFT}\x0c`);
    expect(s.screen.row).toBe(0);
    expect(s.screen.line(0)).toBe(`${PROMPT}two`);
    expect(s.screen.line(1)).toBe('');
    expect(s.screen.col).toBe(PROMPT_COLS + 2);
  });
});

describe('history', () => {
  function enter(s: Session, line: string): void {
    s.type(`${line}\r`);
    s.ed.start();
  }

  it('goes up and down, skipping repeats and blank lines, and brings the draft back', () => {
    const s = start();
    for (const l of ['one', 'two', 'two', '   ', '']) enter(s, l);
    s.type('dra');
    s.type(UP);
    expect(s.screen.current()).toBe(`${PROMPT}two`);
    expect(s.screen.col).toBe(PROMPT_COLS + 3);
    s.type(UP);
    expect(s.screen.current()).toBe(`${PROMPT}one`);
    s.type(UP);
    expect(s.screen.bells).toBe(1);
    s.type(DOWN);
    expect(s.screen.current()).toBe(`${PROMPT}two`);
    s.type(DOWN);
    expect(s.screen.current()).toBe(`${PROMPT}dra`);
    s.type(DOWN);
    expect(s.screen.bells).toBe(2);
    s.type('ft\r');
    expect(s.lines.at(-1)).toBe('draft');
  });

  it('keeps only the newest lines', () => {
    const s = start({ history: 3 });
    for (const l of ['a', 'b', 'c', 'd', 'e']) enter(s, l);
    expect(s.ed.history.count()).toBe(3);
    s.type(`${UP}${UP}${UP}`);
    expect(s.screen.current()).toBe(`${PROMPT}c`);
    s.type(UP);
    expect(s.screen.bells).toBe(1);
  });

  it('edits a recalled line like any other', () => {
    const s = start();
    enter(s, 'cat /a');
    s.type(`${UP}b\r`);
    expect(s.lines).toEqual(['cat /a', 'cat /ab']);
  });
});

describe('a full line', () => {
  it('refuses characters past the bound with a bell', () => {
    const s = start({ maxLine: 8 });
    s.type('abcdefghij');
    expect(s.screen.current()).toBe(`${PROMPT}abcdefgh`);
    expect(s.screen.bells).toBe(2);
    s.type('\x7f☻'); // 7 bytes + 3 do not fit
    expect(s.screen.current()).toBe(`${PROMPT}abcdefg`);
    expect(s.screen.bells).toBe(3);
    s.type('é\r'); // 7 + 2 do not fit either
    expect(s.lines).toEqual(['abcdefg']);
  });
});

describe('a line wider than the terminal', () => {
  it('scrolls sideways, never wraps, and keeps the whole line', () => {
    const cols = 24;
    const s = start({ cols });
    const text = 'abcdefghijklmnopqrstuvwxyz0123456789';
    s.type(text);
    expect(s.screen.row).toBe(0);
    expect(s.screen.col).toBe(cols - 1);
    expect(s.screen.current()).toBe(`${PROMPT}${text.slice(text.length - (cols - PROMPT_COLS - 1))}`);
    s.type('\x01');
    expect(s.screen.col).toBe(PROMPT_COLS);
    expect(s.screen.current()).toBe(`${PROMPT}${text.slice(0, cols - PROMPT_COLS - 1)}`);
    s.type(`${RIGHT}${RIGHT}\x7f`);
    expect(s.screen.current().startsWith(`${PROMPT}acdef`)).toBe(true);
    s.type('\x05\r');
    expect(s.lines).toEqual([`a${text.slice(2)}`]);
  });

  it('scrolls wide characters by whole characters', () => {
    const s = start({ cols: 20 });
    s.type('日本語のファイル名です');
    expect(s.screen.col).toBeLessThan(20);
    s.type('\r');
    expect(s.lines).toEqual(['日本語のファイル名です']);
  });
});

describe('Tab completion', () => {
  it('completes a command name and adds a space', () => {
    const reg = seedRegistry();
    const s = start({ completer: reg });
    s.type('mk\t');
    expect(s.screen.current()).toBe(`${PROMPT}mkdir`);
    expect(s.ed.line()).toBe('mkdir ');
    s.dispose();
    open = [];
    reg[Symbol.dispose]();
  });

  it('lists the candidates when they share nothing more, then redraws the line', () => {
    const reg = seedRegistry();
    const s = start({ completer: reg });
    s.type('\t');
    expect(s.screen.line(1)).toBe('cat  free  help  kill  ls  mkdir  ps  run');
    expect(s.screen.current()).toBe(PROMPT.trimEnd());
    s.type('k\t');
    expect(s.ed.line()).toBe('kill ');
    s.dispose();
    open = [];
    reg[Symbol.dispose]();
  });

  it('extends to the common prefix, then lists', () => {
    const reg = seedRegistry();
    const paths = new ListCompleter(['/etc/', '/etc.bak', '/home/', 'my file']);
    reg.setArgCompleter(ArgKind.Path, paths);
    const s = start({ completer: reg, cols: 30 });
    s.type('ls /e\t');
    expect(s.ed.line()).toBe('ls /etc');
    s.type('\t');
    expect(s.screen.lines().slice(-2)).toEqual(['/etc/  /etc.bak', `${PROMPT}ls /etc`]);
    s.type('/\t'); // '/etc/' is the one match: no space after a directory
    expect(s.ed.line()).toBe('ls /etc/');
    s.type('\x15cat /h\t');
    expect(s.ed.line()).toBe('cat /home/');
    s.type('\x15kill 1\t'); // no completer for thread ids yet
    expect(s.ed.line()).toBe('kill 1');
    expect(s.screen.bells).toBe(1);
    s.type('\x15zz \t'); // not a command
    expect(s.screen.bells).toBe(2);
    s.dispose();
    open = [];
    reg[Symbol.dispose]();
  });

  it('rings the bell without a completer or when the completion would not fit', () => {
    const s = start();
    s.type('x\t');
    expect(s.screen.bells).toBe(1);
    const reg = seedRegistry();
    const t = start({ completer: reg, maxLine: 4 });
    t.type('mk\t');
    expect(t.screen.bells).toBe(1);
    expect(t.ed.line()).toBe('mk');
    t.dispose();
    open = [s];
    reg[Symbol.dispose]();
  });
});
