/**
 * Kernel start and end, called by the generated image entry: bring the board
 * up, and end the run with an exit status (semihosting when available, then
 * the board's power off).
 *
 * kernelStart order: the board (memory map, console, choice of interrupt
 * controller, firmware conduit), the console, then interrupts: the controller, the
 * dispatch, the timer (off until a deadline is set), the console UART's
 * receive interrupt, and finally IRQs unmasked at the CPU.
 */
import { kprint, num, readSysreg, u64, wfi, writeSysreg } from '@unishyper/rt';
import type { Board } from './board';
import { setConsole } from './console';
import { startConsoleInput } from './console-input';
import { initInterrupts, irqEnable } from './irq';
import { initTimer, timerFrequency } from './timer';
import { prepareExit, semihostExit } from './semihosting';

let bootBoard: Board | null = null;
let exiting = false;

export function kernelStart(board: Board, dtb: number): void {
  board.init(dtb);
  setConsole(board.console());
  bootBoard = board;
  prepareExit();
  const gic = board.irqController();
  initInterrupts(gic);
  initTimer(board.timerIrq());
  startConsoleInput(board.consoleInput(), board.uartIrq());
  irqEnable();
  kprint`${gic.name()}: ${gic.lineCount()} interrupt ids; timer irq ${board.timerIrq()} at ${timerFrequency()} Hz; console irq ${board.uartIrq()}\n`;
}

/**
 * Wall-clock time: seconds since 1970-01-01 UTC from the board's real-time
 * clock; -1 before kernelStart or on a board without one.
 */
export function wallClockSeconds(): number {
  const b = bootBoard;
  return b === null ? -1 : b.rtcSeconds();
}

/** The board the kernel started on (null before kernelStart). */
export function currentBoard(): Board | null {
  return bootBoard;
}

/**
 * Ends the run with `status`. Never returns.
 * @export hal_exit
 */
export function kernelExit(status: number): never {
  // No interrupt may run once exiting: a trap now is taken as "no semihosting".
  writeSysreg('DAIF', u64(num(readSysreg('DAIF')) | 0x80));
  exiting = true;
  semihostExit(status);
  return powerOffNow();
}

/** True once kernelExit has started (a trap then means semihosting is absent). */
export function isExiting(): boolean {
  return exiting;
}

/** The board's power off; where it cannot (or before kernelStart), this core sleeps forever with IRQs masked. */
export function powerOffNow(): never {
  writeSysreg('DAIF', u64(num(readSysreg('DAIF')) | 0x80));
  const b = bootBoard;
  if (b !== null) b.powerOff();
  for (;;) wfi();
}

/** Restarts the machine through the board; returns only when it cannot, with the board's negative error (-1 before kernelStart). */
export function resetMachine(): number {
  const b = bootBoard;
  return b === null ? -1 : b.reset();
}
