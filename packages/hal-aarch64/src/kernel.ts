/**
 * Kernel start and end, called by the generated image entry: bring the board
 * up, and end the run with an exit status (semihosting when available, then
 * PSCI SYSTEM_OFF).
 */
import { wfi } from '@unishyper/rt';
import type { Board } from './board';
import { setConsole } from './console';
import { setPsciConduit, systemOff } from './psci';
import { prepareExit, semihostExit } from './semihosting';

let bootBoard: Board | null = null;
let exiting = false;

export function kernelStart(board: Board, dtb: number): void {
  board.init(dtb);
  setConsole(board.console());
  setPsciConduit(board.psciConduit());
  bootBoard = board;
  prepareExit();
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
  exiting = true;
  semihostExit(status);
  return powerOffNow();
}

/** True once kernelExit has started (a trap then means semihosting is absent). */
export function isExiting(): boolean {
  return exiting;
}

/** PSCI SYSTEM_OFF; if the firmware refuses, sleep forever. */
export function powerOffNow(): never {
  systemOff();
  for (;;) wfi();
}
