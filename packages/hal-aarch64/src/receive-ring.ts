/**
 * The ring a console UART's receive interrupt fills and readByte() empties
 * (Pl011, Ns16550). The interrupt handler is the only producer and
 * readByte's caller the only consumer, so head and tail need no lock: a
 * barrier orders the byte before the index that publishes it (and keeps the
 * compiler from caching the index in a polling loop). When the ring is full,
 * newly received bytes are dropped and counted.
 */
import { dmbIsh, FixedArray, u8 } from '@unishyper/rt';

/** Bytes the receive ring holds. */
export const RX_RING_SIZE = 256;

export class ReceiveRing {
  private readonly bytes = new FixedArray<u8>(RX_RING_SIZE, u8(0));
  /** Bytes taken and stored since start (never wrap below 2^53). */
  private head = 0;
  private tail = 0;
  private droppedCount = 0;

  /** Stores a received byte, or counts it dropped when the ring is full. */
  push(b: number): void {
    if (this.tail - this.head >= RX_RING_SIZE) {
      this.droppedCount++;
      return;
    }
    this.bytes.set(this.tail % RX_RING_SIZE, u8(b));
    dmbIsh(); // publish the byte before the index
    this.tail++;
  }

  /** The oldest byte, or -1 when the ring is empty. */
  take(): number {
    const tail = this.tail;
    dmbIsh(); // the bytes before `tail` were stored before it
    if (this.head === tail) return -1;
    const b = this.bytes.get(this.head % RX_RING_SIZE);
    this.head++;
    return b;
  }

  /** Bytes received while the ring was full. */
  dropped(): number {
    return this.droppedCount;
  }
}
