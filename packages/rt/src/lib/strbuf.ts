/**
 * StrBuf: a bounded byte buffer for building strings without concatenation,
 * written in the kernel dialect. Its bytes come from `allocBytes` and go back
 * with `[Symbol.dispose]()` (or `using`). Appending past the capacity panics
 * `StrBuf overflow` and appends nothing. `toString()` is a view of the bytes
 * natively, valid until the buffer is cleared, written again or disposed.
 */
import { idiv } from '../arith.js';
import { allocBytes, freeBytes } from '../heap.js';
import { store8 } from '../memory.js';
import { panic } from '../panic.js';
import { strByteAt, strFromBytes, strLen } from '../string.js';

export class StrBuf {
  private readonly base: number;
  private readonly cap: number;
  private used: number;

  constructor(capacity: number) {
    this.base = allocBytes(capacity, 1);
    this.cap = capacity;
    this.used = 0;
  }

  /** Bytes written so far. */
  len(): number {
    return this.used;
  }

  capacity(): number {
    return this.cap;
  }

  /** Appends the UTF-8 bytes of `s`. */
  push(s: string): void {
    const n = strLen(s);
    this.reserve(n);
    for (let i = 0; i < n; i++) {
      store8(this.base + this.used + i, strByteAt(s, i));
    }
    this.used = this.used + n;
  }

  /** Appends the low 8 bits of `b`. */
  pushByte(b: number): void {
    this.reserve(1);
    store8(this.base + this.used, b);
    this.used = this.used + 1;
  }

  /** Appends `n` in decimal, as kprint prints it. */
  pushNum(n: number): void {
    this.pushDigits(n, 10, false);
  }

  /** Appends `n` in lowercase hex with a 0x prefix, as kprint prints hex(n). */
  pushHex(n: number): void {
    this.pushDigits(n, 16, true);
  }

  /** The bytes written so far as a string. */
  toString(): string {
    return strFromBytes(this.base, this.used);
  }

  clear(): void {
    this.used = 0;
  }

  [Symbol.dispose](): void {
    freeBytes(this.base);
  }

  private reserve(n: number): void {
    if (this.used + n > this.cap) {
      panic('StrBuf overflow');
    }
  }

  private pushDigits(n: number, radix: number, prefix: boolean): void {
    let m = n;
    let sign = 0;
    if (n < 0) {
      m = 0 - n;
      sign = 1;
    }
    let digits = 1;
    let rest = idiv(m, radix);
    while (rest !== 0) {
      digits = digits + 1;
      rest = idiv(rest, radix);
    }
    let prefixLen = 0;
    if (prefix) {
      prefixLen = 2;
    }
    this.reserve(sign + prefixLen + digits);
    let at = this.base + this.used;
    if (sign === 1) {
      store8(at, 45); // '-'
      at = at + 1;
    }
    if (prefix) {
      store8(at, 48); // '0'
      store8(at + 1, 120); // 'x'
      at = at + 2;
    }
    let pos = at + digits - 1;
    for (let i = 0; i < digits; i++) {
      const d = m % radix;
      if (d < 10) {
        store8(pos, 48 + d);
      } else {
        store8(pos, 87 + d);
      }
      m = idiv(m, radix);
      pos = pos - 1;
    }
    this.used = this.used + sign + prefixLen + digits;
  }
}
