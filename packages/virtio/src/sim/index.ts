// @node-only: the test API of @unishyper/virtio: device models on rt's simulated bus.
export { VirtioMmioDevice, MMIO_MAGIC, type Chain, type Segment, type VirtioBackend, type MmioDeviceOptions } from './mmio-device';
export { SimBlkDevice, SECTOR, type BlkDeviceOptions, type BlkRequestLog } from './blk-device';
export { SimNetDevice, type NetDeviceOptions } from './net-device';
export { simMachine } from './machine';
