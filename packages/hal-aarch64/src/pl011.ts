/**
 * Arm PrimeCell UART (PL011, DDI 0183) as the console (QEMU virt, the
 * Raspberry Pi's UART0): polled transmit,
 * interrupt-driven receive. Registers are 32-bit at `base`.
 *
 * Receive: the receive and receive-timeout interrupts (the FIFO reached its
 * trigger level, or holds bytes that have waited) call handleInterrupt(),
 * which drains the FIFO into a ring of RX_RING_SIZE bytes; readByte() takes
 * them in order. The interrupt handler is the only producer and readByte's
 * caller the only consumer, so head and tail need no lock: a barrier orders
 * the byte before the index that publishes it (and keeps the compiler from
 * caching the index in a polling loop). When
 * the ring is full, newly received bytes are dropped and counted. Before the
 * receive interrupt is on, readByte() drains the FIFO itself.
 */
import { dmbIsh, FixedArray, mmioRead32, mmioWrite32, u8 } from '@unishyper/rt';
import type { Console } from './console';
import type { ConsoleInput } from './console-input';

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

/** Bytes the receive ring holds. */
export const RX_RING_SIZE = 256;

export class Pl011 implements Console, ConsoleInput {
  private readonly ring = new FixedArray<u8>(RX_RING_SIZE, u8(0));
  /** Bytes taken by readByte and stored by the receiver, since start (never wrap below 2^53). */
  private head = 0;
  private tail = 0;
  private dropped = 0;
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
    const tail = this.tail;
    dmbIsh(); // the bytes before `tail` were stored before it
    if (this.head === tail) return -1;
    const b = this.ring.get(this.head % RX_RING_SIZE);
    this.head++;
    return b;
  }

  /** Bytes received while the ring was full. */
  droppedBytes(): number {
    return this.dropped;
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
      if (this.tail - this.head >= RX_RING_SIZE) {
        this.dropped++;
      } else {
        this.ring.set(this.tail % RX_RING_SIZE, u8(dr));
        dmbIsh(); // publish the byte before the index
        this.tail++;
      }
    }
  }
}
