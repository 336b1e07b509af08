/**
 * Arm PrimeCell UART (PL011, DDI 0183) as the console: polled transmit.
 * Registers are 32-bit at `base`.
 */
import { mmioRead32, mmioWrite32 } from '@unishyper/rt';
import type { Console } from '@unishyper/hal-aarch64';

const UARTDR = 0x00;
const UARTFR = 0x18;
const FR_TXFF = 1 << 5; // transmit FIFO full

export class Pl011 implements Console {
  constructor(readonly base: number) {}

  putByte(b: number): void {
    while ((mmioRead32(this.base + UARTFR) & FR_TXFF) !== 0) {
      // wait for room in the FIFO
    }
    mmioWrite32(this.base + UARTDR, b & 0xff);
  }
}
