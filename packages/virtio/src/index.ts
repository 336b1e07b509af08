// @unishyper/virtio: the virtio-mmio transport, split virtqueues, virtio-blk.
export { DeviceId, Feature, Interrupt, MAGIC, Reg, Status } from './mmio-registers';
export { MmioTransport, ProbeResult } from './transport';
export { SplitQueue } from './virtqueue';
export { DEFAULT_REQUEST_TIMEOUT_MS, SECTOR_BYTES, VirtioBlk } from './blk';
export { VIRTIO_NET_HDR_BYTES, VirtioNet } from './net';
export { findVirtioSlot } from './probe';
export { openVirtioBlk } from './open-blk';
