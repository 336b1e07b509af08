/**
 * The boot sector's BIOS Parameter Block, validated, and the volume geometry
 * derived from it (Microsoft FAT spec 1.03, "Boot Sector and BPB" and "FAT
 * Type Determination").
 *
 * Policy: every field the driver relies on is checked before anything else
 * is read; a bad one fails the mount with -EIO and one printed line naming
 * the field and its value (`fatfs: bad BPB: BytsPerSec = 700 ...`). After a
 * successful parse the invariants below hold, so later code may compute
 * sector numbers without re-checking them:
 *   - sectorSize is 512, 1024, 2048 or 4096 and a multiple of the device's
 *     block size; clusterSize = sectorSize * secPerClus <= 64 KiB;
 *   - reserved sectors, FATs, root directory and data region follow each
 *     other inside totalSectors, and totalSectors fits the device;
 *   - clusterCount >= 1 and the FAT is long enough for clusterCount + 2 entries;
 *   - the FAT type is the one the cluster count says (never the label);
 *   - FAT32: rootCluster is a valid data cluster; FAT12/16: the fixed root
 *     directory has rootEntries > 0 entries.
 */
import { Errno } from '@unishyper/vfs';
import { idiv, kprint, load16, load32, load8 } from '@unishyper/rt';
import { Bpb, FatType } from './layout';

export class Geometry {
  sectorSize = 0;
  secPerClus = 0;
  clusterSize = 0;
  reservedSectors = 0;
  numFats = 0;
  /** Sectors per FAT. */
  fatSize = 0;
  /** The FAT read and written first (ExtFlags active FAT when mirroring is off). */
  activeFat = 0;
  /** False when FAT32 ExtFlags bit 7 says only the active FAT is kept. */
  mirrorFats = true;
  rootEntries = 0;
  /** First sector and length of the FAT12/16 fixed root directory (0 on FAT32). */
  rootDirStart = 0;
  rootDirSectors = 0;
  firstDataSector = 0;
  totalSectors = 0;
  clusterCount = 0;
  /** FatType: 12, 16 or 32. */
  fatType = 0;
  /** FAT32: the root directory's first cluster (0 on FAT12/16). */
  rootCluster = 0;
  /** FAT32: the FSInfo sector, or 0 when there is none. */
  fsInfoSector = 0;

  /** First sector of data cluster `c` (2 <= c < clusterCount + 2). */
  clusterSector(c: number): number {
    return this.firstDataSector + (c - 2) * this.secPerClus;
  }

  /** Highest valid cluster number. */
  maxCluster(): number {
    return this.clusterCount + 1;
  }

  /** First sector of the active FAT. */
  fatStart(): number {
    return this.reservedSectors + this.activeFat * this.fatSize;
  }
}

function bad(field: string, value: number, rule: string): number {
  kprint`fatfs: bad BPB: ${field} = ${value} (${rule})\n`;
  return -Errno.EIO;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * Parses the boot sector at `buf` (at least 512 bytes) of a device with
 * `devBlockSize`-byte blocks and `devBlocks` blocks into `g`; 0 or -EIO.
 */
export function parseBootSector(buf: number, devBlockSize: number, devBlocks: number, g: Geometry): number {
  if (load16(buf + Bpb.Signature) !== 0xaa55) return bad('signature at 510', load16(buf + Bpb.Signature), 'must be 0xaa55');
  const bps = load16(buf + Bpb.BytsPerSec);
  if (bps !== 512 && bps !== 1024 && bps !== 2048 && bps !== 4096) return bad('BytsPerSec', bps, 'must be 512, 1024, 2048 or 4096');
  if (bps < devBlockSize || bps % devBlockSize !== 0) return bad('BytsPerSec', bps, 'must be a multiple of the device block size');
  const spc = load8(buf + Bpb.SecPerClus);
  if (!isPowerOfTwo(spc) || spc > 128) return bad('SecPerClus', spc, 'must be a power of two up to 128');
  if (spc * bps > 65536) return bad('SecPerClus', spc, 'clusters larger than 64 KiB');
  const rsvd = load16(buf + Bpb.RsvdSecCnt);
  if (rsvd === 0) return bad('RsvdSecCnt', rsvd, 'must not be 0');
  const nfats = load8(buf + Bpb.NumFATs);
  if (nfats < 1 || nfats > 4) return bad('NumFATs', nfats, 'must be 1 to 4');
  const rootEnt = load16(buf + Bpb.RootEntCnt);
  const tot16 = load16(buf + Bpb.TotSec16);
  const tot32 = load32(buf + Bpb.TotSec32);
  const total = tot16 !== 0 ? tot16 : tot32;
  if (total === 0) return bad('TotSec32', tot32, 'TotSec16 and TotSec32 are both 0');
  const media = load8(buf + Bpb.Media);
  if (media !== 0xf0 && media < 0xf8) return bad('Media', media, 'must be 0xf0 or 0xf8..0xff');
  const fat16 = load16(buf + Bpb.FATSz16);
  const fat32 = load32(buf + Bpb.FATSz32);
  const fatSize = fat16 !== 0 ? fat16 : fat32;
  if (fatSize === 0) return bad('FATSz32', fat32, 'FATSz16 and FATSz32 are both 0');
  // Spec: RootDirSectors = ((RootEntCnt * 32) + (BytsPerSec - 1)) / BytsPerSec.
  const rootSecs = idiv(rootEnt * 32 + bps - 1, bps);
  const firstData = rsvd + nfats * fatSize + rootSecs;
  if (firstData >= total) return bad('TotSec', total, 'no room for a data region after the FATs and root directory');
  if (total * idiv(bps, devBlockSize) > devBlocks) {
    kprint`fatfs: bad BPB: TotSec = ${total} sectors of ${bps} bytes, but the device holds only ${devBlocks} blocks of ${devBlockSize}\n`;
    return -Errno.EIO;
  }
  // Spec "FAT Type Determination": the type follows from the cluster count alone.
  const clusters = idiv(total - firstData, spc);
  if (clusters < 1) return bad('cluster count', clusters, 'must be at least 1');
  let type: number = FatType.Fat32;
  if (clusters < 4085) type = FatType.Fat12;
  else if (clusters < 65525) type = FatType.Fat16;
  if (clusters > 0x0ffffff5) return bad('cluster count', clusters, 'more than FAT32 can address');
  // The FAT must hold an entry for every cluster (2 reserved entries first).
  const fatBytes = fatSize * bps;
  let needed = (clusters + 2) * 4;
  if (type === FatType.Fat16) needed = (clusters + 2) * 2;
  if (type === FatType.Fat12) needed = idiv((clusters + 2) * 3 + 1, 2);
  if (fatBytes < needed) return bad(fat16 !== 0 ? 'FATSz16' : 'FATSz32', fatSize, 'too small for the cluster count');

  g.sectorSize = bps;
  g.secPerClus = spc;
  g.clusterSize = spc * bps;
  g.reservedSectors = rsvd;
  g.numFats = nfats;
  g.fatSize = fatSize;
  g.rootEntries = rootEnt;
  g.rootDirStart = rsvd + nfats * fatSize;
  g.rootDirSectors = rootSecs;
  g.firstDataSector = firstData;
  g.totalSectors = total;
  g.clusterCount = clusters;
  g.fatType = type;
  g.activeFat = 0;
  g.mirrorFats = true;
  g.rootCluster = 0;
  g.fsInfoSector = 0;
  if (type === FatType.Fat32) {
    if (rootEnt !== 0) return bad('RootEntCnt', rootEnt, 'must be 0 on FAT32');
    if (fat16 !== 0) return bad('FATSz16', fat16, 'must be 0 on FAT32');
    const ver = load16(buf + Bpb.FSVer);
    if (ver !== 0) return bad('FSVer', ver, 'only version 0.0 is known');
    const ext = load16(buf + Bpb.ExtFlags);
    if ((ext & 0x80) !== 0) {
      g.mirrorFats = false;
      g.activeFat = ext & 0x0f;
      if (g.activeFat >= nfats) return bad('ExtFlags', ext, 'active FAT beyond NumFATs');
    }
    const root = load32(buf + Bpb.RootClus);
    if (root < 2 || root > clusters + 1) return bad('RootClus', root, 'not a data cluster');
    g.rootCluster = root;
    const info = load16(buf + Bpb.FSInfo);
    if (info >= 1 && info < rsvd) g.fsInfoSector = info;
  } else {
    if (rootEnt === 0) return bad('RootEntCnt', rootEnt, 'must not be 0 on FAT12/16');
  }
  return 0;
}
