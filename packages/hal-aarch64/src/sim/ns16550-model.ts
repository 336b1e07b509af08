// @node-only: a device model of an NS16550A UART (TI PC16550D) for tests. Not dialect code.
//
// Registers are `1 << regShift` bytes apart and must be accessed at that
// width (up to 4); anything else is recorded in `errors`. LCR.DLAB swaps
// RBR/THR and IER for the divisor latch. Receive: bytes a test `type`s go
// into the receive FIFO (16 entries with FCR bit 0, else the holding
// register); a byte that does not fit sets LSR.OE. `typeWithError` gives a
// byte a parity, framing or break error, which LSR shows while that byte is
// at the head. LSR's error bits clear when LSR is read. Transmit: THR writes
// are collected in `output`; with `txBusyReads` n, THRE stays clear for the
// next n LSR reads after each write, and a write while it is clear is an
// error. IIR reports the highest-priority enabled source (line status, data
// at the trigger level, character timeout raised by `idle()`); the
// interrupt output is that source pending and, when `out2GatesIrq` (as on PC
// boards), MCR.OUT2 set.
import type { AccessWidth, DeviceModel } from '@unishyper/rt/sim';

const LSR_DR = 1 << 0;
const LSR_OE = 1 << 1;
const LSR_THRE = 1 << 5;
const LSR_TEMT = 1 << 6;
const LSR_FIFOERR = 1 << 7;
const IER_ERBFI = 1 << 0;
const IER_ETBEI = 1 << 1;
const IER_ELSI = 1 << 2;
const MCR_OUT2 = 1 << 3;

/** A received byte and the LSR error bits (PE 0x4, FE 0x8, BI 0x10) it came with. */
interface RxEntry {
  byte: number;
  error: number;
}

export interface Ns16550ModelOptions {
  /** Register spacing as a shift (device-tree reg-shift); default 0. */
  regShift?: number;
  /** LSR reads during which THRE stays clear after each THR write; default 0. */
  txBusyReads?: number;
  /** The interrupt output needs MCR.OUT2; default true. */
  out2GatesIrq?: boolean;
}

export class SimNs16550 implements DeviceModel {
  /** Bytes the kernel transmitted. */
  readonly output: number[] = [];
  /** Accesses the driver got wrong (width, alignment, THR written while full). */
  readonly errors: string[] = [];
  readonly regShift: number;
  private readonly txBusyReads: number;
  private readonly out2GatesIrq: boolean;
  private readonly fifo: RxEntry[] = [];
  private ier = 0;
  private fcr = 0;
  private lcr = 0x03; // 8N1, as u-boot leaves it
  private mcr = 0;
  private scr = 0;
  private dll = 1;
  private dlm = 0;
  private overrun = false;
  private timeout = false;
  private txBusy = 0;
  /** Receive-buffer reads. */
  reads = 0;

  constructor(options: Ns16550ModelOptions = {}) {
    this.regShift = options.regShift ?? 0;
    this.txBusyReads = options.txBusyReads ?? 0;
    this.out2GatesIrq = options.out2GatesIrq ?? true;
  }

  /** Transmitted bytes as text. */
  text(): string {
    return new TextDecoder().decode(new Uint8Array(this.output));
  }

  private depth(): number {
    return (this.fcr & 1) !== 0 ? 16 : 1;
  }

  private trigger(): number {
    return (this.fcr & 1) !== 0 ? [1, 4, 8, 14][(this.fcr >> 6) & 3]! : 1;
  }

  /** Bytes arrive on the receive line. Returns how many fit (the rest overran). */
  type(bytes: string | number[]): number {
    const list = typeof bytes === 'string' ? [...new TextEncoder().encode(bytes)] : bytes;
    let taken = 0;
    for (const b of list) if (this.receive(b & 0xff, 0)) taken++;
    return taken;
  }

  /** One byte arrives with a line error: 'parity' (LSR.PE), 'framing' (FE) or 'break' (BI, byte 0). */
  typeWithError(byte: number, kind: 'parity' | 'framing' | 'break'): boolean {
    const bit = kind === 'parity' ? 0x4 : kind === 'framing' ? 0x8 : 0x10;
    return this.receive(kind === 'break' ? 0 : byte & 0xff, bit);
  }

  private receive(byte: number, error: number): boolean {
    if (this.fifo.length >= this.depth()) {
      this.overrun = true;
      return false;
    }
    this.fifo.push({ byte, error });
    return true;
  }

  /** The line stays idle for 4 character times: the character timeout, if bytes wait in the FIFO. */
  idle(): void {
    if (this.fifo.length > 0 && (this.fcr & 1) !== 0) this.timeout = true;
  }

  /** Bytes waiting in the receiver. */
  pending(): number {
    return this.fifo.length;
  }

  /** IER, MCR and FCR as the driver left them. */
  interruptEnable(): number {
    return this.ier;
  }
  modemControl(): number {
    return this.mcr;
  }
  fifoControl(): number {
    return this.fcr;
  }

  private lineErrors(): number {
    return (this.overrun ? LSR_OE : 0) | (this.fifo[0]?.error ?? 0);
  }

  /** IIR's interrupt identification (bits 3:0; 1 = none pending). */
  private source(): number {
    if ((this.ier & IER_ELSI) !== 0 && this.lineErrors() !== 0) return 0x6;
    if ((this.ier & IER_ERBFI) !== 0 && this.fifo.length >= this.trigger()) return 0x4;
    if ((this.ier & IER_ERBFI) !== 0 && this.timeout) return 0xc;
    if ((this.ier & IER_ETBEI) !== 0 && this.txBusy === 0) return 0x2;
    return 0x1;
  }

  /** The INTR output, for a GIC model's connectLine. */
  irqLevel(): boolean {
    if (this.out2GatesIrq && (this.mcr & MCR_OUT2) === 0) return false;
    return this.source() !== 0x1;
  }

  private register(off: number, width: AccessWidth, what: string): number {
    const stride = 1 << this.regShift;
    const want = stride > 4 ? 4 : stride;
    if (off % stride !== 0) this.errors.push(`${what} at offset ${off}: not a register (stride ${stride})`);
    if (width !== want) this.errors.push(`${what} at offset ${off}: ${width}-byte access, the registers are ${want}-byte`);
    return Math.floor(off / stride);
  }

  read(off: number, width: AccessWidth): number {
    const dlab = (this.lcr & 0x80) !== 0;
    switch (this.register(off, width, 'read')) {
      case 0: {
        if (dlab) return this.dll;
        this.reads++;
        const e = this.fifo.shift();
        this.timeout = false;
        return e?.byte ?? 0;
      }
      case 1:
        return dlab ? this.dlm : this.ier;
      case 2: {
        const fifoBits = (this.fcr & 1) !== 0 ? 0xc0 : 0;
        return fifoBits | this.source();
      }
      case 3:
        return this.lcr;
      case 4:
        return this.mcr;
      case 5: {
        let lsr = this.lineErrors();
        if (this.fifo.length > 0) lsr |= LSR_DR;
        if (this.fifo.some((e) => e.error !== 0)) lsr |= LSR_FIFOERR;
        if (this.txBusy > 0) this.txBusy--;
        else lsr |= LSR_THRE | LSR_TEMT;
        // Reading LSR clears OE and the head byte's reported error.
        this.overrun = false;
        if (this.fifo[0]) this.fifo[0].error = 0;
        return lsr;
      }
      case 6:
        return 0xb0; // MSR: DCD, DSR, CTS
      case 7:
        return this.scr;
      default:
        return 0;
    }
  }

  write(off: number, width: AccessWidth, value: bigint | number): void {
    const v = Number(value) & 0xff;
    const dlab = (this.lcr & 0x80) !== 0;
    switch (this.register(off, width, 'write')) {
      case 0:
        if (dlab) {
          this.dll = v;
          break;
        }
        if (this.txBusy > 0) this.errors.push(`THR written while LSR.THRE was clear (byte ${v} lost)`);
        else this.output.push(v);
        this.txBusy = this.txBusyReads;
        break;
      case 1:
        if (dlab) this.dlm = v;
        else this.ier = v & 0x0f;
        break;
      case 2:
        if ((v & 1) !== (this.fcr & 1) || (v & 2) !== 0) this.fifo.length = 0; // toggling the FIFOs or RCVR FIFO reset clears it
        this.fcr = v & 0xc9;
        break;
      case 3:
        this.lcr = v;
        break;
      case 4:
        this.mcr = v & 0x1f;
        break;
      case 7:
        this.scr = v;
        break;
      default:
        break;
    }
  }
}
