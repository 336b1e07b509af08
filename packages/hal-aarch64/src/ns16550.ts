/**
 * NS16550(A)-compatible UART (TI PC16550D datasheet) as the console: the
 * TX2's UARTs and the shyper guest's. Polled transmit (wait for LSR.THRE),
 * interrupt-driven receive. The loader (u-boot) has set the baud rate and
 * line format; the driver leaves the divisor and LCR alone.
 *
 * Register i sits at base + (i << regShift): 0 on a PC-style UART, 2 on
 * SoCs that space them 4 bytes apart (the device tree's "reg-shift"; the
 * Tegra UARTs have 2). Accesses are as wide as the spacing (8-bit for
 * shift 0, 32-bit for shift 2): the register is the low byte either way.
 *
 * Receive: IER.ERBFI (data available or the FIFO's character timeout) and
 * IER.ELSI (an error in LSR) call handleInterrupt(), which drains the
 * receiver while LSR.DR into the receive ring (receive-ring.ts), as the
 * PL011 driver does.
 * Reading LSR clears its error bits, whoever reads it, so every LSR read
 * (transmit polls too) counts the errors it sees; the counters are
 * statistics, an increment racing with the interrupt may be lost.
 */
import { mmioRead8, mmioRead16, mmioRead32, mmioWrite8, mmioWrite16, mmioWrite32 } from '@unishyper/rt';
import type { Console } from './console';
import type { ConsoleInput } from './console-input';
import { ReceiveRing } from './receive-ring';

// Register numbers (PC16550D table II), before the shift.
const RBR = 0; // receive buffer (read, LCR.DLAB = 0)
const THR = 0; // transmit holding (write, LCR.DLAB = 0)
const IER = 1;
const FCR = 2; // FIFO control (write)
const LCR = 3;
const MCR = 4;
const LSR = 5;

const IER_ERBFI = 1 << 0; // received data available (and character timeout)
const IER_ELSI = 1 << 2; // receiver line status
/** FCR: FIFOs on, receive trigger level 1 byte (bits 7:6 = 0), so each byte interrupts without waiting for the timeout. */
const FCR_FIFO_ENABLE = 1 << 0;
const LCR_DLAB = 1 << 7;
/** MCR.OUT2: on PC-style boards it gates the interrupt output; elsewhere it is harmless. */
const MCR_OUT2 = 1 << 3;
const LSR_DR = 1 << 0;
const LSR_OE = 1 << 1;
/** Overrun, parity, framing, break. */
const LSR_ERRORS = 0x1e;
const LSR_THRE = 1 << 5;

export class Ns16550 implements Console, ConsoleInput {
  private readonly ring = new ReceiveRing();
  private errors = 0;
  private overrunCount = 0;
  private interruptDriven = false;

  constructor(
    readonly base: number,
    readonly regShift: number,
  ) {}

  putByte(b: number): void {
    while ((this.lineStatus() & LSR_THRE) === 0) {
      // wait until the transmitter takes another byte
    }
    this.write(THR, b & 0xff);
  }

  enableReceiveInterrupt(): void {
    // DLAB must be 0 for IER to be IER (not the divisor's high byte).
    this.write(LCR, this.read(LCR) & ~LCR_DLAB & 0xff);
    this.write(FCR, FCR_FIFO_ENABLE);
    this.write(MCR, this.read(MCR) | MCR_OUT2);
    this.write(IER, IER_ERBFI | IER_ELSI);
    this.interruptDriven = true;
  }

  /** Reading LSR and RBR clears every receive interrupt source: draining is the whole handler. */
  handleInterrupt(): void {
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

  /** LSR reads that showed an overrun, parity, framing or break error. */
  receiveErrors(): number {
    return this.errors;
  }

  /** LSR reads that showed an overrun (a byte was lost in the UART). */
  overruns(): number {
    return this.overrunCount;
  }

  /** Moves everything the receiver holds into the ring. */
  private drain(): void {
    while ((this.lineStatus() & LSR_DR) !== 0) {
      const b = this.read(RBR);
      this.ring.push(b);
    }
  }

  /** LSR, counting the errors it reports (the read clears them). */
  private lineStatus(): number {
    const lsr = this.read(LSR);
    if ((lsr & LSR_ERRORS) !== 0) this.errors++;
    if ((lsr & LSR_OE) !== 0) this.overrunCount++;
    return lsr;
  }

  private read(reg: number): number {
    const addr = this.base + (reg << this.regShift);
    if (this.regShift >= 2) return mmioRead32(addr) & 0xff;
    if (this.regShift === 1) return mmioRead16(addr) & 0xff;
    return mmioRead8(addr);
  }

  private write(reg: number, v: number): void {
    const addr = this.base + (reg << this.regShift);
    if (this.regShift >= 2) mmioWrite32(addr, v);
    else if (this.regShift === 1) mmioWrite16(addr, v);
    else mmioWrite8(addr, v);
  }
}
