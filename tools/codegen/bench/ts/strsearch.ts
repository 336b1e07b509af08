/**
 * String compare and search, as a shell matches commands and a parser looks
 * for tokens: the pattern bytes become a text over 'a'..'h'; each needle (a
 * string literal) is counted by a naive search with strByteAt, and every
 * 4-byte window is compared with `===` against a keyword through
 * strFromBytes. Returns a digest of the counts.
 */
import { allocBytes, freeBytes, load8, store8, strByteAt, strFromBytes, strLen } from '@unishyper/rt';

/** Occurrences of `needle` in the `len` bytes at `text`. */
function count(text: number, len: number, needle: string): number {
  const m = strLen(needle);
  let found = 0;
  for (let i = 0; i + m <= len; i++) {
    let j = 0;
    while (j < m && load8(text + i + j) === strByteAt(needle, j)) j++;
    if (j === m) found++;
  }
  return found;
}

/** Windows of the text equal to one of the commands. */
function commands(text: number, len: number): number {
  let hits = 0;
  for (let i = 0; i + 4 <= len; i++) {
    const w = strFromBytes(text + i, 4);
    if (w === 'bead' || w === 'cafe' || w === 'face' || w === 'head') hits++;
  }
  return hits;
}

export function strsearch(buf: number, len: number, n: number): number {
  const size = n <= len ? n : len;
  const text = allocBytes(size, 16);
  for (let i = 0; i < size; i++) store8(text + i, 0x61 + (load8(buf + i) & 7));
  let digest = 0;
  digest = digest * 131 + count(text, size, 'abc');
  digest = digest * 131 + count(text, size, 'hgfe');
  digest = digest * 131 + count(text, size, 'aa');
  digest = digest * 131 + count(text, size, 'deadbeef');
  digest = digest * 131 + commands(text, size);
  freeBytes(text);
  return digest;
}
