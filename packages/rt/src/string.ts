/**
 * String intrinsics. Natively a string is `rt_str`, a pointer and a UTF-8
 * byte length; under Node the same bytes come from TextEncoder, so lengths
 * and indices are byte-based in both worlds.
 */
import { checkIndex } from './bounds.js';
import { busReadBytes } from './bus.js';
import type { u8 } from './int.js';
import { panic } from './panic.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

// Loops call strByteAt on one string many times: remember the last encoding.
let lastString = '';
let lastBytes = new Uint8Array(0);

function utf8(s: string): Uint8Array {
  if (s !== lastString) {
    lastBytes = encoder.encode(s);
    lastString = s;
  }
  return lastBytes;
}

/** UTF-8 byte length. */
export function strLen(s: string): number {
  return utf8(s).length;
}

/** Byte `i` of the UTF-8 encoding; out of range panics. */
export function strByteAt(s: string, i: number): u8 {
  const bytes = utf8(s);
  return bytes[checkIndex(i, bytes.length)]! as u8;
}

/**
 * The `len` bytes at `addr` as a string. Natively a view of those bytes, valid
 * while they are; under Node a decoded copy (invalid UTF-8 decodes to U+FFFD,
 * where natively the raw bytes stay). A negative length panics.
 */
export function strFromBytes(addr: number, len: number): string {
  if (!Number.isSafeInteger(len) || len < 0) panic(`invalid string length ${len}`);
  if (len === 0) return '';
  return decoder.decode(busReadBytes(addr, len, 'strFromBytes'));
}
