/**
 * Arm PrimeCell UART (PL011, DDI 0183) as the console (QEMU virt, the
 * Raspberry Pi's UART0): polled transmit,
 * interrupt-driven receive. Registers are 32-bit at `base`.
 *
 * Receive: the receive and receive-timeout interrupts (the FIFO reached its
 * trigger level, or holds bytes that have waited) call handleInterrupt(),
 * which drains the FIFO into the receive ring (receive-ring.ts); readByte()
 * takes the bytes in order. Before the receive interrupt is on, readByte()
 * drains the FIFO itself.
 */
import { mmioRead32, mmioWrite32 } from '@unishyper/rt';
import type { Console } from './console';
import type { ConsoleInput } from './console-input';
import { ReceiveRing } from './receive-ring';

const UARTDR = 0x00;
const UARTFR = 0x18;
const UARTIMSC = 0x38;
const UARTICR = 0x44;
const FR_RXFE = 1 << 4; // receive FIFO empty
const FR_TXFF = 1 << 5; // transmit FIFO full
/** Interrupt bits of IMSC/RIS/MIS/ICR. */
const INT_RX = 1 << 4;
const INT_RT = 1 << 6;
/** Framing, parity, break and overrun error interrupts (bits 7-10). */
const INT_ERRORS = 0xf << 7;
/** UARTDR bits 11:8 flag overrun, break, parity and framing errors of the byte in 7:0. */
const DR_ERRORS = 0xf00;

export class Pl011 implements Console, ConsoleInput {
  private readonly ring = new ReceiveRing();
  private errors = 0;
  private interruptDriven = false;

  constructor(readonly base: number) {}

  putByte(b: number): void {
    while ((mmioRead32(this.base + UARTFR) & FR_TXFF) !== 0) {
      // wait for room in the FIFO
    }
    mmioWrite32(this.base + UARTDR, b & 0xff);
  }

  enableReceiveInterrupt(): void {
    mmioWrite32(this.base + UARTICR, INT_RX | INT_RT | INT_ERRORS);
    mmioWrite32(this.base + UARTIMSC, INT_RX | INT_RT);
    this.interruptDriven = true;
  }

  handleInterrupt(): void {
    // Clear first, then drain: a byte that arrives while draining raises the
    // interrupt again (clearing after the drain could lose its interrupt and
    // leave it stranded in the FIFO).
    mmioWrite32(this.base + UARTICR, INT_RX | INT_RT | INT_ERRORS);
    this.drain();
  }

  readByte(): number {
    if (!this.interruptDriven) this.drain();
    return this.ring.take();
  }

  /** Bytes received while the ring was full. */
  droppedBytes(): number {
    return this.ring.dropped();
  }

  /** Bytes received with a framing, parity, break or overrun error (kept in the ring all the same). */
  receiveErrors(): number {
    return this.errors;
  }

  /** Moves everything in the receive FIFO into the ring. */
  private drain(): void {
    while ((mmioRead32(this.base + UARTFR) & FR_RXFE) === 0) {
      const dr = mmioRead32(this.base + UARTDR);
      if ((dr & DR_ERRORS) !== 0) this.errors++;
      this.ring.push(dr);
    }
  }
}
