/**
 * Tab completion's two interfaces and the bounded list of candidates that
 * flows between them. The line editor asks a LineCompleter (the command
 * registry) for the word at the cursor; the registry completes command
 * names itself and hands arguments to the ArgCompleter registered for the
 * command's argument kind (paths from vfs, thread ids from sched).
 *
 * A candidate is the whole word that would replace the one typed (for a
 * path "/dir/file", not "file"). One that ends in '/' is not followed by a
 * space when it is the only match, so completion can go on into the directory.
 */
import { FixedArray, allocBytes, freeBytes, load8, memcpy, release, store8, strByteAt, strFromBytes, strLen } from '@unishyper/rt';
import { isPrintableUtf8 } from './utf8';

export interface LineCompleter {
  /**
   * Adds to `into` the candidates for the word [wordStart, wordEnd) of the
   * line at `line` (bytes in memory; the word ends at the cursor).
   */
  complete(line: number, wordStart: number, wordEnd: number, into: Completions): void;
}

export interface ArgCompleter {
  /** Adds to `into` every candidate that begins with the `prefixLen` bytes at `prefix`. */
  completeArg(prefix: number, prefixLen: number, into: Completions): void;
}

export class Completions {
  private readonly bytes: number;
  private readonly starts: FixedArray<number>;
  private readonly lens: FixedArray<number>;
  private used = 0;
  private n = 0;
  private full = false;

  constructor(
    readonly maxCandidates: number,
    readonly maxBytes: number,
  ) {
    this.bytes = allocBytes(maxBytes + 1, 1);
    this.starts = new FixedArray<number>(maxCandidates, 0);
    this.lens = new FixedArray<number>(maxCandidates, 0);
  }

  /**
   * Adds a copy of `s`. Dropped when the list is full (truncated() is then
   * true), and when it is empty or not printable UTF-8 (it could not go on
   * the line).
   */
  add(s: string): void {
    const len = strLen(s);
    if (!this.room(len)) return;
    const at = this.bytes + this.used;
    for (let i = 0; i < len; i++) store8(at + i, strByteAt(s, i));
    this.commit(len);
  }

  /** Adds a copy of the `len` bytes at `addr`, as add(). */
  addBytes(addr: number, len: number): void {
    if (!this.room(len)) return;
    memcpy(this.bytes + this.used, addr, len);
    this.commit(len);
  }

  count(): number {
    return this.n;
  }

  /** Some candidates did not fit. */
  truncated(): boolean {
    return this.full;
  }

  addr(i: number): number {
    return this.bytes + this.starts.get(i);
  }

  len(i: number): number {
    return this.lens.get(i);
  }

  /** Candidate `i` as a string (natively a view, valid until clear()). */
  get(i: number): string {
    return strFromBytes(this.addr(i), this.len(i));
  }

  /** Length of the prefix all candidates share, cut back to a character boundary. */
  commonPrefix(): number {
    if (this.n === 0) return 0;
    let p = this.len(0);
    const first = this.addr(0);
    for (let i = 1; i < this.n; i++) {
      const a = this.addr(i);
      let k = 0;
      const l = this.len(i) < p ? this.len(i) : p;
      while (k < l && load8(a + k) === load8(first + k)) k = k + 1;
      p = k;
    }
    while (p > 0 && p < this.len(0) && (load8(first + p) & 0xc0) === 0x80) p = p - 1;
    return p;
  }

  clear(): void {
    this.used = 0;
    this.n = 0;
    this.full = false;
  }

  [Symbol.dispose](): void {
    freeBytes(this.bytes);
    release(this.starts);
    release(this.lens);
  }

  private room(len: number): boolean {
    if (this.n === this.maxCandidates || this.used + len > this.maxBytes) {
      this.full = true;
      return false;
    }
    return true;
  }

  private commit(len: number): void {
    if (len === 0 || !isPrintableUtf8(this.bytes + this.used, len)) return;
    this.starts.set(this.n, this.used);
    this.lens.set(this.n, len);
    this.used = this.used + len;
    this.n = this.n + 1;
  }
}
