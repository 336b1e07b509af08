// @node-only: a device model of the Arm PL011 UART (DDI 0183) for tests. Not dialect code.
//
// Transmit: bytes written to UARTDR are collected (`output`). Receive: bytes
// a test `type`s go into the receive FIFO (16 entries with LCR_H.FEN set,
// else a single holding register); bytes that do not fit are an overrun
// (UARTDR bit 11 on the next byte read, RIS.OEIS). RXRIS rises when the FIFO
// holds at least the trigger level (1 without FIFO, else IFLS's fraction)
// and clears when a read takes it below; RTRIS models the receive timeout and
// is raised by `idle()`. The interrupt output is (RIS & IMSC) != 0, for a
// GIC model's connectLine. Like QEMU's model, it does not check UARTEN.
import type { DeviceModel } from '@unishyper/rt/sim';

const FR_RXFE = 1 << 4;
const FR_RXFF = 1 << 6;
const FR_TXFE = 1 << 7;
const INT_RX = 1 << 4;
const INT_TX = 1 << 5;
const INT_RT = 1 << 6;
const INT_OE = 1 << 10;

export class SimPl011 implements DeviceModel {
  /** Bytes the kernel transmitted. */
  readonly output: number[] = [];
  private readonly fifo: number[] = [];
  private overrunPending = false;
  private lcrH = 0;
  private cr = 0x300;
  private ifls = 0x12;
  private imsc = 0;
  private ris = INT_TX;
  /** Receive-FIFO reads (UARTDR). */
  reads = 0;

  /** Transmitted bytes as text. */
  text(): string {
    return new TextDecoder().decode(new Uint8Array(this.output));
  }

  private depth(): number {
    return (this.lcrH & 0x10) !== 0 ? 16 : 1;
  }

  private trigger(): number {
    if ((this.lcrH & 0x10) === 0) return 1;
    const sel = (this.ifls >> 3) & 7; // RXIFLSEL: 1/8, 1/4, 1/2, 3/4, 7/8 of 16
    return [2, 4, 8, 12, 14][sel] ?? 8;
  }

  /** Bytes arrive on the receive line. Returns how many fit (the rest overran). */
  type(bytes: string | number[]): number {
    const list = typeof bytes === 'string' ? [...new TextEncoder().encode(bytes)] : bytes;
    let taken = 0;
    for (const b of list) {
      if (this.fifo.length >= this.depth()) {
        this.overrunPending = true;
        this.ris |= INT_OE;
        continue;
      }
      this.fifo.push(b & 0xff);
      taken++;
    }
    if (this.fifo.length >= this.trigger()) this.ris |= INT_RX;
    return taken;
  }

  /** The receive line stays idle for 32 bit periods: the receive timeout, if bytes wait. */
  idle(): void {
    if (this.fifo.length > 0) this.ris |= INT_RT;
  }

  /** Bytes waiting in the receive FIFO. */
  pending(): number {
    return this.fifo.length;
  }

  /** The UARTINTR output. */
  irqLevel(): boolean {
    return (this.ris & this.imsc) !== 0;
  }

  /** UARTIMSC as the driver set it. */
  interruptMask(): number {
    return this.imsc;
  }

  read(off: number): number {
    switch (off) {
      case 0x00: {
        this.reads++;
        const b = this.fifo.shift();
        let v = b ?? 0;
        if (b !== undefined && this.overrunPending) {
          v |= 1 << 11;
          this.overrunPending = false;
        }
        if (this.fifo.length < this.trigger()) this.ris &= ~INT_RX;
        if (this.fifo.length === 0) this.ris &= ~INT_RT;
        return v;
      }
      case 0x18: {
        let fr = FR_TXFE;
        if (this.fifo.length === 0) fr |= FR_RXFE;
        if (this.fifo.length >= this.depth()) fr |= FR_RXFF;
        return fr;
      }
      case 0x2c:
        return this.lcrH;
      case 0x30:
        return this.cr;
      case 0x34:
        return this.ifls;
      case 0x38:
        return this.imsc;
      case 0x3c:
        return this.ris;
      case 0x40:
        return this.ris & this.imsc;
      case 0xfe0:
        return 0x11;
      default:
        return 0;
    }
  }

  write(off: number, _width: number, value: bigint | number): void {
    const v = Number(value);
    switch (off) {
      case 0x00:
        this.output.push(v & 0xff);
        break;
      case 0x2c:
        this.lcrH = v & 0xff;
        break;
      case 0x30:
        this.cr = v & 0xffff;
        break;
      case 0x34:
        this.ifls = v & 0x3f;
        break;
      case 0x38:
        this.imsc = v & 0x7ff;
        break;
      case 0x44:
        this.ris &= ~v;
        break;
      default:
        break;
    }
  }
}
