/**
 * The kernel console: the board's UART once the board is up. kprint output
 * goes through hal_console_write; before a console exists it is dropped.
 */
import { load8 } from '@unishyper/rt';

export interface Console {
  /** Writes one byte, waiting while the transmitter is full. */
  putByte(b: number): void;
}

let active: Console | null = null;

export function setConsole(c: Console): void {
  active = c;
}

/**
 * Writes `len` bytes at `addr` to the console, '\n' as "\r\n".
 * @export hal_console_write
 */
export function consoleWrite(addr: number, len: number): void {
  const c = active;
  if (c === null) return;
  for (let i = 0; i < len; i++) {
    const b = load8(addr + i);
    if (b === 10) c.putByte(13);
    c.putByte(b);
  }
}
