/**
 * BlockCache: a bounded write-back cache of volume sectors, with write
 * ordering for crash safety.
 *
 * Policy. `slots` sector buffers are allocated once at mount (one block of
 * memory) and never again: no allocation on any read or write path. A hit is
 * found by a scan that tries the most recently used slot first (sequential
 * access hits it); a miss takes the least recently used clean slot, or the
 * least recently used dirty one, written back first.
 *
 * Ordering. Every dirty sector carries a class: Data (file contents and
 * freshly zeroed clusters), Fat, Dir (directory entries), Meta (FSInfo).
 * Nothing of a class reaches the device before every dirty sector of the
 * classes below it: `flush(upTo)` writes class by class, and evicting a dirty
 * sector of class k first flushes classes < k. A sector dirty in a lower
 * class that is changed in a higher one is written out first (markDirty);
 * one changed in a lower class takes that class. So a directory entry never
 * reaches the disk before the FAT chain and the data it points to, and a FAT
 * entry never before the data of its cluster (the crash argument is in the
 * README).
 *
 * FAT mirroring: a sector of the active FAT is written to every FAT copy
 * (FAT 1, then 2, ...) when `mirrorCount > 1`.
 *
 * Bounds: a sector outside [0, totalSectors) is refused with -EIO and a
 * printed line, so no caller bug or corrupt pointer can read or write
 * outside the volume. A device error is -EIO with the sector named; a dirty
 * sector that failed to write stays dirty.
 */
import { Errno } from '@unishyper/vfs';
import { allocBytes, FixedArray, freeBytes, idiv, kprint, memcpy, memset, release } from '@unishyper/rt';
import type { BlockDevice } from './block-device';

export const WriteClass = {
  Data: 0,
  Fat: 1,
  Dir: 2,
  Meta: 3,
} as const;
const CLASSES = 4;

export class BlockCache {
  private readonly mem: number;
  private readonly sectorOf: FixedArray<number>;
  private readonly dirtyClass: FixedArray<number>; // -1: clean
  private readonly stamp: FixedArray<number>;
  private clock = 0;
  private last = 0;
  /** Dirty sectors per class, so a flush of an empty class costs nothing. */
  private readonly dirtyCount: FixedArray<number>;
  readonly blocksPerSector: number;
  /** Device I/O counters, for tests. */
  deviceReads = 0;
  deviceWrites = 0;

  constructor(
    private readonly dev: BlockDevice,
    readonly sectorSize: number,
    readonly totalSectors: number,
    readonly slots: number,
    private readonly fatStart: number,
    private readonly fatSize: number,
    private readonly mirrorBase: number,
    private readonly mirrorCount: number,
  ) {
    this.mem = allocBytes(this.sectorSize * this.slots, 16);
    this.sectorOf = new FixedArray<number>(this.slots, -1);
    this.dirtyClass = new FixedArray<number>(this.slots, -1);
    this.stamp = new FixedArray<number>(this.slots, 0);
    this.dirtyCount = new FixedArray<number>(CLASSES, 0);
    this.blocksPerSector = idiv(this.sectorSize, this.dev.blockSize());
  }

  /** The bytes of `sector` for reading (valid until the next cache call), or -EIO. */
  get(sector: number): number {
    const s = this.lookup(sector, true);
    if (s < 0) return s;
    return this.mem + s * this.sectorSize;
  }

  /** The bytes of `sector` for changing in place, marked dirty with class `cls`; or -EIO. */
  getForWrite(sector: number, cls: number): number {
    const s = this.lookup(sector, true);
    if (s < 0) return s;
    const d = this.markDirty(s, cls);
    if (d < 0) return d;
    return this.mem + s * this.sectorSize;
  }

  /** `sector` zeroed without reading it (its old contents are dead), dirty with class `cls`; or -EIO. */
  getZeroed(sector: number, cls: number): number {
    const s = this.lookup(sector, false);
    if (s < 0) return s;
    const d = this.markDirty(s, cls);
    if (d < 0) return d;
    memset(this.mem + s * this.sectorSize, 0, this.sectorSize);
    return this.mem + s * this.sectorSize;
  }

  /** `sector` for a write that overwrites all of it (not read from the device); or -EIO. */
  getForOverwrite(sector: number, cls: number): number {
    const s = this.lookup(sector, false);
    if (s < 0) return s;
    const d = this.markDirty(s, cls);
    if (d < 0) return d;
    return this.mem + s * this.sectorSize;
  }

  /**
   * Reads `count` sectors from `sector` straight into `buf` (no slot used:
   * bulk file data would only push metadata out), then copies over them
   * the sectors the cache holds dirty, which are newer than the disk.
   * 0, or -EIO with the range named.
   */
  readThrough(sector: number, count: number, buf: number): number {
    if (!this.inVolume(sector, count)) return -Errno.EIO;
    const r = this.dev.read(sector * this.blocksPerSector, count * this.blocksPerSector, buf);
    this.deviceReads = this.deviceReads + 1;
    if (r < 0) {
      kprint`fatfs: reading sectors ${sector}..${sector + count - 1} failed (error ${r})\n`;
      return -Errno.EIO;
    }
    if (this.dirtySectors() === 0) return 0;
    for (let s = 0; s < this.slots; s++) {
      const at = this.sectorOf.get(s);
      if (at >= sector && at < sector + count && this.dirtyClass.get(s) >= 0) memcpy(buf + (at - sector) * this.sectorSize, this.mem + s * this.sectorSize, this.sectorSize);
    }
    return 0;
  }

  /**
   * Writes `count` sectors from `buf` straight to `sector` (file data only:
   * the lowest write class, so nothing has to reach the disk before it).
   * Copies the cache holds of those sectors take the new bytes and are
   * clean afterwards. 0, or -EIO with the range named.
   */
  writeThrough(sector: number, count: number, buf: number): number {
    if (!this.inVolume(sector, count)) return -Errno.EIO;
    const r = this.dev.write(sector * this.blocksPerSector, count * this.blocksPerSector, buf);
    this.deviceWrites = this.deviceWrites + 1;
    if (r < 0) {
      kprint`fatfs: writing sectors ${sector}..${sector + count - 1} failed (error ${r})\n`;
      return -Errno.EIO;
    }
    for (let s = 0; s < this.slots; s++) {
      const at = this.sectorOf.get(s);
      if (at < sector || at >= sector + count) continue;
      memcpy(this.mem + s * this.sectorSize, buf + (at - sector) * this.sectorSize, this.sectorSize);
      const cls = this.dirtyClass.get(s);
      if (cls >= 0) {
        this.dirtyCount.set(cls, this.dirtyCount.get(cls) - 1);
        this.dirtyClass.set(s, -1);
      }
    }
    return 0;
  }

  private inVolume(sector: number, count: number): boolean {
    if (sector >= 0 && count > 0 && sector + count <= this.totalSectors) return true;
    kprint`fatfs: sectors ${sector}..${sector + count - 1} are outside the volume (${this.totalSectors} sectors)\n`;
    return false;
  }

  /** Dirty sectors of every class. */
  dirtySectors(): number {
    let n = 0;
    for (let c = 0; c < CLASSES; c++) n += this.dirtyCount.get(c);
    return n;
  }

  /** Writes every dirty sector of class <= upTo, class by class; 0 or -EIO (the rest is still attempted). */
  flush(upTo: number): number {
    let result = 0;
    for (let c = 0; c <= upTo && c < CLASSES; c++) {
      if (this.dirtyCount.get(c) === 0) continue;
      for (let s = 0; s < this.slots; s++) {
        if (this.dirtyClass.get(s) === c) {
          const r = this.writeSlot(s);
          if (r < 0) result = r;
        }
      }
    }
    return result;
  }

  /**
   * Writes `sector` now if the cache holds it dirty (after every dirty
   * sector of the classes below its own), for the one ordering the classes
   * cannot express: two FAT sectors whose order matters (fat-table.ts link,
   * endChain). 0 or -EIO.
   */
  writeNow(sector: number): number {
    for (let s = 0; s < this.slots; s++) {
      if (this.sectorOf.get(s) !== sector) continue;
      const cls = this.dirtyClass.get(s);
      if (cls < 0) return 0;
      if (cls > 0) {
        const f = this.flush(cls - 1);
        if (f < 0) return f;
      }
      return this.writeSlot(s);
    }
    return 0;
  }

  /** Writes everything dirty (in class order). */
  flushAll(): number {
    return this.flush(CLASSES - 1);
  }

  /** Forgets every clean sector (after the device changed under the cache). */
  dropClean(): void {
    for (let s = 0; s < this.slots; s++) {
      if (this.dirtyClass.get(s) < 0) this.sectorOf.set(s, -1);
    }
  }

  [Symbol.dispose](): void {
    freeBytes(this.mem);
    release(this.sectorOf);
    release(this.dirtyClass);
    release(this.stamp);
    release(this.dirtyCount);
  }

  /**
   * Marks slot `s` dirty with class `cls`. A slot already dirty with a lower
   * class is written out first (after the classes below that one), so its
   * earlier contents go to the disk in their place in the order and the new
   * change waits for its own: e.g. a directory entry put into a freshly
   * zeroed directory sector (class Data) must not reach the disk before the
   * FAT chain of the file it names. 0 or -EIO.
   */
  private markDirty(s: number, cls: number): number {
    const old = this.dirtyClass.get(s);
    if (old === cls) return 0;
    if (old >= 0 && old < cls) {
      if (old > 0) {
        const f = this.flush(old - 1);
        if (f < 0) return f;
      }
      const w = this.writeSlot(s);
      if (w < 0) return w;
    } else if (old > cls) {
      this.dirtyCount.set(old, this.dirtyCount.get(old) - 1);
      this.dirtyClass.set(s, cls);
      this.dirtyCount.set(cls, this.dirtyCount.get(cls) + 1);
      return 0;
    }
    this.dirtyClass.set(s, cls);
    this.dirtyCount.set(cls, this.dirtyCount.get(cls) + 1);
    return 0;
  }

  /** The slot holding `sector` (read from the device when `read`), or -EIO. */
  private lookup(sector: number, read: boolean): number {
    if (sector < 0 || sector >= this.totalSectors) {
      kprint`fatfs: sector ${sector} is outside the volume (${this.totalSectors} sectors)\n`;
      return -Errno.EIO;
    }
    this.clock = this.clock + 1;
    if (this.sectorOf.get(this.last) === sector) {
      this.stamp.set(this.last, this.clock);
      return this.last;
    }
    for (let s = 0; s < this.slots; s++) {
      if (this.sectorOf.get(s) === sector) {
        this.stamp.set(s, this.clock);
        this.last = s;
        return s;
      }
    }
    const victim = this.victim();
    if (this.dirtyClass.get(victim) >= 0) {
      // Ordering: everything of a lower class goes first.
      const cls = this.dirtyClass.get(victim);
      if (cls > 0) {
        const f = this.flush(cls - 1);
        if (f < 0) return f;
      }
      const w = this.writeSlot(victim);
      if (w < 0) return w;
    }
    this.sectorOf.set(victim, -1);
    if (read) {
      const r = this.dev.read(sector * this.blocksPerSector, this.blocksPerSector, this.mem + victim * this.sectorSize);
      this.deviceReads = this.deviceReads + 1;
      if (r < 0) {
        kprint`fatfs: reading sector ${sector} failed (error ${r})\n`;
        return -Errno.EIO;
      }
    }
    this.sectorOf.set(victim, sector);
    this.stamp.set(victim, this.clock);
    this.last = victim;
    return victim;
  }

  /** Least recently used clean slot, else least recently used dirty one. */
  private victim(): number {
    let best = -1;
    let bestDirty = -1;
    for (let s = 0; s < this.slots; s++) {
      if (this.sectorOf.get(s) < 0) return s;
      if (this.dirtyClass.get(s) < 0) {
        if (best < 0 || this.stamp.get(s) < this.stamp.get(best)) best = s;
      } else if (bestDirty < 0 || this.stamp.get(s) < this.stamp.get(bestDirty)) {
        bestDirty = s;
      }
    }
    return best >= 0 ? best : bestDirty;
  }

  private writeSlot(s: number): number {
    const sector = this.sectorOf.get(s);
    const buf = this.mem + s * this.sectorSize;
    let r = this.dev.write(sector * this.blocksPerSector, this.blocksPerSector, buf);
    this.deviceWrites = this.deviceWrites + 1;
    if (r >= 0 && this.mirrorCount > 1 && sector >= this.fatStart && sector < this.fatStart + this.fatSize) {
      const index = sector - this.fatStart;
      for (let k = 0; k < this.mirrorCount && r >= 0; k++) {
        const copy = this.mirrorBase + k * this.fatSize + index;
        if (copy !== sector) {
          r = this.dev.write(copy * this.blocksPerSector, this.blocksPerSector, buf);
          this.deviceWrites = this.deviceWrites + 1;
        }
      }
    }
    if (r < 0) {
      kprint`fatfs: writing sector ${sector} failed (error ${r})\n`;
      return -Errno.EIO;
    }
    const cls = this.dirtyClass.get(s);
    this.dirtyCount.set(cls, this.dirtyCount.get(cls) - 1);
    this.dirtyClass.set(s, -1);
    return 0;
  }
}
