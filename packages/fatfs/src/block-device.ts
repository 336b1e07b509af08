/**
 * BlockDevice: what a file system needs from a disk, declared here on the
 * consumer's side. virtio-blk (packages/virtio) implements it natively, a
 * RAM disk under Node (and natively, for tests); neither imports this file
 * (interfaces are structural).
 *
 * Buffers are addresses of ordinary RAM (`allocBytes`), so a device can
 * hand them to DMA without a copy. Every call returns 0 or `-Errno.X`
 * (@unishyper/vfs errno.ts): EIO when the device reports an error or stops
 * answering, EROFS for a write to a read-only device, EINVAL for a range
 * outside the device or a count of 0. Calls may come from several threads
 * on several cores at once and may block the calling thread.
 */
export interface BlockDevice {
  /** Bytes per block: 512 for virtio-blk (its sectors), whatever a test disk says. */
  blockSize(): number;
  /** Capacity in blocks. */
  blockCount(): number;
  /** True when writes are refused. */
  readOnly(): boolean;
  /** Reads `count` blocks from `block` into `buf` (blockSize() * count bytes). */
  read(block: number, count: number, buf: number): number;
  /** Writes `count` blocks from `buf` to `block`. */
  write(block: number, count: number, buf: number): number;
  /** Returns when every completed write is on stable storage (virtio-blk FLUSH). */
  flush(): number;
}
