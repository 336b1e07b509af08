/**
 * UTF-8 helpers for the line buffer: encoding a code point into memory,
 * finding character starts, and the number of terminal columns a character
 * takes. Widths follow the common terminal rule: East Asian wide and
 * fullwidth characters take two columns, everything else printable one
 * (combining marks are not special-cased; see README, limits).
 */
import { load8, store8, strByteAt, strLen } from '@unishyper/rt';

/** Bytes the UTF-8 encoding of `cp` takes. */
export function utf8Len(cp: number): number {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

/** Writes the UTF-8 encoding of `cp` at `addr`; returns its length. */
export function utf8Store(addr: number, cp: number): number {
  const n = utf8Len(cp);
  if (n === 1) {
    store8(addr, cp);
  } else if (n === 2) {
    store8(addr, 0xc0 | (cp >> 6));
    store8(addr + 1, 0x80 | (cp & 0x3f));
  } else if (n === 3) {
    store8(addr, 0xe0 | (cp >> 12));
    store8(addr + 1, 0x80 | ((cp >> 6) & 0x3f));
    store8(addr + 2, 0x80 | (cp & 0x3f));
  } else {
    store8(addr, 0xf0 | (cp >> 18));
    store8(addr + 1, 0x80 | ((cp >> 12) & 0x3f));
    store8(addr + 2, 0x80 | ((cp >> 6) & 0x3f));
    store8(addr + 3, 0x80 | (cp & 0x3f));
  }
  return n;
}

/** True when `b` is a UTF-8 continuation byte (10xxxxxx). */
export function isContinuation(b: number): boolean {
  return (b & 0xc0) === 0x80;
}

/** The code point of the (valid) UTF-8 character starting at `addr`. */
export function utf8Load(addr: number): number {
  const b = load8(addr);
  if (b < 0x80) return b;
  if (b < 0xe0) return ((b & 0x1f) << 6) | (load8(addr + 1) & 0x3f);
  if (b < 0xf0) return ((b & 0x0f) << 12) | ((load8(addr + 1) & 0x3f) << 6) | (load8(addr + 2) & 0x3f);
  return ((b & 0x07) << 18) | ((load8(addr + 1) & 0x3f) << 12) | ((load8(addr + 2) & 0x3f) << 6) | (load8(addr + 3) & 0x3f);
}

/** Terminal columns of code point `cp` (1 or 2). */
export function charWidth(cp: number): number {
  if (cp < 0x1100) return 1;
  if (cp <= 0x115f) return 2; // Hangul Jamo initials
  if (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) return 2; // CJK radicals .. Yi
  if (cp >= 0xac00 && cp <= 0xd7a3) return 2; // Hangul syllables
  if (cp >= 0xf900 && cp <= 0xfaff) return 2; // CJK compatibility ideographs
  if (cp >= 0xfe30 && cp <= 0xfe4f) return 2; // CJK compatibility forms
  if (cp >= 0xff00 && cp <= 0xff60) return 2; // fullwidth forms
  if (cp >= 0xffe0 && cp <= 0xffe6) return 2;
  if (cp >= 0x1f300 && cp <= 0x1f64f) return 2; // pictographs, emoticons
  if (cp >= 0x1f900 && cp <= 0x1f9ff) return 2;
  if (cp >= 0x20000 && cp <= 0x3fffd) return 2; // CJK extensions
  return 1;
}

/** Bytes of the UTF-8 character whose first byte is `b` (1 for a byte that cannot start one). */
export function utf8SeqLen(b: number): number {
  if (b >= 0xf0 && b <= 0xf4) return 4;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  return 1;
}

/** Terminal columns of the `len` bytes of valid UTF-8 at `addr`. */
export function bytesColumns(addr: number, len: number): number {
  let cols = 0;
  let i = 0;
  while (i < len) {
    cols = cols + charWidth(utf8Load(addr + i));
    i = i + utf8SeqLen(load8(addr + i));
  }
  return cols;
}

/** Terminal columns of string `s` (valid UTF-8). */
export function stringColumns(s: string): number {
  const n = strLen(s);
  let cols = 0;
  let i = 0;
  while (i < n) {
    const b = strByteAt(s, i);
    const len = utf8SeqLen(b);
    let cp: number = b;
    if (len === 2) cp = ((b & 0x1f) << 6) | (strByteAt(s, i + 1) & 0x3f);
    if (len === 3) cp = ((b & 0x0f) << 12) | ((strByteAt(s, i + 1) & 0x3f) << 6) | (strByteAt(s, i + 2) & 0x3f);
    if (len === 4) cp = ((b & 0x07) << 18) | ((strByteAt(s, i + 1) & 0x3f) << 12) | ((strByteAt(s, i + 2) & 0x3f) << 6) | (strByteAt(s, i + 3) & 0x3f);
    cols = cols + charWidth(cp);
    i = i + len;
  }
  return cols;
}

/**
 * True when the `len` bytes at `addr` are valid UTF-8 with no control
 * characters (C0, DEL, C1): text that is safe to put on the line.
 */
export function isPrintableUtf8(addr: number, len: number): boolean {
  let i = 0;
  while (i < len) {
    const b = load8(addr + i);
    if (b < 0x20 || b === 0x7f) return false;
    if (b < 0x80) {
      i = i + 1;
      continue;
    }
    const n = utf8SeqLen(b);
    if (n === 1 || i + n > len) return false;
    let lo = 0x80;
    let hi = 0xbf;
    if (b === 0xe0) lo = 0xa0;
    if (b === 0xed) hi = 0x9f;
    if (b === 0xf0) lo = 0x90;
    if (b === 0xf4) hi = 0x8f;
    const b1 = load8(addr + i + 1);
    if (b1 < lo || b1 > hi) return false;
    for (let k = 2; k < n; k++) if (!isContinuation(load8(addr + i + k))) return false;
    if (utf8Load(addr + i) < 0xa0) return false; // C1 controls
    i = i + n;
  }
  return true;
}
