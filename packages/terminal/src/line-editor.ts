/**
 * LineEditor: reads one line from console bytes, with the editing keys of a
 * shell, and draws it with a handful of VT100 sequences (vt100.ts).
 *
 * The line is bounded (`maxLineBytes` of UTF-8): a character that does not
 * fit is refused with a bell, and so is a completion or a history line that
 * would not fit. The line is shown on one terminal row: when prompt and line
 * are wider than `columns` the view scrolls sideways to keep the cursor on
 * screen (the terminal's width is not known over a serial line: 80 unless
 * setColumns says otherwise), so nothing ever wraps and CR always finds the
 * start of the row.
 *
 * Use: start() prints the prompt; feed() each byte read from the console
 * until it returns EditResult.Line (then line() is the text), Cancelled
 * (Ctrl-C) or Eof (Ctrl-D on an empty line); start() again for the next.
 * Bytes fed while no line is being read are decoded and dropped.
 * Everything is allocated by the constructor; [Symbol.dispose]() frees it.
 */
import { load8 } from '@unishyper/rt';
import { KeyDecoder } from './key-decoder';
import { KEY_NONE, Key, isCharKey } from './keys';
import { History } from './history';
import { LineBuffer } from './line-buffer';
import { Completions, type LineCompleter } from './completions';
import type { TermOutput } from './term-output';
import { bytesColumns, stringColumns } from './utf8';
import { bell, carriageReturn, clearScreen, cursorLeft, cursorRight, eraseToEnd, newline } from './vt100';

export const EditResult = {
  /** Still editing. */
  None: 0,
  /** Enter: line() holds the text (added to the history). */
  Line: 1,
  /** Ctrl-C: the line was dropped. */
  Cancelled: 2,
  /** Ctrl-D on an empty line. */
  Eof: 3,
} as const;

const SPACE = 32;
const MIN_COLUMNS = 10;
/** Candidates and their bytes one Tab can show. */
const MAX_CANDIDATES = 64;
const CANDIDATE_BYTES = 2048;

export class LineEditor {
  readonly history: History;
  private readonly decoder = new KeyDecoder();
  private readonly buf: LineBuffer;
  /** The line being edited, kept while Up/Down show history lines. */
  private readonly draft: LineBuffer;
  private readonly candidates: Completions;
  private completer: LineCompleter | null = null;
  private prompt = '';
  private promptCols = 0;
  private cols = 80;
  /** Byte offset of the first character shown (the sideways scroll). */
  private viewStart = 0;
  /** The history entry shown; history.count() is the draft. */
  private histPos = 0;
  private active = false;

  constructor(
    private readonly out: TermOutput,
    maxLineBytes: number,
    historyLines: number,
  ) {
    this.buf = new LineBuffer(maxLineBytes);
    this.draft = new LineBuffer(maxLineBytes);
    this.history = new History(historyLines, maxLineBytes);
    this.candidates = new Completions(MAX_CANDIDATES, CANDIDATE_BYTES);
  }

  setPrompt(p: string): void {
    this.prompt = p;
    this.promptCols = stringColumns(p);
  }

  /** The terminal's width in columns (at least 10). */
  setColumns(n: number): void {
    this.cols = n < MIN_COLUMNS ? MIN_COLUMNS : n;
  }

  setCompleter(c: LineCompleter | null): void {
    this.completer = c;
  }

  /** Starts a new, empty line: prints the prompt. */
  start(): void {
    this.buf.clear();
    this.viewStart = 0;
    this.histPos = this.history.count();
    this.active = true;
    this.out.write(this.prompt);
  }

  /** True between start() and the end of the line. */
  editing(): boolean {
    return this.active;
  }

  /** Takes one byte from the console; returns an EditResult. */
  feed(byte: number): number {
    const k = this.decoder.feed(byte);
    if (k === KEY_NONE || !this.active) return EditResult.None;
    return this.key(k);
  }

  /** The line (after EditResult.Line; natively a view, valid until the next start()). */
  line(): string {
    return this.buf.text();
  }

  /** The line's bytes, for callers that work on memory. */
  lineAddr(): number {
    return this.buf.base;
  }

  lineLen(): number {
    return this.buf.len();
  }

  /** Cursor position in bytes (tests). */
  cursor(): number {
    return this.buf.cursor();
  }

  [Symbol.dispose](): void {
    this.buf[Symbol.dispose]();
    this.draft[Symbol.dispose]();
    this.history[Symbol.dispose]();
    this.candidates[Symbol.dispose]();
  }

  /** Acts on one key event; returns an EditResult. */
  key(k: number): number {
    if (!this.active) return EditResult.None;
    if (isCharKey(k)) {
      this.insert(k);
      return EditResult.None;
    }
    const b = this.buf;
    switch (k) {
      case Key.Enter:
        newline(this.out);
        this.history.add(b.base, b.len());
        this.active = false;
        return EditResult.Line;
      case Key.CtrlC:
        // "^C" at the cursor, as other shells do, where it does not reach the last column.
        if (this.promptCols + b.columns(this.viewStart, b.cursor()) + 2 < this.cols) this.out.write('^C');
        newline(this.out);
        b.clear();
        this.active = false;
        return EditResult.Cancelled;
      case Key.CtrlD:
        if (b.len() === 0) {
          newline(this.out);
          this.active = false;
          return EditResult.Eof;
        }
        this.remove(b.cursor(), b.nextChar(b.cursor()));
        break;
      case Key.Backspace:
        this.remove(b.prevChar(b.cursor()), b.cursor());
        break;
      case Key.Delete:
        this.remove(b.cursor(), b.nextChar(b.cursor()));
        break;
      case Key.Left:
        this.moveTo(b.prevChar(b.cursor()));
        break;
      case Key.Right:
        this.moveTo(b.nextChar(b.cursor()));
        break;
      case Key.Home:
      case Key.CtrlA:
        this.moveTo(0);
        break;
      case Key.End:
      case Key.CtrlE:
        this.moveTo(b.len());
        break;
      case Key.WordLeft:
        this.moveTo(b.wordStartBefore(b.cursor()));
        break;
      case Key.WordRight:
        this.moveTo(b.wordEndAfter(b.cursor()));
        break;
      case Key.CtrlU:
        this.remove(0, b.cursor());
        break;
      case Key.CtrlK:
        this.remove(b.cursor(), b.len());
        break;
      case Key.CtrlW:
      case Key.WordErase:
        this.remove(b.wordStartBefore(b.cursor()), b.cursor());
        break;
      case Key.CtrlL:
        clearScreen(this.out);
        this.refresh();
        break;
      case Key.Up:
        this.historyUp();
        break;
      case Key.Down:
        this.historyDown();
        break;
      case Key.Tab:
        this.complete();
        break;
      default:
        break;
    }
    return EditResult.None;
  }

  // ---- editing ---------------------------------------------------------------

  private insert(cp: number): void {
    const b = this.buf;
    if (!b.insertChar(cp)) {
      bell(this.out); // the line is full
      return;
    }
    const start = b.prevChar(b.cursor());
    if (b.cursor() === b.len() && !this.fitView()) {
      this.out.writeBytes(b.base + start, b.cursor() - start); // typing at the end: echo only
    } else {
      this.fitView();
      this.refresh();
    }
  }

  /** Deletes [from, to); a bell when there is nothing to delete. */
  private remove(from: number, to: number): void {
    const b = this.buf;
    if (to <= from) {
      bell(this.out);
      return;
    }
    const atEnd = to === b.len() && b.cursor() === to;
    const width = b.columns(from, to);
    b.delete(from, to);
    if (atEnd && !this.fitView()) {
      cursorLeft(this.out, width); // erasing at the end: back up and erase
      eraseToEnd(this.out);
    } else {
      this.fitView();
      this.refresh();
    }
  }

  private moveTo(i: number): void {
    const b = this.buf;
    const old = b.cursor();
    b.setCursor(i);
    if (this.fitView()) {
      this.refresh();
    } else if (i < old) {
      cursorLeft(this.out, b.columns(i, old));
    } else {
      cursorRight(this.out, b.columns(old, i));
    }
  }

  // ---- history ---------------------------------------------------------------

  private historyUp(): void {
    const h = this.history;
    if (this.histPos === 0) {
      bell(this.out);
      return;
    }
    if (this.histPos === h.count()) this.draft.set(this.buf.base, this.buf.len());
    this.histPos = this.histPos - 1;
    this.show(h.entryAddr(this.histPos), h.entryLen(this.histPos));
  }

  private historyDown(): void {
    const h = this.history;
    if (this.histPos >= h.count()) {
      bell(this.out);
      return;
    }
    this.histPos = this.histPos + 1;
    if (this.histPos === h.count()) this.show(this.draft.base, this.draft.len());
    else this.show(h.entryAddr(this.histPos), h.entryLen(this.histPos));
  }

  /** Replaces the line with `len` bytes at `addr`, cursor at the end. */
  private show(addr: number, len: number): void {
    this.buf.set(addr, len);
    this.viewStart = 0;
    this.fitView();
    this.refresh();
  }

  // ---- completion ------------------------------------------------------------

  private complete(): void {
    const b = this.buf;
    const c = this.completer;
    if (c === null) {
      bell(this.out);
      return;
    }
    const end = b.cursor();
    let start = end;
    while (start > 0 && b.byteAt(start - 1) !== SPACE) start = start - 1;
    const cands = this.candidates;
    cands.clear();
    c.complete(b.base, start, end, cands);
    const n = cands.count();
    if (n === 0) {
      bell(this.out);
      return;
    }
    const common = cands.commonPrefix();
    if (n === 1) {
      const len = cands.len(0);
      const dir = load8(cands.addr(0) + len - 1) === 47; // a directory ends in '/'
      const space = !dir && (end === b.len() || b.byteAt(end) !== SPACE);
      this.replaceWord(start, end, cands.addr(0), len, space);
    } else if (common > end - start) {
      this.replaceWord(start, end, cands.addr(0), common, false);
    } else {
      this.listCandidates();
    }
  }

  /** Replaces [start, end) with `len` bytes at `addr` (and a space); a bell if the line cannot hold it. */
  private replaceWord(start: number, end: number, addr: number, len: number, space: boolean): void {
    const b = this.buf;
    const extra = space ? 1 : 0;
    if (b.len() - (end - start) + len + extra > b.capacity) {
      bell(this.out);
      return;
    }
    b.delete(start, end);
    b.setCursor(start);
    b.insertBytes(addr, len);
    if (space) b.insertChar(SPACE);
    this.fitView();
    this.refresh();
  }

  /** Prints the candidates in rows below the line, then draws the line again. */
  private listCandidates(): void {
    const cands = this.candidates;
    newline(this.out);
    let col = 0;
    for (let i = 0; i < cands.count(); i++) {
      const w = bytesColumns(cands.addr(i), cands.len(i));
      if (col > 0 && col + w + 2 > this.cols) {
        newline(this.out);
        col = 0;
      }
      this.out.writeBytes(cands.addr(i), cands.len(i));
      this.out.write('  ');
      col = col + w + 2;
    }
    if (cands.truncated()) this.out.write('...');
    newline(this.out);
    this.refresh();
  }

  // ---- drawing ---------------------------------------------------------------

  /** Columns the line may use: the row after the prompt, less the last column (no pending wrap). */
  private avail(): number {
    const a = this.cols - this.promptCols - 1;
    return a < 1 ? 1 : a;
  }

  /** Scrolls the view so the cursor is on screen; true when it moved. */
  private fitView(): boolean {
    const b = this.buf;
    const old = this.viewStart;
    if (this.viewStart > b.len()) this.viewStart = b.len();
    if (b.cursor() < this.viewStart) this.viewStart = b.cursor();
    while (b.columns(this.viewStart, b.cursor()) > this.avail()) this.viewStart = b.nextChar(this.viewStart);
    return this.viewStart !== old;
  }

  /** Draws prompt and visible part of the line from the start of the row, then places the cursor. */
  private refresh(): void {
    const b = this.buf;
    const avail = this.avail();
    let end = this.viewStart;
    let used = 0;
    while (end < b.len()) {
      const w = b.charColumns(end);
      if (used + w > avail) break;
      used = used + w;
      end = b.nextChar(end);
    }
    carriageReturn(this.out);
    this.out.write(this.prompt);
    this.out.writeBytes(b.base + this.viewStart, end - this.viewStart);
    eraseToEnd(this.out);
    carriageReturn(this.out);
    cursorRight(this.out, this.promptCols + b.columns(this.viewStart, b.cursor()));
  }
}

