/**
 * FatTable: reading and writing FAT entries through the block cache, the
 * free-cluster count and cluster allocation (Microsoft FAT spec 1.03, "FAT
 * Data Structure").
 *
 * Values are normalised across FAT12/16/32: `get` returns FREE (0), a
 * cluster number, EOC for any end-of-chain mark (>= 0xFF8 / 0xFFF8 /
 * 0x0FFFFFF8), BAD for the bad-cluster mark, or another raw value (1, a
 * reserved value, or a number beyond the volume) that callers treat as
 * corruption. FAT32 entries are 28 bits: the upper 4 bits are preserved on
 * every write (spec: "the high 4 bits of a FAT32 FAT entry are reserved").
 * FAT12 entries are 12 bits at byte offset c + c/2 and may straddle two
 * sectors; they are read and written one byte at a time.
 *
 * The free count is computed by a scan at mount (so it is true, whatever
 * FSInfo said) and kept exact by alloc/free; `nextFree` is where the next
 * allocation search starts (FSInfo's FSI_Nxt_Free). FAT sectors are dirtied
 * with class Fat (block-cache.ts), so they reach the disk after the data.
 */
import { Errno } from '@unishyper/vfs';
import { idiv, load16, load32, load8, store16, store32, store8 } from '@unishyper/rt';
import { BlockCache, WriteClass } from './block-cache';
import type { Geometry } from './bpb';
import { FatType } from './layout';

export const FatValue = {
  FREE: 0,
  EOC: 0x0fffffff,
  BAD: 0x0ffffff7,
} as const;

export class FatTable {
  freeCount = 0;
  nextFree = 2;
  private readonly start: number;
  private readonly ss: number;
  private readonly max: number;
  private readonly type: number;

  constructor(private readonly cache: BlockCache, g: Geometry) {
    this.start = g.fatStart();
    this.ss = g.sectorSize;
    this.max = g.maxCluster();
    this.type = g.fatType;
  }

  /** True for a cluster number inside the data region. */
  isCluster(v: number): boolean {
    return v >= 2 && v <= this.max;
  }

  /** The normalised entry of cluster `c` (2 <= c <= max), or -EIO. */
  get(c: number): number {
    if (this.type === FatType.Fat12) {
      const off = c + (c >> 1);
      const lo = this.byteAt(off);
      if (lo < 0) return lo;
      const hi = this.byteAt(off + 1);
      if (hi < 0) return hi;
      const raw = (c & 1) !== 0 ? (lo | (hi << 8)) >> 4 : (lo | (hi << 8)) & 0xfff;
      if (raw >= 0xff8) return FatValue.EOC;
      if (raw === 0xff7) return FatValue.BAD;
      return raw;
    }
    if (this.type === FatType.Fat16) {
      const off = c * 2;
      const p = this.cache.get(this.start + idiv(off, this.ss));
      if (p < 0) return p;
      const raw = load16(p + (off % this.ss));
      if (raw >= 0xfff8) return FatValue.EOC;
      if (raw === 0xfff7) return FatValue.BAD;
      return raw;
    }
    const off = c * 4;
    const p = this.cache.get(this.start + idiv(off, this.ss));
    if (p < 0) return p;
    const raw = load32(p + (off % this.ss)) & 0x0fffffff;
    if (raw >= 0x0ffffff8) return FatValue.EOC;
    return raw;
  }

  /** Sets the entry of cluster `c` to FREE, EOC or a cluster number; 0 or -EIO. Keeps freeCount exact. */
  set(c: number, v: number): number {
    const old = this.get(c);
    if (old < 0) return old;
    let r = 0;
    if (this.type === FatType.Fat12) {
      const raw = v === FatValue.EOC ? 0xfff : v & 0xfff;
      const off = c + (c >> 1);
      if ((c & 1) !== 0) {
        r = this.updateByte(off, 0x0f, (raw << 4) & 0xf0);
        if (r >= 0) r = this.updateByte(off + 1, 0x00, raw >> 4);
      } else {
        r = this.updateByte(off, 0x00, raw & 0xff);
        if (r >= 0) r = this.updateByte(off + 1, 0xf0, raw >> 8);
      }
    } else if (this.type === FatType.Fat16) {
      const off = c * 2;
      const p = this.cache.getForWrite(this.start + idiv(off, this.ss), WriteClass.Fat);
      if (p < 0) return p;
      store16(p + (off % this.ss), v === FatValue.EOC ? 0xffff : v);
    } else {
      const off = c * 4;
      const p = this.cache.getForWrite(this.start + idiv(off, this.ss), WriteClass.Fat);
      if (p < 0) return p;
      const at = p + (off % this.ss);
      const high = load32(at) & 0xf0000000;
      store32(at, (high | (v & 0x0fffffff)) >>> 0);
    }
    if (r < 0) return r;
    if (old === FatValue.FREE && v !== FatValue.FREE) this.freeCount = this.freeCount - 1;
    if (old !== FatValue.FREE && v === FatValue.FREE) this.freeCount = this.freeCount + 1;
    return 0;
  }

  /**
   * Points `from` at `to`, a cluster alloc() just marked end-of-chain. When
   * the two entries lie in different FAT sectors, `to`'s mark is written to
   * the disk first: the cache writes one class in slot order, and a power
   * cut between the two sector writes must leave a lost cluster, never a
   * chain that runs into a free one. 0 or -EIO.
   */
  link(from: number, to: number): number {
    if (this.firstSector(from) !== this.firstSector(to) || this.straddles(to)) {
      const w = this.writeEntry(to);
      if (w < 0) return w;
    }
    return this.set(from, to);
  }

  /**
   * Ends a chain at `c` (end-of-chain mark) and writes that to the disk at
   * once, so the frees of the clusters that followed it, which come next and
   * may lie in other FAT sectors, can never reach the disk before it. 0 or -EIO.
   */
  endChain(c: number): number {
    const r = this.set(c, FatValue.EOC);
    if (r < 0) return r;
    return this.writeEntry(c);
  }

  /** Counts the free clusters (freeCount) and points nextFree at the first; 0 or -EIO. */
  scanFree(): number {
    let free = 0;
    let first = 0;
    if (this.type === FatType.Fat12) {
      for (let c = 2; c <= this.max; c++) {
        const v = this.get(c);
        if (v < 0) return v;
        if (v === FatValue.FREE) {
          free++;
          if (first === 0) first = c;
        }
      }
    } else {
      const width = this.type === FatType.Fat16 ? 2 : 4;
      const perSector = idiv(this.ss, width);
      let c = 2;
      while (c <= this.max) {
        const sector = this.start + idiv(c, perSector);
        const p = this.cache.get(sector);
        if (p < 0) return p;
        let i = c % perSector;
        while (i < perSector && c <= this.max) {
          const raw = width === 2 ? load16(p + i * 2) : load32(p + i * 4) & 0x0fffffff;
          if (raw === 0) {
            free++;
            if (first === 0) first = c;
          }
          i++;
          c++;
        }
      }
    }
    this.freeCount = free;
    this.nextFree = first === 0 ? 2 : first;
    return 0;
  }

  /** Takes a free cluster, marks it end-of-chain and returns it; -ENOSPC or -EIO. */
  alloc(): number {
    if (this.freeCount <= 0) return -Errno.ENOSPC;
    let c = this.nextFree;
    if (c < 2 || c > this.max) c = 2;
    for (let n = 0; n < this.max - 1; n++) {
      const v = this.get(c);
      if (v < 0) return v;
      if (v === FatValue.FREE) {
        const r = this.set(c, FatValue.EOC);
        if (r < 0) return r;
        this.nextFree = c === this.max ? 2 : c + 1;
        return c;
      }
      c = c === this.max ? 2 : c + 1;
    }
    // The count said there was room but the FAT has none: believe the FAT.
    this.freeCount = 0;
    return -Errno.ENOSPC;
  }

  /** Byte offset of cluster `c`'s entry in the FAT. */
  private entryOffset(c: number): number {
    if (this.type === FatType.Fat12) return c + (c >> 1);
    return this.type === FatType.Fat16 ? c * 2 : c * 4;
  }

  private firstSector(c: number): number {
    return this.start + idiv(this.entryOffset(c), this.ss);
  }

  /** True when `c`'s entry spans two sectors (FAT12 only: 12-bit entries at odd byte offsets). */
  private straddles(c: number): boolean {
    return this.type === FatType.Fat12 && this.entryOffset(c) % this.ss === this.ss - 1;
  }

  /** Writes the sector(s) holding `c`'s entry to the disk if they are dirty; 0 or -EIO. */
  private writeEntry(c: number): number {
    const first = this.firstSector(c);
    const r = this.cache.writeNow(first);
    if (r < 0 || !this.straddles(c)) return r;
    return this.cache.writeNow(first + 1);
  }

  private byteAt(off: number): number {
    const p = this.cache.get(this.start + idiv(off, this.ss));
    if (p < 0) return p;
    return load8(p + (off % this.ss));
  }

  /** Byte at `off` = (byte & keep) | bits. */
  private updateByte(off: number, keep: number, bits: number): number {
    const p = this.cache.getForWrite(this.start + idiv(off, this.ss), WriteClass.Fat);
    if (p < 0) return p;
    const at = p + (off % this.ss);
    store8(at, (load8(at) & keep) | bits);
    return 0;
  }
}
