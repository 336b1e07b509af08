/**
 * Volume: one mounted FAT volume's on-disk state: the device, the validated
 * geometry, the block cache, the FAT with its free count, FSInfo, and the
 * clock that stamps entries. Mounting reads and checks the boot sector
 * (bpb.ts), counts free clusters by scanning the FAT (so the count is true
 * whatever FSInfo claims), reads FSInfo's next-free hint, and checks the
 * FAT32 root directory's chain. `sync` writes everything back in class order
 * (data, FAT copies, directories) and then FSInfo with the true free count
 * and next-free hint (spec "FAT32 FSInfo Sector Structure"), then flushes
 * the device.
 */
import { Errno } from '@unishyper/vfs';
import { allocBytes, freeBytes, kprint, load32, release, store32 } from '@unishyper/rt';
import type { BlockDevice } from './block-device';
import { BlockCache, WriteClass } from './block-cache';
import { Geometry, parseBootSector } from './bpb';
import { chainLength } from './cluster-chain';
import { TAIL_MAP_BYTES } from './directory';
import { FatTable } from './fat-table';
import type { TimeSource } from './fat-time';
import { FatType, FsInfo } from './layout';

export class Volume {
  readonly geo: Geometry = new Geometry();
  readonly cache: BlockCache;
  readonly fat: FatTable;
  /** Scratch for short-name tail search (directory.ts). */
  readonly tailMap: number;
  /** FSInfo's values as last written (to skip rewriting an unchanged sector). */
  private infoFree = -1;
  private infoNext = -1;

  private constructor(readonly dev: BlockDevice, g: Geometry, cacheSectors: number, readonly clock: TimeSource, readonly ro: boolean) {
    this.geo.sectorSize = g.sectorSize;
    this.geo.secPerClus = g.secPerClus;
    this.geo.clusterSize = g.clusterSize;
    this.geo.reservedSectors = g.reservedSectors;
    this.geo.numFats = g.numFats;
    this.geo.fatSize = g.fatSize;
    this.geo.activeFat = g.activeFat;
    this.geo.mirrorFats = g.mirrorFats;
    this.geo.rootEntries = g.rootEntries;
    this.geo.rootDirStart = g.rootDirStart;
    this.geo.rootDirSectors = g.rootDirSectors;
    this.geo.firstDataSector = g.firstDataSector;
    this.geo.totalSectors = g.totalSectors;
    this.geo.clusterCount = g.clusterCount;
    this.geo.fatType = g.fatType;
    this.geo.rootCluster = g.rootCluster;
    this.geo.fsInfoSector = g.fsInfoSector;
    this.cache = new BlockCache(this.dev, g.sectorSize, g.totalSectors, cacheSectors, g.fatStart(), g.fatSize, g.reservedSectors, g.mirrorFats ? g.numFats : 1);
    this.fat = new FatTable(this.cache, this.geo);
    this.tailMap = allocBytes(TAIL_MAP_BYTES, 8);
  }

  /**
   * Mounts the volume on `dev` with a cache of `cacheSectors` sectors; the
   * volume, or null with the reason printed and its -Errno in `status.error`.
   */
  static mount(dev: BlockDevice, cacheSectors: number, clock: TimeSource, readOnly: boolean, status: MountStatus): Volume | null {
    const bs = dev.blockSize();
    if (bs !== 512 && bs !== 1024 && bs !== 2048 && bs !== 4096) {
      kprint`fatfs: device block size ${bs} is not supported (512 to 4096)\n`;
      status.error = -Errno.EINVAL;
      return null;
    }
    if (dev.blockCount() < 1) {
      kprint`fatfs: the device is empty\n`;
      status.error = -Errno.EIO;
      return null;
    }
    const buf = allocBytes(bs, 16);
    let r = dev.read(0, 1, buf);
    if (r < 0) {
      kprint`fatfs: reading the boot sector failed (error ${r})\n`;
      freeBytes(buf);
      status.error = -Errno.EIO;
      return null;
    }
    const g = new Geometry();
    r = parseBootSector(buf, bs, dev.blockCount(), g);
    freeBytes(buf);
    if (r < 0) {
      release(g);
      status.error = r;
      return null;
    }
    const vol = new Volume(dev, g, cacheSectors < 8 ? 8 : cacheSectors, clock, readOnly || dev.readOnly());
    release(g);
    r = vol.start();
    if (r < 0) {
      vol[Symbol.dispose]();
      release(vol);
      status.error = r;
      return null;
    }
    status.error = 0;
    return vol;
  }

  /** First cluster of the root directory as directory.ts names it (0: the FAT12/16 fixed root). */
  rootFirst(): number {
    return this.geo.fatType === FatType.Fat32 ? this.geo.rootCluster : 0;
  }

  /**
   * Writes everything dirty to the device: data, then the FATs, then
   * directory entries, then FSInfo; then flushes the device. 0 or -EIO.
   */
  sync(): number {
    if (this.ro) return 0;
    let r = this.cache.flushAll();
    if (r >= 0) r = this.writeFsInfo();
    if (r >= 0) r = this.cache.flushAll();
    if (r >= 0) {
      const f = this.dev.flush();
      if (f < 0) {
        kprint`fatfs: device flush failed (error ${f})\n`;
        r = -Errno.EIO;
      }
    }
    return r;
  }

  [Symbol.dispose](): void {
    this.cache[Symbol.dispose]();
    release(this.cache);
    release(this.fat);
    release(this.geo);
    freeBytes(this.tailMap);
  }

  private start(): number {
    const g = this.geo;
    let r = this.fat.scanFree();
    if (r < 0) return r;
    if (g.fatType === FatType.Fat32) {
      r = chainLength(this.fat, g.rootCluster, g.clusterCount);
      if (r < 0) {
        kprint`fatfs: the root directory's chain (from cluster ${g.rootCluster}) is broken\n`;
        return r;
      }
    }
    if (g.fsInfoSector !== 0) {
      const p = this.cache.get(g.fsInfoSector);
      if (p < 0) return p;
      if (load32(p + FsInfo.LeadSig) !== FsInfo.LEAD || load32(p + FsInfo.StrucSig) !== FsInfo.STRUC || load32(p + FsInfo.TrailSig) !== FsInfo.TRAIL) {
        kprint`fatfs: FSInfo sector ${g.fsInfoSector} has bad signatures; ignoring it\n`;
        g.fsInfoSector = 0;
      } else {
        this.infoFree = load32(p + FsInfo.FreeCount);
        this.infoNext = load32(p + FsInfo.NxtFree);
        // The hint is only a place to start looking (spec); keep it when it is a cluster.
        if (this.fat.isCluster(this.infoNext)) this.fat.nextFree = this.infoNext;
      }
    }
    return 0;
  }

  private writeFsInfo(): number {
    const g = this.geo;
    if (g.fsInfoSector === 0) return 0;
    const free = this.fat.freeCount;
    const next = this.fat.nextFree;
    if (free === this.infoFree && next === this.infoNext) return 0;
    const p = this.cache.getForWrite(g.fsInfoSector, WriteClass.Meta);
    if (p < 0) return p;
    store32(p + FsInfo.FreeCount, free);
    store32(p + FsInfo.NxtFree, next);
    this.infoFree = free;
    this.infoNext = next;
    return 0;
  }
}

/** Out parameter of Volume.mount. */
export class MountStatus {
  error = 0;
}
