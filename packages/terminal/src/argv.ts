/**
 * Argv: a command line split into words, as a POSIX shell splits a simple
 * command (without expansions). Words are separated by spaces and tabs;
 * 'single quotes' keep everything literally; "double quotes" keep everything
 * but \" and \\, which stand for " and \; outside quotes a backslash takes
 * the next character literally. Quoted and unquoted parts next to each other
 * join into one word, and "" is an empty word.
 *
 * The words are copied into storage the Argv owns (allocated once), so they
 * stay valid while the line is edited again. parse() fails, with error()
 * saying why, on an unterminated quote (naming the column of the opening
 * quote, counted in characters from 1), a trailing backslash, too many
 * words or a line longer than the storage.
 */
import { FixedArray, StrBuf, allocBytes, freeBytes, release, store8, strByteAt, strFromBytes, strLen } from '@unishyper/rt';
import { isContinuation } from './utf8';

const SPACE = 32;
const TAB = 9;
const SQUOTE = 39;
const DQUOTE = 34;
const BACKSLASH = 92;

export class Argv {
  private readonly bytes: number;
  private readonly starts: FixedArray<number>;
  private readonly lens: FixedArray<number>;
  private readonly message: StrBuf;
  private n = 0;
  private used = 0;

  constructor(
    readonly maxWords: number,
    readonly maxBytes: number,
  ) {
    this.bytes = allocBytes(maxBytes + 1, 1);
    this.starts = new FixedArray<number>(maxWords, 0);
    this.lens = new FixedArray<number>(maxWords, 0);
    this.message = new StrBuf(96);
  }

  /** Number of words (argv[0] is the command name). */
  count(): number {
    return this.n;
  }

  /** Word `i` (natively a view of the Argv's storage, valid until the next parse). */
  get(i: number): string {
    return strFromBytes(this.bytes + this.starts.get(i), this.lens.get(i));
  }

  /** Why the last parse() failed ('' after a successful one). */
  error(): string {
    return this.message.toString();
  }

  /** Splits `line` into words; false (and error()) when it cannot. */
  parse(line: string): boolean {
    this.n = 0;
    this.used = 0;
    this.message.clear();
    const len = strLen(line);
    if (len > this.maxBytes) return this.fail('line too long (at most ', this.maxBytes, ' bytes)');
    let i = 0;
    while (i < len) {
      const c = strByteAt(line, i);
      if (c === SPACE || c === TAB) {
        i = i + 1;
        continue;
      }
      if (this.n === this.maxWords) return this.fail('too many arguments (at most ', this.maxWords - 1, ')');
      this.starts.set(this.n, this.used);
      i = this.word(line, i, len);
      if (i < 0) return false;
      this.lens.set(this.n, this.used - this.starts.get(this.n));
      this.n = this.n + 1;
    }
    return true;
  }

  [Symbol.dispose](): void {
    freeBytes(this.bytes);
    release(this.starts);
    release(this.lens);
    this.message[Symbol.dispose]();
  }

  /** Copies the word starting at `i` into storage; returns the index after it, or -1 on an error. */
  private word(line: string, from: number, len: number): number {
    let i = from;
    while (i < len) {
      const c = strByteAt(line, i);
      if (c === SPACE || c === TAB) break;
      if (c === SQUOTE || c === DQUOTE) {
        const close = this.quoted(line, i + 1, len, c);
        if (close < 0) {
          this.quoteError(line, i, c);
          return -1;
        }
        i = close + 1;
      } else if (c === BACKSLASH) {
        if (i + 1 === len) {
          this.fail('trailing backslash at column ', column(line, i), '');
          return -1;
        }
        this.put(strByteAt(line, i + 1));
        i = i + 2;
      } else {
        this.put(c);
        i = i + 1;
      }
    }
    return i;
  }

  /** Copies a quoted part starting after the quote at `from - 1`; returns the closing quote's index or -1. */
  private quoted(line: string, from: number, len: number, quote: number): number {
    let i = from;
    while (i < len) {
      const c = strByteAt(line, i);
      if (c === quote) return i;
      if (quote === DQUOTE && c === BACKSLASH && i + 1 < len) {
        const next = strByteAt(line, i + 1);
        if (next === DQUOTE || next === BACKSLASH) {
          this.put(next);
          i = i + 2;
          continue;
        }
      }
      this.put(c);
      i = i + 1;
    }
    return -1;
  }

  private put(b: number): void {
    // Never past maxBytes: a word's bytes are at most the line's, checked in parse().
    store8(this.bytes + this.used, b);
    this.used = this.used + 1;
  }

  private quoteError(line: string, at: number, quote: number): void {
    this.message.push(quote === SQUOTE ? 'unterminated single quote' : 'unterminated double quote');
    this.message.push(' at column ');
    this.message.pushNum(column(line, at));
    this.n = 0;
  }

  private fail(before: string, n: number, after: string): boolean {
    this.message.push(before);
    this.message.pushNum(n);
    this.message.push(after);
    this.n = 0;
    return false;
  }
}

/** The 1-based character column of byte `at` of `line`. */
function column(line: string, at: number): number {
  let col = 1;
  for (let i = 0; i < at; i++) if (!isContinuation(strByteAt(line, i))) col = col + 1;
  return col;
}
