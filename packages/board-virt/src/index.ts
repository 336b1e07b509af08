// @unishyper/board-virt: the QEMU virt board.
import { VirtBoard } from './virt-board';

export { Pl011, RX_RING_SIZE } from '@unishyper/hal-aarch64';
export { Pl031 } from './pl031';
export {
  hasGicSystemRegisters,
  makeVirtGic,
  VirtBoard,
  VIRT_DEFAULT_RAM_SIZE,
  VIRT_DTB_FALLBACK,
  VIRT_GICC_BASE,
  VIRT_GICD_BASE,
  VIRT_GICR_BASE,
  VIRT_GICR_SIZE,
  VIRT_RAM_BASE,
  VIRT_RTC_BASE,
  VIRT_TIMER_IRQ,
  VIRT_UART_BASE,
  VIRT_UART_IRQ,
  VIRT_UART_SIZE,
  VIRT_VIRTIO_BASE,
  VIRT_VIRTIO_IRQ_BASE,
  VIRT_VIRTIO_SLOTS,
  VIRT_VIRTIO_STRIDE,
} from './virt-board';

/** The board instance an image uses (`board: 'virt'` in unishyper.config.ts). */
export function createBoard(): VirtBoard {
  return new VirtBoard();
}
