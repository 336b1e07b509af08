// @unishyper/board-raspi3b: the Raspberry Pi 3 Model B (QEMU -M raspi3b).
import { Raspi3bBoard } from './raspi3b-board';

export { BcmIrq, BCM_ARM_IRQ_BASE, BCM_CORES, BCM_GPU_IRQ_BASE, BCM_IRQ_LINES, BCM_PMU_IRQ } from './bcm-irq';
export { Raspi3bBoard } from './raspi3b-board';
export { RaspiAddresses, readRaspiTree } from './raspi-tree';
export {
  RASPI_DEFAULT_RAM_SIZE,
  RASPI_IC_BASE,
  RASPI_LOCAL_BASE,
  RASPI_PERIPHERAL_BASE,
  RASPI_PM_BASE,
  RASPI_RAM_BASE,
  RASPI_SPIN_TABLE,
  RASPI_TIMER_IRQ,
  RASPI_UART0_BASE,
  RASPI_UART0_IRQ,
  RASPI_UART0_SIZE,
} from './bcm2837';

/** The board instance an image uses (`board: 'raspi3b'` in unishyper.config.ts). */
export function createBoard(): Raspi3bBoard {
  return new Raspi3bBoard();
}
