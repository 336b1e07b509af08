// @unishyper/board-shyper: a guest of the shyper hypervisor (here: the EL2 stub in stub/).
import { ShyperBoard } from './shyper-board';

export {
  ShyperBoard,
  SHYPER_GICC_BASE,
  SHYPER_GICD_BASE,
  SHYPER_MAX_CORES,
  SHYPER_RAM_BASE,
  SHYPER_RAM_SIZE,
  SHYPER_TIMER_IRQ,
  SHYPER_UART_BASE,
  SHYPER_UART_IRQ,
  SHYPER_UART_REG_SHIFT,
  SHYPER_UART_SIZE,
} from './shyper-board';

/** The board instance an image uses (`board: 'shyper'` in unishyper.config.ts). */
export function createBoard(): ShyperBoard {
  return new ShyperBoard();
}
