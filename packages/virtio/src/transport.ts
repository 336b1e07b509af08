/**
 * The virtio-mmio transport, modern devices only (virtio 1.2, 4.2): probing
 * a slot, the status handshake and feature negotiation (3.1.1), queue
 * set-up, notifications, the interrupt status, and reads of the device's
 * configuration space that are consistent across its generation counter
 * (4.2.2.2).
 *
 * Policy: a legacy (version 1) device is refused with the QEMU option that
 * makes it modern; VIRTIO_F_VERSION_1 is required; a driver offers only the
 * feature bits it understands, so the device can never turn on one it does
 * not (a device that asks for more fails the FEATURES_OK check). Every wait
 * on the device is bounded.
 */
import { dsb, hex, idiv, kprint, mmioRead32, mmioWrite32, u32 } from '@unishyper/rt';
import { Feature, MAGIC, Reg, Status } from './mmio-registers';

/** Probe results besides a device ID (>= 1). */
export const ProbeResult = {
  /** The slot exists but holds no device (device ID 0). */
  Empty: 0,
  /** Not a virtio-mmio register block (wrong magic). */
  NotVirtio: -1,
  /** A legacy (version 1) device. */
  Legacy: -2,
  /** A version this driver does not know. */
  UnknownVersion: -3,
} as const;

/** How often a register is polled for a reset to finish before giving up. */
const RESET_POLLS = 1_000_000;
/** How often a configuration read is retried while the generation keeps changing. */
const CONFIG_RETRIES = 100;

export class MmioTransport {
  /** Feature bits both sides agreed on (low and high 32). */
  private acceptedLo = 0;
  private acceptedHi = 0;

  constructor(
    readonly base: number,
    readonly size: number,
    readonly irq: number,
  ) {}

  read(offset: number): number {
    return mmioRead32(this.base + offset);
  }

  write(offset: number, value: number): void {
    mmioWrite32(this.base + offset, value);
  }

  /**
   * What the slot holds: a device ID (>= 1), or a ProbeResult. A legacy
   * device is reported on the console with what to do about it.
   */
  probe(): number {
    if (this.read(Reg.MagicValue) !== MAGIC) return ProbeResult.NotVirtio;
    const version = this.read(Reg.Version);
    const id = this.read(Reg.DeviceId);
    if (version === 1) {
      if (id !== 0) {
        kprint`virtio-mmio@${hex(this.base)}: device ${id} is a legacy (version 1) device, which this kernel does not drive; start QEMU with -global virtio-mmio.force-legacy=false\n`;
      }
      return id === 0 ? ProbeResult.Empty : ProbeResult.Legacy;
    }
    if (version !== 2) {
      kprint`virtio-mmio@${hex(this.base)}: unknown transport version ${version}\n`;
      return ProbeResult.UnknownVersion;
    }
    return id;
  }

  deviceId(): number {
    return this.read(Reg.DeviceId);
  }

  status(): number {
    return this.read(Reg.Status);
  }

  /** True when the device has set DEVICE_NEEDS_RESET (it will not complete requests until reset). */
  needsReset(): boolean {
    return (this.status() & Status.DeviceNeedsReset) !== 0;
  }

  /** Writes 0 to Status and waits until the device reads it back as 0 (4.2.3.1.1). False if it never does. */
  reset(): boolean {
    this.write(Reg.Status, 0);
    for (let i = 0; i < RESET_POLLS; i++) if (this.status() === 0) return true;
    return false;
  }

  /** Sets status bits on top of those already set. */
  addStatus(bits: number): void {
    this.write(Reg.Status, this.status() | bits);
  }

  /**
   * Steps 1-6 of the initialisation (3.1.1): reset, ACKNOWLEDGE, DRIVER,
   * features (what the device offers of `wantLo`/`wantHi`, plus
   * VIRTIO_F_VERSION_1, which must be offered), FEATURES_OK and its check.
   * Returns 0, or -1 with the reason printed (the device is then marked FAILED).
   */
  negotiate(name: string, wantLo: number, wantHi: number): number {
    if (!this.reset()) {
      kprint`${name}: the device did not finish its reset\n`;
      return -1;
    }
    this.addStatus(Status.Acknowledge);
    this.addStatus(Status.Driver);
    this.write(Reg.DeviceFeaturesSel, 0);
    const offeredLo = this.read(Reg.DeviceFeatures);
    this.write(Reg.DeviceFeaturesSel, 1);
    const offeredHi = this.read(Reg.DeviceFeatures);
    const version1 = 1 << (Feature.Version1 - 32);
    if ((offeredHi & version1) === 0) {
      kprint`${name}: the device does not offer VIRTIO_F_VERSION_1\n`;
      this.addStatus(Status.Failed);
      return -1;
    }
    this.acceptedLo = u32(offeredLo & wantLo);
    this.acceptedHi = u32(offeredHi & (wantHi | version1));
    this.write(Reg.DriverFeaturesSel, 0);
    this.write(Reg.DriverFeatures, this.acceptedLo);
    this.write(Reg.DriverFeaturesSel, 1);
    this.write(Reg.DriverFeatures, this.acceptedHi);
    this.addStatus(Status.FeaturesOk);
    if ((this.status() & Status.FeaturesOk) === 0) {
      kprint`${name}: the device refused the features ${hex(this.acceptedHi)}:${hex(this.acceptedLo)}\n`;
      this.addStatus(Status.Failed);
      return -1;
    }
    return 0;
  }

  /** Whether feature bit `bit` (0-63) was agreed on. */
  hasFeature(bit: number): boolean {
    if (bit < 32) return ((this.acceptedLo >>> bit) & 1) !== 0;
    return ((this.acceptedHi >>> (bit - 32)) & 1) !== 0;
  }

  /** The largest size queue `index` may have (0: the queue does not exist). */
  queueMax(index: number): number {
    this.write(Reg.QueueSel, index);
    return this.read(Reg.QueueNumMax);
  }

  /**
   * Gives queue `index` its size and ring addresses and marks it ready
   * (4.2.3.2). Returns 0, or -1 with the reason printed.
   */
  setupQueue(name: string, index: number, size: number, desc: number, driver: number, device: number): number {
    this.write(Reg.QueueSel, index);
    if (this.read(Reg.QueueReady) !== 0) {
      kprint`${name}: queue ${index} is already in use\n`;
      return -1;
    }
    const max = this.read(Reg.QueueNumMax);
    if (max === 0 || size > max) {
      kprint`${name}: queue ${index} holds at most ${max} entries, not ${size}\n`;
      return -1;
    }
    this.write(Reg.QueueNum, size);
    this.writeAddress(Reg.QueueDescLow, desc);
    this.writeAddress(Reg.QueueDriverLow, driver);
    this.writeAddress(Reg.QueueDeviceLow, device);
    this.write(Reg.QueueReady, 1);
    return 0;
  }

  private writeAddress(lowReg: number, addr: number): void {
    this.write(lowReg, addr % 0x1_0000_0000);
    this.write(lowReg + 4, idiv(addr, 0x1_0000_0000));
  }

  /** Step 8: the driver is ready; the device may now use the queues. */
  driverOk(): void {
    this.addStatus(Status.DriverOk);
  }

  /** Tells the device queue `index` has new buffers; the ring writes before it are made visible first. */
  notify(index: number): void {
    dsb();
    this.write(Reg.QueueNotify, index);
  }

  /** Reads and acknowledges the interrupt causes (Interrupt bits). */
  takeInterrupt(): number {
    const bits = this.read(Reg.InterruptStatus);
    if (bits !== 0) this.write(Reg.InterruptAck, bits);
    return bits;
  }

  /** 32 bits of the device configuration at `offset`, read consistently with the generation counter. */
  config32(offset: number): number {
    for (let i = 0; i < CONFIG_RETRIES; i++) {
      const before = this.read(Reg.ConfigGeneration);
      const v = this.read(Reg.Config + offset);
      if (this.read(Reg.ConfigGeneration) === before) return v;
    }
    return this.read(Reg.Config + offset);
  }

  /** 64 bits of the device configuration (two 32-bit halves of one generation); below 2^53 as virtio sizes are. */
  config64(offset: number): number {
    for (let i = 0; i < CONFIG_RETRIES; i++) {
      const before = this.read(Reg.ConfigGeneration);
      const lo = this.read(Reg.Config + offset);
      const hi = this.read(Reg.Config + offset + 4);
      if (this.read(Reg.ConfigGeneration) === before) return hi * 0x1_0000_0000 + lo;
    }
    return this.read(Reg.Config + offset + 4) * 0x1_0000_0000 + this.read(Reg.Config + offset);
  }

  /** One byte of the device configuration. */
  config8(offset: number): number {
    const word = this.config32(offset - (offset % 4));
    return (word >>> ((offset % 4) * 8)) & 0xff;
  }
}
