/**
 * KeyDecoder: console bytes -> key events (keys.ts), one byte at a time, so a
 * sequence split across reads decodes the same as one read whole. It knows
 * UTF-8 text, the C0 controls a shell uses, and the escape sequences VT100,
 * xterm, the Linux console and tmux send for the editing keys (CSI in normal
 * and application cursor mode, SS3). Whatever else arrives is dropped whole:
 * an unknown sequence, malformed UTF-8 and C1 controls never reach the line.
 *
 * A control byte in the middle of a sequence aborts the sequence and is then
 * taken on its own (ECMA-48 executes C0 controls there), so Ctrl-C always
 * works. There is no timeout: a lone ESC waits for the next byte, and ESC
 * followed by a printable byte (an Alt chord) is dropped as a pair, except
 * Alt-b / Alt-f (word left / right) and Alt-Backspace (word erase).
 */
import { KEY_NONE, Key } from './keys';

const State = { Ground: 0, Utf8: 1, Esc: 2, Csi: 3, Ss3: 4 } as const;

const ESC = 0x1b;
const CR = 13;
const LF = 10;
/** Parameters past this value saturate (they only need to name a key). */
const PARAM_LIMIT = 9999;

export class KeyDecoder {
  private state: number = State.Ground;
  /** The byte before was CR: a following LF is the same Enter (CR LF terminals). */
  private afterCr = false;
  // UTF-8 in progress: continuation bytes still needed, the bits so far, and
  // the range the next byte must fall in (narrower after E0/ED/F0/F4, which
  // rules out overlong forms, surrogates and code points past U+10FFFF).
  private need = 0;
  private cp = 0;
  private lo = 0x80;
  private hi = 0xbf;
  // CSI in progress: the first two numeric parameters, which one is being
  // read, and whether a private marker or intermediate byte made it unknown.
  private param1 = 0;
  private param2 = 0;
  private paramIndex = 0;
  private odd = false;

  /** Takes one byte (0-255); returns the key it completes, or KEY_NONE. */
  feed(byte: number): number {
    const b = byte & 0xff;
    const wasCr = this.afterCr;
    this.afterCr = false;
    switch (this.state) {
      case State.Utf8:
        return this.utf8(b);
      case State.Esc:
        return this.escape(b);
      case State.Csi:
        return this.csi(b);
      case State.Ss3:
        return this.ss3(b);
      default:
        return this.ground(b, wasCr);
    }
  }

  /** True while part of a sequence has been read. */
  pending(): boolean {
    return this.state !== State.Ground;
  }

  /** Forgets a partial sequence. */
  reset(): void {
    this.state = State.Ground;
    this.afterCr = false;
  }

  private ground(b: number, wasCr: boolean): number {
    if (b === CR) {
      this.afterCr = true;
      return Key.Enter;
    }
    if (b === LF) return wasCr ? KEY_NONE : Key.Enter;
    if (b === ESC) {
      this.state = State.Esc;
      return KEY_NONE;
    }
    if (b < 0x20) return controlKey(b);
    if (b === 0x7f) return Key.Backspace;
    if (b < 0x80) return b;
    return this.utf8Start(b);
  }

  private utf8Start(b: number): number {
    this.lo = 0x80;
    this.hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      this.need = 1;
      this.cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      this.need = 2;
      this.cp = b & 0x0f;
      if (b === 0xe0) this.lo = 0xa0;
      if (b === 0xed) this.hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      this.need = 3;
      this.cp = b & 0x07;
      if (b === 0xf0) this.lo = 0x90;
      if (b === 0xf4) this.hi = 0x8f;
    } else {
      return KEY_NONE; // a stray continuation byte, C0/C1 (overlong) or F5..FF
    }
    this.state = State.Utf8;
    return KEY_NONE;
  }

  private utf8(b: number): number {
    if (b < this.lo || b > this.hi) {
      // Malformed: drop what was read and take this byte afresh.
      this.state = State.Ground;
      return this.ground(b, false);
    }
    this.cp = (this.cp << 6) | (b & 0x3f);
    this.need = this.need - 1;
    this.lo = 0x80;
    this.hi = 0xbf;
    if (this.need > 0) return KEY_NONE;
    this.state = State.Ground;
    // U+0080..U+009F are the C1 controls: not text.
    return this.cp < 0xa0 ? KEY_NONE : this.cp;
  }

  private escape(b: number): number {
    if (b === 0x5b) {
      this.state = State.Csi;
      this.param1 = 0;
      this.param2 = 0;
      this.paramIndex = 0;
      this.odd = false;
      return KEY_NONE;
    }
    if (b === 0x4f) {
      this.state = State.Ss3;
      return KEY_NONE;
    }
    if (b === ESC) return KEY_NONE; // ESC ESC: the first one is dropped
    this.state = State.Ground;
    if (b === 0x7f || b === 0x08) return Key.WordErase;
    if (b === 0x62) return Key.WordLeft; // Alt-b
    if (b === 0x66) return Key.WordRight; // Alt-f
    if (b >= 0x20) return KEY_NONE; // another Alt chord, or ESC + a UTF-8 byte
    return this.ground(b, false);
  }

  private csi(b: number): number {
    if (b >= 0x30 && b <= 0x39) {
      if (this.paramIndex === 0) this.param1 = addDigit(this.param1, b);
      else if (this.paramIndex === 1) this.param2 = addDigit(this.param2, b);
      return KEY_NONE;
    }
    if (b === 0x3b) {
      this.paramIndex = this.paramIndex + 1;
      if (this.paramIndex > 1) this.odd = true; // no editing key has three parameters
      return KEY_NONE;
    }
    if (b >= 0x20 && b <= 0x3f) {
      this.odd = true; // a private marker (< = > ?), ':' or an intermediate byte
      return KEY_NONE;
    }
    if (b >= 0x40 && b <= 0x7e) {
      this.state = State.Ground;
      return this.odd ? KEY_NONE : csiKey(b, this.param1, this.param2);
    }
    this.state = State.Ground;
    return this.ground(b, false);
  }

  private ss3(b: number): number {
    this.state = State.Ground;
    if (b >= 0x20 && b <= 0x7e) return csiKey(b, 0, 0);
    return this.ground(b, false);
  }
}

function addDigit(v: number, b: number): number {
  const next = v * 10 + (b - 0x30);
  return next > PARAM_LIMIT ? PARAM_LIMIT : next;
}

/** The key a C0 control byte (other than CR, LF, ESC) stands for. */
function controlKey(b: number): number {
  switch (b) {
    case 0x01:
      return Key.CtrlA;
    case 0x02:
      return Key.Left; // Ctrl-B, as in Emacs and readline
    case 0x03:
      return Key.CtrlC;
    case 0x04:
      return Key.CtrlD;
    case 0x05:
      return Key.CtrlE;
    case 0x06:
      return Key.Right; // Ctrl-F
    case 0x08:
      return Key.Backspace; // Ctrl-H, what some terminals send for Backspace
    case 0x09:
      return Key.Tab;
    case 0x0b:
      return Key.CtrlK;
    case 0x0c:
      return Key.CtrlL;
    case 0x0e:
      return Key.Down; // Ctrl-N
    case 0x10:
      return Key.Up; // Ctrl-P
    case 0x15:
      return Key.CtrlU;
    case 0x17:
      return Key.CtrlW;
    default:
      return KEY_NONE;
  }
}

/**
 * The key of a CSI (or SS3) sequence with final byte `final`. `p2` is the
 * xterm modifier (1 + shift 1 + alt 2 + ctrl 4): Ctrl or Alt with an arrow
 * moves by words.
 */
function csiKey(final: number, p1: number, p2: number): number {
  const byWord = p2 === 3 || p2 === 5 || p2 === 7;
  switch (final) {
    case 0x41:
      return Key.Up; // A
    case 0x42:
      return Key.Down; // B
    case 0x43:
      return byWord ? Key.WordRight : Key.Right; // C
    case 0x44:
      return byWord ? Key.WordLeft : Key.Left; // D
    case 0x48:
      return Key.Home; // H
    case 0x46:
      return Key.End; // F
    case 0x7e: // ~: the VT220 editing keypad
      if (p1 === 1 || p1 === 7) return Key.Home;
      if (p1 === 4 || p1 === 8) return Key.End;
      if (p1 === 3) return Key.Delete;
      return KEY_NONE;
    default:
      return KEY_NONE;
  }
}
