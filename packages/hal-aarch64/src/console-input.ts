/**
 * Console input: the receive side of the board's console UART. The UART's
 * interrupt handler moves received bytes into a buffer the device driver
 * owns; the kernel (later the terminal) takes them with consoleReadByte().
 */
import { registerIrq } from './irq';

export interface ConsoleInput {
  /** Turns on the device's receive interrupt (its handler is already registered). */
  enableReceiveInterrupt(): void;
  /** The receive interrupt: moves what the device received into the buffer. Allocates nothing. */
  handleInterrupt(): void;
  /** The next received byte (0-255), or -1 when none is waiting. */
  readByte(): number;
}

let input: ConsoleInput | null = null;

/** Routes interrupt `irq` to `source` and turns its receive interrupt on. Needs initInterrupts. */
export function startConsoleInput(source: ConsoleInput, irq: number): void {
  registerIrq(irq, (_irq) => source.handleInterrupt());
  input = source;
  source.enableReceiveInterrupt();
}

/** The next byte typed on the console, or -1 when none is waiting (or there is no console input). */
export function consoleReadByte(): number {
  const i = input;
  return i === null ? -1 : i.readByte();
}

/** Forgets the console input (tests). */
export function resetConsoleInput(): void {
  input = null;
}
