/**
 * The virtio-mmio register map, version 2 (virtio 1.2, 4.2.2), the device
 * status bits (2.1) and the feature bits this package knows (6; 5.2.3 for
 * the block device's). Offsets are from the slot's base; every register is
 * 32 bits wide and little-endian; the device-specific configuration starts
 * at Config.
 */
export const Reg = {
  MagicValue: 0x000,
  Version: 0x004,
  DeviceId: 0x008,
  VendorId: 0x00c,
  DeviceFeatures: 0x010,
  DeviceFeaturesSel: 0x014,
  DriverFeatures: 0x020,
  DriverFeaturesSel: 0x024,
  QueueSel: 0x030,
  QueueNumMax: 0x034,
  QueueNum: 0x038,
  QueueReady: 0x044,
  QueueNotify: 0x050,
  InterruptStatus: 0x060,
  InterruptAck: 0x064,
  Status: 0x070,
  QueueDescLow: 0x080,
  QueueDescHigh: 0x084,
  QueueDriverLow: 0x090,
  QueueDriverHigh: 0x094,
  QueueDeviceLow: 0x0a0,
  QueueDeviceHigh: 0x0a4,
  ConfigGeneration: 0x0fc,
  Config: 0x100,
} as const;

/** "virt" in little-endian ASCII. */
export const MAGIC = 0x74726976;

/** Device status bits (2.1). */
export const Status = {
  Acknowledge: 1,
  Driver: 2,
  DriverOk: 4,
  FeaturesOk: 8,
  DeviceNeedsReset: 64,
  Failed: 128,
} as const;

/** InterruptStatus bits (4.2.2). */
export const Interrupt = {
  UsedBuffer: 1,
  ConfigChange: 2,
} as const;

/** Device IDs (5). */
export const DeviceId = {
  None: 0,
  Net: 1,
  Block: 2,
} as const;

/** Feature bits independent of the device type (6). Numbers are bit positions 0-63. */
export const Feature = {
  IndirectDesc: 28,
  EventIdx: 29,
  /** VIRTIO_F_VERSION_1: the device is modern; required here. */
  Version1: 32,
  AccessPlatform: 33,
  RingPacked: 34,
} as const;
