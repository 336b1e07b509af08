/**
 * The terminal control the editor emits, limited to what every VT100
 * descendant understands (a raw serial console, xterm, the Linux console,
 * tmux, screen): CR, CR LF, BEL, erase to end of line, cursor left/right by
 * n columns, and home + erase display for Ctrl-L.
 */
import type { TermOutput } from './term-output';

export function newline(out: TermOutput): void {
  out.write('\r\n');
}

export function carriageReturn(out: TermOutput): void {
  out.write('\r');
}

export function bell(out: TermOutput): void {
  out.write('\x07');
}

/** ESC [ K: erases from the cursor to the end of the line. */
export function eraseToEnd(out: TermOutput): void {
  out.write('\x1b[K');
}

/** ESC [ n C: n columns right (nothing for 0). */
export function cursorRight(out: TermOutput, n: number): void {
  if (n <= 0) return;
  out.write('\x1b[');
  out.writeNum(n);
  out.write('C');
}

/** ESC [ n D: n columns left (nothing for 0). */
export function cursorLeft(out: TermOutput, n: number): void {
  if (n <= 0) return;
  out.write('\x1b[');
  out.writeNum(n);
  out.write('D');
}

/** ESC [ H ESC [ 2 J: cursor home, then erase the whole screen. */
export function clearScreen(out: TermOutput): void {
  out.write('\x1b[H\x1b[2J');
}
