/**
 * Key events, as the key decoder produces them and the line editor consumes
 * them: one number each. 0..0x10FFFF is a printable character (its Unicode
 * code point); the named keys below lie past the last code point, so a key
 * needs no allocation and compares with ===.
 */

/** Nothing to report yet (part of a sequence, or a byte that was dropped). */
export const KEY_NONE = -1;

const FIRST = 0x110000;

export const Key = {
  Enter: 0x110000,
  Backspace: 0x110001,
  Delete: 0x110002,
  Left: 0x110003,
  Right: 0x110004,
  Up: 0x110005,
  Down: 0x110006,
  Home: 0x110007,
  End: 0x110008,
  WordLeft: 0x110009,
  WordRight: 0x11000a,
  Tab: 0x11000b,
  /** Alt-Backspace: erases the word before the cursor, as Ctrl-W. */
  WordErase: 0x11000c,
  CtrlA: 0x11000d,
  CtrlC: 0x11000e,
  CtrlD: 0x11000f,
  CtrlE: 0x110010,
  CtrlK: 0x110011,
  CtrlL: 0x110012,
  CtrlU: 0x110013,
  CtrlW: 0x110014,
} as const;

/** True when `k` is a printable character (a code point) rather than a named key. */
export function isCharKey(k: number): boolean {
  return k >= 0 && k < FIRST;
}
