/**
 * RamDisk: a BlockDevice over ordinary RAM, for tests under Node and in
 * kernel images (the disk of a QEMU fixture is an mkfs.fat image that the
 * generic loader put into guest RAM). Either it owns its memory
 * (`RamDisk.allocate`, from allocBytes, released by dispose) or it views
 * memory at a fixed address it does not own (`RamDisk.at`).
 *
 * Contract (block-device.ts): a range outside the disk or a count of 0 is
 * -EINVAL, a write to a read-only disk -EROFS. `failFrom` makes every access
 * at or beyond that block fail with -EIO: tests use it to model a disk that
 * stops answering (a truncated image, a dying device).
 */
import { Errno } from '@unishyper/vfs';
import { allocBytes, freeBytes, memcpy, memset } from '@unishyper/rt';

export class RamDisk {
  /** Accesses to blocks at or beyond this one fail with -EIO (default: never). */
  failFrom = -1;
  /** Completed reads, writes and flushes, for tests. */
  reads = 0;
  writes = 0;
  flushes = 0;

  private constructor(
    readonly base: number,
    private readonly bsize: number,
    private readonly blocks: number,
    private readonly ro: boolean,
    private readonly owned: boolean,
  ) {}

  /** A zeroed disk of `blocks` blocks of `blockSize` bytes, in memory it owns. */
  static allocate(blockSize: number, blocks: number): RamDisk {
    const base = allocBytes(blockSize * blocks, 16);
    memset(base, 0, blockSize * blocks);
    return new RamDisk(base, blockSize, blocks, false, true);
  }

  /** A disk over the `blocks * blockSize` bytes at `base` (not owned). */
  static at(base: number, blockSize: number, blocks: number, readOnly: boolean): RamDisk {
    return new RamDisk(base, blockSize, blocks, readOnly, false);
  }

  blockSize(): number {
    return this.bsize;
  }

  blockCount(): number {
    return this.blocks;
  }

  readOnly(): boolean {
    return this.ro;
  }

  read(block: number, count: number, buf: number): number {
    const r = this.check(block, count);
    if (r < 0) return r;
    memcpy(buf, this.base + block * this.bsize, count * this.bsize);
    this.reads = this.reads + 1;
    return 0;
  }

  write(block: number, count: number, buf: number): number {
    if (this.ro) return -Errno.EROFS;
    const r = this.check(block, count);
    if (r < 0) return r;
    memcpy(this.base + block * this.bsize, buf, count * this.bsize);
    this.writes = this.writes + 1;
    return 0;
  }

  flush(): number {
    this.flushes = this.flushes + 1;
    return 0;
  }

  [Symbol.dispose](): void {
    if (this.owned) freeBytes(this.base);
  }

  private check(block: number, count: number): number {
    if (count <= 0 || block < 0 || block + count > this.blocks) return -Errno.EINVAL;
    if (this.failFrom >= 0 && block + count > this.failFrom) return -Errno.EIO;
    return 0;
  }
}
