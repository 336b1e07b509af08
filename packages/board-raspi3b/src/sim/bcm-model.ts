// @node-only: a device model of the BCM2836 ARM-local block (QA7 rev 3.4)
// and the BCM2835 ARM interrupt controller for tests. Not dialect code.
//
// Lines a test drives: each core's four timer lines (`setTimerLine`), the
// 64 GPU lines and 8 ARM lines (`setGpuLine`, `setArmLine`). Each core's
// IRQ source register is computed from them as the hardware does: a timer
// bit when its line is high and enabled in the core's timer control, a
// mailbox bit when the mailbox is non-zero and its interrupt enabled, the
// GPU bit on the core the routing register names when an enabled GPU or ARM
// line is high. The interrupt controller's pending registers show only
// enabled lines. `irqSignalled(core)` is the core's IRQ input.
import { mapDevice, type DeviceModel } from '@unishyper/rt/sim';

const CORES = 4;

class LocalBlock implements DeviceModel {
  gpuRouting = 0;
  pmuRouting = 0;
  readonly timerControl = [0, 0, 0, 0];
  readonly mailboxControl = [0, 0, 0, 0];
  /** mailbox[core][m] */
  readonly mailbox = Array.from({ length: CORES }, () => [0, 0, 0, 0]);
  readonly timerLines = [0, 0, 0, 0];
  readonly errors: string[] = [];

  constructor(private readonly gpuPending: () => boolean) {}

  source(core: number): number {
    let s = this.timerLines[core]! & this.timerControl[core]! & 0xf;
    for (let m = 0; m < 4; m++) if (this.mailbox[core]![m] !== 0 && (this.mailboxControl[core]! & (1 << m)) !== 0) s |= 1 << (4 + m);
    if ((this.gpuRouting & 3) === core && this.gpuPending()) s |= 1 << 8;
    return s >>> 0;
  }

  read(offset: number): number {
    if (offset === 0x0c) return this.gpuRouting;
    if (offset === 0x10 || offset === 0x14) return this.pmuRouting;
    if (offset >= 0x40 && offset < 0x50) return this.timerControl[(offset - 0x40) >> 2]!;
    if (offset >= 0x50 && offset < 0x60) return this.mailboxControl[(offset - 0x50) >> 2]!;
    if (offset >= 0x60 && offset < 0x70) return this.source((offset - 0x60) >> 2);
    if (offset >= 0xc0 && offset < 0x100) return this.mailbox[(offset - 0xc0) >> 4]![((offset - 0xc0) >> 2) & 3]!;
    this.errors.push(`read of 0x${offset.toString(16)}`);
    return 0;
  }

  write(offset: number, _w: number, value: bigint | number): void {
    const v = Number(value) >>> 0;
    if (offset === 0x0c) this.gpuRouting = v;
    else if (offset === 0x10) this.pmuRouting |= v;
    else if (offset === 0x14) this.pmuRouting &= ~v;
    else if (offset >= 0x40 && offset < 0x50) this.timerControl[(offset - 0x40) >> 2] = v;
    else if (offset >= 0x50 && offset < 0x60) this.mailboxControl[(offset - 0x50) >> 2] = v;
    else if (offset >= 0x80 && offset < 0xc0) {
      const box = this.mailbox[(offset - 0x80) >> 4]!;
      box[((offset - 0x80) >> 2) & 3]! |= v;
    } else if (offset >= 0xc0 && offset < 0x100) {
      const box = this.mailbox[(offset - 0xc0) >> 4]!;
      box[((offset - 0xc0) >> 2) & 3]! &= ~v;
    } else this.errors.push(`write of 0x${offset.toString(16)}`);
  }
}

class ArmInterruptController implements DeviceModel {
  readonly lines = [0, 0]; // GPU 0-31, 32-63
  readonly enabled = [0, 0];
  armLines = 0;
  armEnabled = 0;
  readonly errors: string[] = [];

  pending(): boolean {
    return (this.lines[0]! & this.enabled[0]!) !== 0 || (this.lines[1]! & this.enabled[1]!) !== 0 || (this.armLines & this.armEnabled) !== 0;
  }

  read(offset: number): number {
    if (offset === 0x00) {
      // Basic pending: ARM lines 0-7, bit 8/9 when pending 1/2 have bits (the GPU shortcuts are not modelled).
      let v = this.armLines & this.armEnabled;
      if ((this.lines[0]! & this.enabled[0]!) !== 0) v |= 1 << 8;
      if ((this.lines[1]! & this.enabled[1]!) !== 0) v |= 1 << 9;
      return v;
    }
    if (offset === 0x04 || offset === 0x08) return (this.lines[(offset - 4) >> 2]! & this.enabled[(offset - 4) >> 2]!) >>> 0;
    if (offset === 0x10 || offset === 0x14) return this.enabled[(offset - 0x10) >> 2]! >>> 0;
    if (offset === 0x18) return this.armEnabled;
    this.errors.push(`read of 0x${offset.toString(16)}`);
    return 0;
  }

  write(offset: number, _w: number, value: bigint | number): void {
    const v = Number(value) >>> 0;
    if (offset === 0x10 || offset === 0x14) this.enabled[(offset - 0x10) >> 2]! |= v;
    else if (offset === 0x18) this.armEnabled |= v & 0xff;
    else if (offset === 0x1c || offset === 0x20) this.enabled[(offset - 0x1c) >> 2]! &= ~v;
    else if (offset === 0x24) this.armEnabled &= ~v;
    else this.errors.push(`write of 0x${offset.toString(16)}`);
  }
}

export class SimBcmInterrupts {
  readonly ic = new ArmInterruptController();
  readonly local = new LocalBlock(() => this.ic.pending());

  /** Maps the local block at `localBase` and the controller's registers at `icBase`. */
  map(localBase: number, icBase: number): this {
    mapDevice(localBase, 0x100, this.local);
    mapDevice(icBase, 0x200, this.ic);
    return this;
  }

  /** Timer line `bit` (0 CNTPS, 1 CNTPNS, 2 CNTHP, 3 CNTV) of `core`. */
  setTimerLine(core: number, bit: number, high: boolean): void {
    this.local.timerLines[core] = high ? this.local.timerLines[core]! | (1 << bit) : this.local.timerLines[core]! & ~(1 << bit);
  }

  setGpuLine(n: number, high: boolean): void {
    const bank = n >> 5;
    this.ic.lines[bank] = (high ? this.ic.lines[bank]! | (1 << (n & 31)) : this.ic.lines[bank]! & ~(1 << (n & 31))) >>> 0;
  }

  setArmLine(n: number, high: boolean): void {
    this.ic.armLines = high ? this.ic.armLines | (1 << n) : this.ic.armLines & ~(1 << n);
  }

  irqSignalled(core: number): boolean {
    return this.local.source(core) !== 0;
  }

  get errors(): string[] {
    return [...this.local.errors, ...this.ic.errors];
  }
}
