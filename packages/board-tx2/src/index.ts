// @unishyper/board-tx2: the NVIDIA Jetson TX2 (built and checked, not run).
import { Tx2Board } from './tx2-board';

export { Ns16550 } from '@unishyper/hal-aarch64';
export { Tx2Board } from './tx2-board';
export { readTx2Tree, Tx2Addresses } from './tx2-tree';
export {
  TX2_A57_CLUSTER,
  TX2_DEFAULT_RAM_SIZE,
  TX2_GICC_BASE,
  TX2_GICD_BASE,
  TX2_LOAD_ADDRESS,
  TX2_MAPPED_END,
  TX2_MAX_CORES,
  TX2_RAM_BASE,
  TX2_TIMER_IRQ,
  TX2_UART_BASE,
  TX2_UART_IRQ,
  TX2_UART_REG_SHIFT,
  TX2_UART_SIZE,
} from './tegra186';

/** The board instance an image uses (`board: 'tx2'` in unishyper.config.ts). */
export function createBoard(): Tx2Board {
  return new Tx2Board();
}
