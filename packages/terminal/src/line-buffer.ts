/**
 * LineBuffer: the bytes of the line being edited and the cursor, a byte
 * offset that is always at a character boundary. It holds only whole, valid
 * UTF-8 characters (the key decoder guarantees that of what it inserts), at
 * most `capacity` bytes: an insertion that does not fit changes nothing and
 * says so. Words, for word motion and erase, are runs of non-space bytes.
 */
import { allocBytes, freeBytes, load8, memcpy, strFromBytes } from '@unishyper/rt';
import { charWidth, isContinuation, utf8Len, utf8Load, utf8Store } from './utf8';

const SPACE = 32;

export class LineBuffer {
  readonly base: number;
  readonly capacity: number;
  private used = 0;
  private at = 0;

  constructor(capacity: number) {
    this.base = allocBytes(capacity + 4, 1); // 4 spare bytes: a code point is encoded in place
    this.capacity = capacity;
  }

  len(): number {
    return this.used;
  }

  cursor(): number {
    return this.at;
  }

  byteAt(i: number): number {
    return load8(this.base + i);
  }

  /** The text (a view natively: valid until the buffer changes). */
  text(): string {
    return strFromBytes(this.base, this.used);
  }

  clear(): void {
    this.used = 0;
    this.at = 0;
  }

  /** Replaces the contents with `len` bytes at `addr` (cut at a character boundary if too long); cursor at the end. */
  set(addr: number, len: number): void {
    let n = len;
    if (n > this.capacity) {
      n = this.capacity;
      while (n > 0 && isContinuation(load8(addr + n))) n = n - 1;
    }
    memcpy(this.base, addr, n);
    this.used = n;
    this.at = n;
  }

  setCursor(i: number): void {
    this.at = i < 0 ? 0 : i > this.used ? this.used : i;
  }

  /** Inserts code point `cp` at the cursor and moves past it; false (nothing changed) when full. */
  insertChar(cp: number): boolean {
    const n = utf8Len(cp);
    if (this.used + n > this.capacity) return false;
    utf8Store(this.base + this.capacity, cp);
    return this.insertBytes(this.base + this.capacity, n);
  }

  /** Inserts `n` bytes (whole characters) at the cursor; false (nothing changed) when they do not fit. */
  insertBytes(addr: number, n: number): boolean {
    if (this.used + n > this.capacity) return false;
    memcpy(this.base + this.at + n, this.base + this.at, this.used - this.at); // memmove semantics
    memcpy(this.base + this.at, addr, n);
    this.used = this.used + n;
    this.at = this.at + n;
    return true;
  }

  /** Removes bytes [from, to) (character boundaries); the cursor stays on the same text or moves to `from`. */
  delete(from: number, to: number): void {
    if (to <= from) return;
    const n = to - from;
    memcpy(this.base + from, this.base + to, this.used - to);
    this.used = this.used - n;
    if (this.at >= to) this.at = this.at - n;
    else if (this.at > from) this.at = from;
  }

  /** Start of the character before byte offset `i` (0 at the start). */
  prevChar(i: number): number {
    if (i <= 0) return 0;
    let j = i - 1;
    while (j > 0 && isContinuation(load8(this.base + j))) j = j - 1;
    return j;
  }

  /** Start of the character after the one at `i` (the length at the end). */
  nextChar(i: number): number {
    if (i >= this.used) return this.used;
    let j = i + 1;
    while (j < this.used && isContinuation(load8(this.base + j))) j = j + 1;
    return j;
  }

  /** Start of the word before `i`: back over spaces, then over the word. */
  wordStartBefore(i: number): number {
    let j = i;
    while (j > 0 && load8(this.base + j - 1) === SPACE) j = j - 1;
    while (j > 0 && load8(this.base + j - 1) !== SPACE) j = j - 1;
    return j;
  }

  /** End of the word after `i`: forward over spaces, then over the word. */
  wordEndAfter(i: number): number {
    let j = i;
    while (j < this.used && load8(this.base + j) === SPACE) j = j + 1;
    while (j < this.used && load8(this.base + j) !== SPACE) j = j + 1;
    return j;
  }

  /** Terminal columns the characters in [from, to) take. */
  columns(from: number, to: number): number {
    let cols = 0;
    let i = from;
    while (i < to) {
      cols = cols + charWidth(utf8Load(this.base + i));
      i = this.nextChar(i);
    }
    return cols;
  }

  /** Columns of the character at `i`. */
  charColumns(i: number): number {
    return charWidth(utf8Load(this.base + i));
  }

  [Symbol.dispose](): void {
    freeBytes(this.base);
  }
}
