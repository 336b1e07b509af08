/**
 * TermOutput: where the line editor and the commands write. The shell gives
 * them the console (ConsoleOutput); tests and the native fixture give them a
 * RecordingOutput and look at the bytes.
 */
import { StrBuf, kprint, strFromBytes, strLen } from '@unishyper/rt';

export interface TermOutput {
  /** Writes the UTF-8 bytes of `s`. */
  write(s: string): void;
  /** Writes `len` bytes at `addr` (whole UTF-8 characters). */
  writeBytes(addr: number, len: number): void;
  /** Writes `n` in decimal. */
  writeNum(n: number): void;
}

/** The kernel console, through kprint. */
export class ConsoleOutput implements TermOutput {
  write(s: string): void {
    kprint`${s}`;
  }

  writeBytes(addr: number, len: number): void {
    kprint`${strFromBytes(addr, len)}`;
  }

  writeNum(n: number): void {
    kprint`${n}`;
  }
}

/**
 * Keeps what is written, up to `capacity` bytes; past that it counts the
 * bytes it dropped instead of panicking (a test then sees the overflow).
 */
export class RecordingOutput implements TermOutput {
  private readonly buf: StrBuf;
  private lost = 0;

  constructor(capacity: number) {
    this.buf = new StrBuf(capacity);
  }

  write(s: string): void {
    const n = strLen(s);
    if (this.buf.len() + n > this.buf.capacity()) {
      this.lost = this.lost + n;
      return;
    }
    this.buf.push(s);
  }

  writeBytes(addr: number, len: number): void {
    this.write(strFromBytes(addr, len));
  }

  writeNum(n: number): void {
    // At most 17 bytes ("-" and 16 digits in the safe range).
    if (this.buf.len() + 17 > this.buf.capacity()) {
      this.lost = this.lost + 1;
      return;
    }
    this.buf.pushNum(n);
  }

  /** What was written (a view natively: valid until the next write or clear). */
  text(): string {
    return this.buf.toString();
  }

  len(): number {
    return this.buf.len();
  }

  /** Bytes that did not fit. */
  dropped(): number {
    return this.lost;
  }

  clear(): void {
    this.buf.clear();
    this.lost = 0;
  }

  [Symbol.dispose](): void {
    this.buf[Symbol.dispose]();
  }
}
