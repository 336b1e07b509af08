// @unishyper/virtio: the virtio-mmio transport, split virtqueues, virtio-blk.
export {};
