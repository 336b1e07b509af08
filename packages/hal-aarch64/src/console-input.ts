/**
 * Console input: the receive side of the board's console UART. The UART's
 * interrupt handler moves received bytes into a buffer the device driver
 * owns; the kernel (the terminal) takes them with consoleReadByte().
 *
 * hal has no threads, so a reader that sleeps until input comes brings its
 * own wake-up: onConsoleInput(listener) is called from the interrupt after
 * each batch of bytes, and consoleInputCount() counts those batches, so a
 * reader can check "nothing came since I last read" and sleep in one
 * critical section without losing a wake-up (see sched's ThreadShellHost).
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
let listener: (() => void) | null = null;
let batches = 0;

/** Routes interrupt `irq` to `source` and turns its receive interrupt on. Needs initInterrupts. */
export function startConsoleInput(source: ConsoleInput, irq: number): void {
  registerIrq(irq, (_irq) => consoleInterrupt(source));
  input = source;
  source.enableReceiveInterrupt();
}

function consoleInterrupt(source: ConsoleInput): void {
  source.handleInterrupt();
  batches = batches + 1;
  const l = listener;
  if (l !== null) l();
}

/** Calls `l` (from the interrupt; it must not block) each time console bytes arrive; null stops it. */
export function onConsoleInput(l: (() => void) | null): void {
  listener = l;
}

/** How many times console bytes have arrived since boot (compare two reads to see whether any came between). */
export function consoleInputCount(): number {
  return batches;
}

/** The next byte typed on the console, or -1 when none is waiting (or there is no console input). */
export function consoleReadByte(): number {
  const i = input;
  return i === null ? -1 : i.readByte();
}

/** Forgets the console input (tests). */
export function resetConsoleInput(): void {
  input = null;
  listener = null;
  batches = 0;
}
