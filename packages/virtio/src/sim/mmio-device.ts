// @node-only: a virtio-mmio (version 2) device model on rt's simulated bus, for tests. Not dialect code.
//
// What is modelled (virtio 1.2, 4.2.2 and 2.7): the register block, the
// status and feature handshake, split virtqueues read from and written to
// simulated RAM, the interrupt status as a level line for the GIC model,
// the configuration space with its generation counter. A backend (the
// device type: blk-device.ts) gets each chain the driver publishes and
// completes it whenever it likes, in any order.
//
// Faults a test can inject: a legacy (version 1) device, DEVICE_NEEDS_RESET
// with its configuration-change interrupt, a device that stops completing.
// What the driver gets wrong against the spec (queue use before DRIVER_OK,
// descriptors outside RAM, a used-ring index that was not published, ...)
// goes to `errors` (tests expect it empty) instead of being ignored.
import { mapDevice, readMemory, ramWindow, writeMemory, type AccessWidth, type DeviceModel } from '@unishyper/rt/sim';

export const MMIO_MAGIC = 0x74726976;

/** One buffer of a chain. */
export interface Segment {
  addr: number;
  len: number;
  /** The device writes it (VIRTQ_DESC_F_WRITE). */
  write: boolean;
}

/** A chain the driver made available: its head (the id it comes back under) and its buffers in order. */
export interface Chain {
  queue: number;
  head: number;
  segments: Segment[];
}

export interface VirtioBackend {
  deviceId: number;
  /** Feature bits the device offers (VERSION_1 is added by the model). */
  features: bigint;
  /** Device-specific configuration space. */
  config: Uint8Array;
  /** Queues and their maximum sizes. */
  queueMax: number[];
  /** A chain was published and notified; complete it now or later with device.complete(). */
  request(device: VirtioMmioDevice, chain: Chain): void;
  /** The device was reset: forget chains in progress. */
  reset?(): void;
}

class QueueState {
  num = 0;
  ready = false;
  desc = 0;
  driver = 0;
  device = 0;
  /** Next avail index the device will read. */
  lastAvail = 0;
  /** Next used index the device will write. */
  usedIdx = 0;
}

const VERSION_1 = 1n << 32n;

export interface MmioDeviceOptions {
  /** Report version 1 (legacy). */
  legacy?: boolean;
}

export class VirtioMmioDevice implements DeviceModel {
  status = 0;
  interruptStatus = 0;
  /** Buffers returned on any queue, and of them those whose interrupt the driver had suppressed. */
  interrupts = 0;
  suppressed = 0;
  configGeneration = 0;
  driverFeatures = 0n;
  /** Set when the device stops completing (a test's "device hangs"). */
  stopped = false;
  readonly errors: string[] = [];
  notifications = 0;
  private deviceFeaturesSel = 0;
  private driverFeaturesSel = 0;
  private queueSel = 0;
  private readonly queues: QueueState[];
  private readonly legacy: boolean;

  constructor(
    readonly backend: VirtioBackend,
    options: MmioDeviceOptions = {},
  ) {
    this.queues = backend.queueMax.map(() => new QueueState());
    this.legacy = options.legacy ?? false;
  }

  /** Maps the register block at `base` (0x200 bytes, as one virt slot). */
  map(base: number, size = 0x200): this {
    mapDevice(base, size, this);
    return this;
  }

  /** The interrupt line: high while an interrupt cause is not acknowledged. */
  irqLevel(): boolean {
    return this.interruptStatus !== 0;
  }

  offeredFeatures(): bigint {
    return this.backend.features | VERSION_1;
  }

  read(offset: number, width: AccessWidth): number {
    if (offset >= 0x100) return this.readConfig(offset - 0x100, width);
    if (width !== 4) {
      this.errors.push(`register ${hex(offset)} read with width ${width}`);
      return 0;
    }
    const q = this.queues[this.queueSel];
    switch (offset) {
      case 0x000: return MMIO_MAGIC;
      case 0x004: return this.legacy ? 1 : 2;
      case 0x008: return this.backend.deviceId;
      case 0x00c: return 0x554d4551; // "QEMU"
      case 0x010: return this.deviceFeaturesSel === 0 ? Number(this.offeredFeatures() & 0xffff_ffffn) : this.deviceFeaturesSel === 1 ? Number(this.offeredFeatures() >> 32n) : 0;
      case 0x034: return q ? this.backend.queueMax[this.queueSel]! : 0;
      case 0x044: return q?.ready ? 1 : 0;
      case 0x060: return this.interruptStatus;
      case 0x070: return this.status;
      case 0x0fc: return this.configGeneration;
    }
    this.errors.push(`read of register ${hex(offset)}, which is write-only or not modelled`);
    return 0;
  }

  write(offset: number, width: AccessWidth, value: bigint | number): void {
    const v = Number(value);
    if (offset >= 0x100) {
      this.errors.push(`write to configuration offset ${hex(offset - 0x100)}`);
      return;
    }
    if (width !== 4) {
      this.errors.push(`register ${hex(offset)} written with width ${width}`);
      return;
    }
    const q = this.queues[this.queueSel];
    switch (offset) {
      case 0x014: this.deviceFeaturesSel = v; return;
      case 0x020: this.writeDriverFeatures(v); return;
      case 0x024: this.driverFeaturesSel = v; return;
      case 0x030: this.queueSel = v; return;
      case 0x038: if (q) q.num = v; return;
      case 0x044: if (q) this.setReady(q, v); return;
      case 0x050: this.notify(v); return;
      case 0x064: this.interruptStatus &= ~v; return;
      case 0x070: this.writeStatus(v); return;
      case 0x080: if (q) q.desc = lo(q.desc, v); return;
      case 0x084: if (q) q.desc = hi(q.desc, v); return;
      case 0x090: if (q) q.driver = lo(q.driver, v); return;
      case 0x094: if (q) q.driver = hi(q.driver, v); return;
      case 0x0a0: if (q) q.device = lo(q.device, v); return;
      case 0x0a4: if (q) q.device = hi(q.device, v); return;
    }
    this.errors.push(`write of ${hex(v)} to register ${hex(offset)}, which is read-only or not modelled`);
  }

  private readConfig(offset: number, width: AccessWidth): number {
    const c = this.backend.config;
    if (offset + width > c.length) {
      this.errors.push(`configuration read at ${offset} (${width} bytes) beyond its ${c.length} bytes`);
      return 0;
    }
    let v = 0;
    for (let i = width - 1; i >= 0; i--) v = v * 256 + c[offset + i]!;
    return v;
  }

  private writeDriverFeatures(v: number): void {
    if (this.status & 8) this.errors.push('driver features written after FEATURES_OK');
    const shift = BigInt(32 * this.driverFeaturesSel);
    if (this.driverFeaturesSel > 1) return;
    this.driverFeatures = (this.driverFeatures & ~(0xffff_ffffn << shift)) | (BigInt(v >>> 0) << shift);
  }

  private writeStatus(v: number): void {
    if (v === 0) {
      this.resetDevice();
      return;
    }
    if ((v & 8) !== 0 && (this.status & 8) === 0) {
      // FEATURES_OK: accept only what was offered, and VERSION_1 must be there.
      const extra = this.driverFeatures & ~this.offeredFeatures();
      if (extra !== 0n || (this.driverFeatures & VERSION_1) === 0n) v &= ~8;
    }
    if ((this.status & ~v & 0x7f) !== 0) this.errors.push(`status bits ${hex(this.status & ~v)} cleared without a reset`);
    this.status = v;
  }

  private setReady(q: QueueState, v: number): void {
    if (v === 1) {
      const max = this.backend.queueMax[this.queueSel]!;
      if (q.num === 0 || q.num > max) this.errors.push(`queue ${this.queueSel} made ready with size ${q.num} (max ${max})`);
      if (q.desc % 16 !== 0 || q.driver % 2 !== 0 || q.device % 4 !== 0) this.errors.push(`queue ${this.queueSel} rings misaligned`);
      q.lastAvail = 0;
      q.usedIdx = 0;
    }
    q.ready = v === 1;
  }

  private resetDevice(): void {
    this.status = 0;
    this.interruptStatus = 0;
    this.driverFeatures = 0n;
    for (const q of this.queues) Object.assign(q, new QueueState());
    this.backend.reset?.();
  }

  /** The driver notified queue `index`: hand each newly published chain to the backend. */
  private notify(index: number): void {
    this.notifications++;
    const q = this.queues[index];
    if (!q || !q.ready) {
      this.errors.push(`notify of queue ${index}, which is not ready`);
      return;
    }
    if ((this.status & 4) === 0) this.errors.push('queue notified before DRIVER_OK');
    if (this.stopped || this.status & 64) return;
    const availIdx = u16(q.driver + 2);
    while (q.lastAvail !== availIdx) {
      const head = u16(q.driver + 4 + 2 * (q.lastAvail % q.num));
      q.lastAvail = (q.lastAvail + 1) & 0xffff;
      const chain = this.readChain(index, q, head);
      if (chain) this.backend.request(this, chain);
    }
  }

  private readChain(index: number, q: QueueState, head: number): Chain | null {
    const segments: Segment[] = [];
    let d = head;
    for (let n = 0; ; n++) {
      if (d >= q.num || n >= q.num) {
        this.errors.push(`queue ${index}: chain from ${head} has a bad descriptor index ${d} or loops`);
        return null;
      }
      const at = q.desc + 16 * d;
      const addr = Number(new DataView(readMemory(at, 8).buffer).getBigUint64(0, true));
      const len = u32(at + 8);
      const flags = u16(at + 12);
      const ram = ramWindow();
      if (addr < ram.base || addr + len > ram.base + ram.size) this.errors.push(`queue ${index}: buffer ${hex(addr)}+${len} outside RAM`);
      const write = (flags & 2) !== 0;
      if (!write && segments.some((s) => s.write)) this.errors.push(`queue ${index}: a readable buffer after a writable one in chain ${head}`);
      segments.push({ addr, len, write });
      if ((flags & 1) === 0) break;
      d = u16(at + 14);
    }
    return { queue: index, head, segments };
  }

  /**
   * Returns `chain` to the driver with `written` bytes written, and raises
   * the interrupt unless the driver asked for none on this queue
   * (VIRTQ_AVAIL_F_NO_INTERRUPT, 2.7.7: a device may still send one; QEMU
   * does not, nor does this model).
   */
  complete(chain: Chain, written: number): void {
    if (this.stopped || (this.status & 4) === 0) return;
    const q = this.queues[chain.queue]!;
    const at = q.device + 4 + 8 * (q.usedIdx % q.num);
    writeMemory(at, le32(chain.head));
    writeMemory(at + 4, le32(written));
    q.usedIdx = (q.usedIdx + 1) & 0xffff;
    writeMemory(q.device + 2, le16(q.usedIdx));
    this.interrupts++;
    if ((u16(q.driver) & 1) === 0) this.interruptStatus |= 1;
    else this.suppressed++;
  }

  /** Sets DEVICE_NEEDS_RESET and signals a configuration change (2.1.2). */
  needReset(): void {
    this.status |= 64;
    this.interruptStatus |= 2;
  }

  /** Changes configuration bytes as the device would (the generation counter moves). */
  setConfig(offset: number, bytes: Uint8Array): void {
    this.backend.config.set(bytes, offset);
    this.configGeneration++;
  }
}

function lo(old: number, v: number): number {
  return Math.floor(old / 2 ** 32) * 2 ** 32 + (v >>> 0);
}

function hi(old: number, v: number): number {
  return (v >>> 0) * 2 ** 32 + (old % 2 ** 32);
}

function u16(addr: number): number {
  const b = readMemory(addr, 2);
  return b[0]! | (b[1]! << 8);
}

function u32(addr: number): number {
  const b = readMemory(addr, 4);
  return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
}

function le16(v: number): Uint8Array {
  return new Uint8Array([v & 0xff, (v >> 8) & 0xff]);
}

function le32(v: number): Uint8Array {
  return new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]);
}

function hex(v: number): string {
  return `0x${v.toString(16)}`;
}
