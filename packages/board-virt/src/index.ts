// @unishyper/board-virt: the QEMU virt board.
import { VirtBoard } from './virt-board';

export { Pl011 } from './pl011';
export { VirtBoard, VIRT_UART_BASE, VIRT_RAM_BASE, VIRT_DEFAULT_RAM_SIZE, VIRT_VIRTIO_BASE, VIRT_VIRTIO_STRIDE } from './virt-board';

/** The board instance an image uses (`board: 'virt'` in unishyper.config.ts). */
export function createBoard(): VirtBoard {
  return new VirtBoard();
}
