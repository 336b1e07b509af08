/**
 * FatFs: the vfs FileSystem contract (packages/vfs/src/file-system.ts) over
 * a FAT12/16/32 volume.
 *
 * Locking: one sync Mutex per volume, taken by every public method for its
 * whole duration (device I/O included), so operations are atomic with
 * respect to each other; the scratch buffers below are used only under it.
 *
 * Consistency rules every operation keeps (so fsck.fat finds nothing after a
 * sync, including after ENOSPC or an I/O error midway):
 *   - a file's chain has exactly ceil(size / clusterSize) clusters (an
 *     operation that cannot finish trims what it added);
 *   - writes reach the cache in the order data, FAT, directory entry
 *     (block-cache.ts keeps that order on the way to the disk);
 *   - clusters are freed only after the directory change that stops
 *     referring to them has reached the disk (a flush first), so a crash can
 *     leave lost clusters but never an entry pointing into reused ones;
 *   - a file unlinked while open keeps its clusters until its last close.
 *
 * Corrupt volumes: every walk is bounded (cluster-chain.ts, directory.ts)
 * and every cluster and sector number is range-checked before use; problems
 * print a line naming them and return -EIO. Nothing here panics on disk
 * contents.
 */
import { Errno, NodeType, OpenFlags, PATH_MAX, NAME_MAX, type DirEntry, type FsStats, type Stat } from '@unishyper/vfs';
import { allocBytes, freeBytes, idiv, kprint, load16, load8, memcpy, memset, release, store16, store8, strByteAt, strLen, StrBuf } from '@unishyper/rt';
import type { Mutex } from '@unishyper/sync';
import type { BlockDevice } from './block-device';
import { WriteClass } from './block-cache';
import { chainLength, clusterAt, freeChain, nextCluster, runFrom } from './cluster-chain';
import { addEntry, renameInPlace, DirScan, entryName, Found, isDotEntry, isEmptyDir, isLabelEntry, lookup, removeEntry, rewriteEntry, scanNext, slotOffset, slotSector } from './directory';
import { FatValue } from './fat-table';
import { fatToUnix, type TimeSource, unixToFat } from './fat-time';
import { FileTable, OpenNode } from './file-table';
import { Attr, Dirent, FatType, MAX_FILE_SIZE } from './layout';
import { decodeUtf8, NameBuf, pushUtf8, validLongName } from './long-name';
import { makeShortName, ShortName } from './short-name';
import { MountStatus, Volume } from './volume';

/** How to mount. */
export class MountOptions {
  /** Refuse every change with EROFS (also when the device is read-only). */
  readOnly = false;
  /** Sectors in the block cache (at least 8). */
  cacheSectors = 64;
  /** Files and directories open at once, and handles. */
  maxOpenNodes = 32;
  maxHandles = 64;

  /** `lock` guards the volume (the caller owns it); `clock` stamps entries. */
  constructor(readonly lock: Mutex, readonly clock: TimeSource) {}
}

/** The result of resolving a path. */
class Resolved {
  /** The path is "" (the root). */
  isRoot = false;
  exists = false;
  /** First cluster of the directory holding the last component (0: fixed root). */
  parent = 0;
  /** `avoid` was the parent or one of its ancestors. */
  passedAvoid = false;
  readonly found: Found = new Found();

  [Symbol.dispose](): void {
    this.found[Symbol.dispose]();
    release(this.found);
  }
}

/** A directory cluster no path passes through (resolve's `avoid` when there is nothing to avoid). */
const NO_AVOID = -2;

export class FatFs {
  private readonly table: FileTable;
  private readonly scan: DirScan = new DirScan();
  private readonly resA: Resolved = new Resolved();
  private readonly resB: Resolved = new Resolved();
  private readonly nameA: NameBuf = new NameBuf();
  private readonly nameB: NameBuf = new NameBuf();
  private readonly tmp: NameBuf = new NameBuf();
  private readonly sn: ShortName = new ShortName();
  private readonly path: number;
  private readonly entry: number;
  private unmounted = false;

  private constructor(private readonly vol: Volume, private readonly lock: Mutex, opts: MountOptions) {
    this.table = new FileTable(opts.maxOpenNodes < 1 ? 1 : opts.maxOpenNodes, opts.maxHandles < 1 ? 1 : opts.maxHandles);
    this.path = allocBytes(PATH_MAX + 1, 8);
    this.entry = allocBytes(32, 8);
  }

  /** Mounts the FAT volume on `dev`: the file system, or null with the reason printed and -Errno in `status.error`. */
  static mount(dev: BlockDevice, opts: MountOptions, status: MountStatus): FatFs | null {
    opts.lock.lock();
    const vol = Volume.mount(dev, opts.cacheSectors, opts.clock, opts.readOnly, status);
    opts.lock.unlock();
    if (vol === null) return null;
    return new FatFs(vol, opts.lock, opts);
  }

  typeName(): string {
    const t = this.vol.geo.fatType;
    return t === FatType.Fat12 ? 'fat12' : t === FatType.Fat16 ? 'fat16' : 'fat32';
  }

  readOnly(): boolean {
    return this.vol.ro;
  }

  /** Clusters of the volume, free clusters, bytes per cluster: for tests and df. */
  clusterSize(): number {
    return this.vol.geo.clusterSize;
  }

  /** The volume label (from the root directory's label entry, trailing spaces dropped) into `out`; its length, 0 when none, -EIO. */
  volumeLabel(out: StrBuf): number {
    this.lock.lock();
    const r = this.labelImpl(out);
    this.lock.unlock();
    return r;
  }

  open(path: string, flags: number): number {
    this.lock.lock();
    const r = this.openImpl(path, flags);
    this.lock.unlock();
    return r;
  }

  close(handle: number): number {
    this.lock.lock();
    const r = this.closeImpl(handle);
    this.lock.unlock();
    return r;
  }

  read(handle: number, offset: number, buf: number, len: number): number {
    this.lock.lock();
    const r = this.readImpl(handle, offset, buf, len);
    this.lock.unlock();
    return r;
  }

  write(handle: number, offset: number, buf: number, len: number): number {
    this.lock.lock();
    const r = this.writeImpl(handle, offset, buf, len);
    this.lock.unlock();
    return r;
  }

  truncate(handle: number, size: number): number {
    this.lock.lock();
    const r = this.truncateImpl(handle, size);
    this.lock.unlock();
    return r;
  }

  size(handle: number): number {
    this.lock.lock();
    const h = this.table.handle(handle);
    const r = h === null ? -Errno.EBADF : this.nodeSize(this.table.nodes.get(h.node));
    this.lock.unlock();
    return r;
  }

  fstat(handle: number, out: Stat): number {
    this.lock.lock();
    const h = this.table.handle(handle);
    let r = -Errno.EBADF;
    if (h !== null) r = this.fillStatFromNode(this.table.nodes.get(h.node), out);
    this.lock.unlock();
    return r;
  }

  fsync(handle: number): number {
    this.lock.lock();
    let r = -Errno.EBADF;
    if (this.table.handle(handle) !== null) r = this.vol.sync();
    this.lock.unlock();
    return r;
  }

  readdir(handle: number, index: number, out: DirEntry): number {
    this.lock.lock();
    const r = this.readdirImpl(handle, index, out);
    this.lock.unlock();
    return r;
  }

  stat(path: string, out: Stat): number {
    this.lock.lock();
    const r = this.statImpl(path, out);
    this.lock.unlock();
    return r;
  }

  mkdir(path: string): number {
    this.lock.lock();
    const r = this.mkdirImpl(path);
    this.lock.unlock();
    return r;
  }

  rmdir(path: string): number {
    this.lock.lock();
    const r = this.removeImpl(path, true);
    this.lock.unlock();
    return r;
  }

  unlink(path: string): number {
    this.lock.lock();
    const r = this.removeImpl(path, false);
    this.lock.unlock();
    return r;
  }

  rename(from: string, to: string): number {
    this.lock.lock();
    const r = this.renameImpl(from, to);
    this.lock.unlock();
    return r;
  }

  sync(): number {
    this.lock.lock();
    const r = this.vol.sync();
    this.lock.unlock();
    return r;
  }

  statfs(out: FsStats): number {
    this.lock.lock();
    out.blockSize = this.vol.geo.clusterSize;
    out.totalBlocks = this.vol.geo.clusterCount;
    out.freeBlocks = this.vol.fat.freeCount;
    this.lock.unlock();
    return 0;
  }

  /** Open handles (for tests and unmount checks). */
  openHandles(): number {
    return this.table.openHandles();
  }

  /**
   * Syncs and releases everything the mount holds (handles still open are
   * dropped; files unlinked while open lose their clusters). Returns the
   * sync's status. The object must not be used afterwards except to release it.
   */
  unmount(): number {
    if (this.unmounted) return 0;
    this.lock.lock();
    for (let i = 0; i < this.table.handles.length; i++) {
      if (this.table.handles.get(i).node >= 0) this.closeImpl(i);
    }
    const r = this.vol.sync();
    this.unmounted = true;
    this.vol[Symbol.dispose]();
    release(this.vol);
    this.table[Symbol.dispose]();
    release(this.table);
    this.scan[Symbol.dispose]();
    release(this.scan);
    this.resA[Symbol.dispose]();
    release(this.resA);
    this.resB[Symbol.dispose]();
    release(this.resB);
    this.nameA[Symbol.dispose]();
    release(this.nameA);
    this.nameB[Symbol.dispose]();
    release(this.nameB);
    this.tmp[Symbol.dispose]();
    release(this.tmp);
    this.sn[Symbol.dispose]();
    release(this.sn);
    freeBytes(this.path);
    freeBytes(this.entry);
    this.lock.unlock();
    return r;
  }

  [Symbol.dispose](): void {
    this.unmount();
  }

  // ---- paths ----------------------------------------------------------------

  /** Copies `s` into the path buffer; its length or -ENAMETOOLONG. */
  private loadPath(s: string, at: number): number {
    const n = strLen(s);
    if (at + n > PATH_MAX) return -Errno.ENAMETOOLONG;
    for (let i = 0; i < n; i++) store8(this.path + at + i, strByteAt(s, i));
    return n;
  }

  /** Decodes the component [start, start+len) of the path buffer into `name` (trailing dots dropped, as vfat does). */
  private component(start: number, len: number, name: NameBuf): number {
    if (len === 0) return -Errno.ENOENT;
    if (len > NAME_MAX) return -Errno.ENAMETOOLONG;
    const r = decodeUtf8(this.path + start, len, name);
    if (r < 0) return r;
    while (name.len > 0 && name.at(name.len - 1) === 0x2e) name.len = name.len - 1;
    if (name.len === 0) return -Errno.EINVAL;
    return 0;
  }

  /**
   * Resolves the path of `len` bytes at `start` of the path buffer into
   * `out` (the last component's name in `name`); notes whether directory
   * `avoid` is the parent or an ancestor. -ENOENT, -ENOTDIR, -EINVAL, -EIO.
   */
  private resolve(start: number, len: number, out: Resolved, name: NameBuf, avoid: number): number {
    out.isRoot = len === 0;
    out.exists = len === 0;
    out.passedAvoid = false;
    let dir = this.vol.rootFirst();
    out.parent = dir;
    if (len === 0) return 0;
    let i = start;
    const end = start + len;
    for (;;) {
      let j = i;
      while (j < end && load8(this.path + j) !== 0x2f) j++;
      const c = this.component(i, j - i, name);
      if (c < 0) return c;
      if (dir === avoid) out.passedAvoid = true;
      const r = lookup(this.vol, dir, name, this.scan, this.tmp);
      if (r < 0) return r;
      if (j >= end) {
        out.parent = dir;
        out.exists = r === 1;
        if (r === 1) out.found.copyFrom(this.scan.found);
        return 0;
      }
      if (r === 0) return -Errno.ENOENT;
      if (!this.scan.found.isDir()) return -Errno.ENOTDIR;
      const next = this.scan.found.firstCluster();
      if (!this.vol.fat.isCluster(next)) {
        kprint`fatfs: directory entry at slot ${this.scan.found.slot} of directory ${dir} points at cluster ${next}, outside the volume\n`;
        return -Errno.EIO;
      }
      dir = next;
      i = j + 1;
    }
  }

  // ---- nodes ------------------------------------------------------------------

  private nodeSize(n: OpenNode): number {
    if (!n.isDir) return n.size;
    if (n.dir === -1 && this.vol.geo.fatType !== FatType.Fat32) return this.vol.geo.rootDirSectors * this.vol.geo.sectorSize;
    return n.clusters * this.vol.geo.clusterSize;
  }

  /** Inode number of the entry at `slot` of directory `dir` (1 for the root). */
  private inoOf(dir: number, slot: number): number {
    if (dir === -1) return 1;
    const sec = slotSector(this.vol, dir, slot, this.scan.hint);
    this.scan.hint.reset();
    if (sec < 0) return 2;
    return sec * 128 + idiv(slotOffset(this.vol, slot), 32) + 2;
  }

  /**
   * The node for the entry `f` (or the root when `f` is null), opening it
   * (checking its chain) if it is not open yet: a node index, -EMFILE, -EIO.
   */
  private nodeFor(f: Found | null): number {
    const dir = f === null ? -1 : f.dir;
    const slot = f === null ? -1 : f.slot;
    const open = this.table.findAt(dir, slot);
    if (open >= 0) return open;
    const idx = this.table.freeNode();
    if (idx < 0) return -Errno.EMFILE;
    const n = this.table.nodes.get(idx);
    n.dir = dir;
    n.slot = slot;
    n.unlinked = false;
    n.hint.reset();
    const g = this.vol.geo;
    if (f === null) {
      memset(n.raw, 0, 32);
      store8(n.raw + Dirent.Attr, Attr.Directory);
      n.isDir = true;
      n.first = this.vol.rootFirst();
      n.size = 0;
      n.clusters = n.first === 0 ? 0 : chainLength(this.vol.fat, n.first, g.clusterCount);
      if (n.clusters < 0) return n.clusters;
      n.ino = 1;
      return idx;
    }
    n.setRaw(f.raw);
    n.isDir = f.isDir();
    n.size = n.isDir ? 0 : f.size();
    if (n.isDir && !this.vol.fat.isCluster(n.first)) {
      kprint`fatfs: directory entry at slot ${slot} of directory ${dir} points at cluster ${n.first}, outside the volume\n`;
      return -Errno.EIO;
    }
    if (n.first !== 0 && !this.vol.fat.isCluster(n.first)) {
      kprint`fatfs: file entry at slot ${slot} of directory ${dir} points at cluster ${n.first}, outside the volume\n`;
      return -Errno.EIO;
    }
    const len = chainLength(this.vol.fat, n.first, g.clusterCount);
    if (len < 0) return len;
    n.clusters = len;
    if (!n.isDir && n.size > len * g.clusterSize) {
      kprint`fatfs: file at slot ${slot} of directory ${dir} has size ${n.size} but only ${len} clusters\n`;
      return -Errno.EIO;
    }
    n.ino = this.inoOf(dir, slot);
    return idx;
  }

  /** Writes the node's first cluster, size and times back to its directory entry (when it has one). */
  private storeNode(n: OpenNode, touch: boolean): number {
    n.storeLayout();
    if (touch) {
      const now = unixToFat(this.vol.clock.nowSeconds());
      store16(n.raw + Dirent.WrtTime, now & 0xffff);
      store16(n.raw + Dirent.WrtDate, (now >> 16) & 0xffff);
      store8(n.raw + Dirent.Attr, load8(n.raw + Dirent.Attr) | Attr.Archive);
    }
    if (n.unlinked || n.dir === -1) return 0;
    return rewriteEntry(this.vol, n.dir, n.slot, n.raw, this.scan.hint);
  }

  // ---- open / close ------------------------------------------------------------

  private openImpl(p: string, flags: number): number {
    const access = flags & OpenFlags.ReadWrite;
    if (access === 0) return -Errno.EINVAL;
    const wantWrite = (flags & OpenFlags.Write) !== 0;
    const len = this.loadPath(p, 0);
    if (len < 0) return len;
    const res = this.resA;
    const r = this.resolve(0, len, res, this.nameA, NO_AVOID);
    if (r < 0) return r;
    if (res.isRoot) {
      if (wantWrite) return -Errno.EISDIR;
      if ((flags & OpenFlags.Create) !== 0 && (flags & OpenFlags.Exclusive) !== 0) return -Errno.EEXIST;
      return this.newHandle(this.nodeFor(null), flags);
    }
    let created = false;
    if (res.exists) {
      if ((flags & OpenFlags.Create) !== 0 && (flags & OpenFlags.Exclusive) !== 0) return -Errno.EEXIST;
      if (res.found.isDir()) {
        if (wantWrite || (flags & OpenFlags.Truncate) !== 0) return -Errno.EISDIR;
      } else if (wantWrite) {
        if (this.vol.ro) return -Errno.EROFS;
        if ((res.found.attr() & Attr.ReadOnly) !== 0) return -Errno.EPERM;
      }
    } else {
      if ((flags & OpenFlags.Create) === 0) return -Errno.ENOENT;
      if (this.vol.ro) return -Errno.EROFS;
      if (!validLongName(this.nameA)) return -Errno.EINVAL;
      makeShortName(this.nameA, this.sn);
      const now = unixToFat(this.vol.clock.nowSeconds());
      const slot = addEntry(this.vol, res.parent, this.nameA, this.sn, Attr.Archive, 0, 0, now, this.scan);
      if (slot < 0) return slot;
      const got = this.readEntry(res.parent, slot, res.found);
      if (got < 0) return got;
      created = true;
    }
    const idx = this.nodeFor(res.found);
    if (idx < 0) return idx;
    const n = this.table.nodes.get(idx);
    if (!created && !n.isDir && wantWrite && (flags & OpenFlags.Truncate) !== 0 && n.size > 0) {
      const t = this.shrink(n, 0);
      if (t < 0) return t;
    }
    return this.newHandle(idx, flags);
  }

  /** Reads the entry at `slot` of directory `dir` into `f`. */
  private readEntry(dir: number, slot: number, f: Found): number {
    this.scan.hint.reset();
    const sec = slotSector(this.vol, dir, slot, this.scan.hint);
    if (sec < 0) return sec === -Errno.ENOENT ? -Errno.EIO : sec;
    const p = this.vol.cache.get(sec);
    if (p < 0) return p;
    memcpy(f.raw, p + slotOffset(this.vol, slot), 32);
    f.dir = dir;
    f.slot = slot;
    f.lfnStart = slot;
    return 0;
  }

  private newHandle(idx: number, flags: number): number {
    if (idx < 0) return idx;
    const h = this.table.freeHandle();
    if (h < 0) return -Errno.EMFILE;
    const x = this.table.handles.get(h);
    x.node = idx;
    x.flags = flags;
    x.rdIndex = -1;
    x.rdSlot = 0;
    const n = this.table.nodes.get(idx);
    n.refs = n.refs + 1;
    return h;
  }

  private closeImpl(handle: number): number {
    const h = this.table.handle(handle);
    if (h === null) return -Errno.EBADF;
    const n = this.table.nodes.get(h.node);
    h.node = -1;
    n.refs = n.refs - 1;
    if (n.refs > 0 || !n.unlinked) return 0;
    // Last close of an unlinked node: its entry is gone; free its clusters after that is on disk.
    if (this.vol.ro || n.first === 0) return 0;
    const f = this.vol.cache.flushAll();
    if (f < 0) return f;
    const r = freeChain(this.vol.fat, n.first, this.vol.geo.clusterCount);
    n.first = 0;
    return r < 0 ? r : 0;
  }

  // ---- data ----------------------------------------------------------------------

  /**
   * Moves `len` bytes at file offset `pos` of `n`: mode 0 reads into `buf`,
   * 1 writes from `buf`, 2 writes zeros. The clusters must exist. Returns
   * the bytes moved (short on an error after some progress) or -EIO.
   */
  private transfer(n: OpenNode, pos: number, buf: number, len: number, mode: number): number {
    const g = this.vol.geo;
    let done = 0;
    while (done < len) {
      const at = pos + done;
      const ci = idiv(at, g.clusterSize);
      const c = clusterAt(this.vol.fat, n.first, ci, n.hint, g.clusterCount);
      if (c < 0) return done > 0 ? done : c;
      const inCluster = at - ci * g.clusterSize;
      const sector = g.clusterSector(c) + idiv(inCluster, g.sectorSize);
      const inSector = inCluster % g.sectorSize;
      if (mode !== 2 && inSector === 0 && len - done >= g.sectorSize) {
        // Whole sectors: straight between the caller's memory and the device,
        // across as many consecutive clusters as the chain has, in one request.
        const moved = this.direct(n, ci, sector, inCluster, buf + done, idiv(len - done, g.sectorSize), mode);
        if (moved < 0) return done > 0 ? done : moved;
        done += moved;
        continue;
      }
      let chunk = g.sectorSize - inSector;
      if (chunk > len - done) chunk = len - done;
      let p = 0;
      if (mode === 0) p = this.vol.cache.get(sector);
      else if (chunk === g.sectorSize) p = this.vol.cache.getForOverwrite(sector, WriteClass.Data);
      else p = this.vol.cache.getForWrite(sector, WriteClass.Data);
      if (p < 0) return done > 0 ? done : p;
      if (mode === 0) memcpy(buf + done, p + inSector, chunk);
      else if (mode === 1) memcpy(p + inSector, buf + done, chunk);
      else memset(p + inSector, 0, chunk);
      done += chunk;
    }
    return done;
  }

  /**
   * Moves up to `sectors` whole sectors of `n` from `sector` (at byte
   * `inCluster` of file cluster `ci`), as far as the clusters from `ci` on
   * are consecutive on disk, bypassing the cache (which keeps its copies
   * right: block-cache.ts readThrough/writeThrough). Returns the bytes moved
   * or -EIO. Data reaching the disk before the FAT and the entry that point
   * at it is the order crash safety needs anyway.
   */
  private direct(n: OpenNode, ci: number, sector: number, inCluster: number, buf: number, sectors: number, mode: number): number {
    const g = this.vol.geo;
    const perCluster = idiv(g.clusterSize, g.sectorSize);
    let count = perCluster - idiv(inCluster, g.sectorSize);
    if (count < sectors) {
      const run = runFrom(this.vol.fat, n.first, ci, 1 + idiv(sectors - count + perCluster - 1, perCluster), n.hint, g.clusterCount);
      if (run < 0) return run;
      count += (run - 1) * perCluster;
    }
    if (count > sectors) count = sectors;
    const r = mode === 0 ? this.vol.cache.readThrough(sector, count, buf) : this.vol.cache.writeThrough(sector, count, buf);
    return r < 0 ? r : count * g.sectorSize;
  }

  /** Clusters needed for `size` bytes. */
  private clustersFor(size: number): number {
    return idiv(size + this.vol.geo.clusterSize - 1, this.vol.geo.clusterSize);
  }

  /** Appends clusters until `n` has `want`; 0, -ENOSPC or -EIO (what was added stays; the caller trims). */
  private grow(n: OpenNode, want: number): number {
    const g = this.vol.geo;
    while (n.clusters < want) {
      const c = this.vol.fat.alloc();
      if (c < 0) return c;
      if (n.clusters === 0) {
        n.first = c;
        n.hint.reset();
        n.hint.index = 0;
        n.hint.cluster = c;
        n.hint.note(0, c);
      } else {
        const last = clusterAt(this.vol.fat, n.first, n.clusters - 1, n.hint, g.clusterCount);
        if (last < 0) {
          this.vol.fat.set(c, FatValue.FREE);
          return last;
        }
        const r = this.vol.fat.link(last, c);
        if (r < 0) {
          this.vol.fat.set(c, FatValue.FREE);
          return r;
        }
        n.hint.index = n.clusters;
        n.hint.cluster = c;
        n.hint.note(n.clusters, c);
      }
      n.clusters = n.clusters + 1;
    }
    return 0;
  }

  /** Frees clusters beyond `keep` that were never referenced by the entry on disk (no flush needed). */
  private trimUnused(n: OpenNode, keep: number): number {
    if (n.clusters <= keep) return 0;
    const g = this.vol.geo;
    let r = 0;
    if (keep === 0) {
      r = freeChain(this.vol.fat, n.first, g.clusterCount);
      n.first = 0;
    } else {
      const last = clusterAt(this.vol.fat, n.first, keep - 1, n.hint, g.clusterCount);
      if (last < 0) return last;
      const next = nextCluster(this.vol.fat, n.first, last);
      r = this.vol.fat.endChain(last);
      if (r >= 0 && next > 0) r = freeChain(this.vol.fat, next, g.clusterCount);
    }
    n.clusters = keep;
    n.hint.reset();
    return r;
  }

  private readImpl(handle: number, offset: number, buf: number, len: number): number {
    const h = this.table.handle(handle);
    if (h === null || (h.flags & OpenFlags.Read) === 0) return -Errno.EBADF;
    const n = this.table.nodes.get(h.node);
    if (n.isDir) return -Errno.EISDIR;
    if (offset < 0 || len < 0) return -Errno.EINVAL;
    if (offset >= n.size || len === 0) return 0;
    let count = len;
    if (count > n.size - offset) count = n.size - offset;
    return this.transfer(n, offset, buf, count, 0);
  }

  private writable(handle: number): OpenNode | null {
    const h = this.table.handle(handle);
    if (h === null || (h.flags & OpenFlags.Write) === 0) return null;
    return this.table.nodes.get(h.node);
  }

  private writeImpl(handle: number, offset: number, buf: number, len: number): number {
    const n = this.writable(handle);
    if (n === null) return -Errno.EBADF;
    if (n.isDir) return -Errno.EISDIR;
    if (this.vol.ro) return -Errno.EROFS;
    if (offset < 0 || len < 0) return -Errno.EINVAL;
    if (len === 0) return 0;
    if (offset >= MAX_FILE_SIZE) return -Errno.EFBIG;
    let count = len;
    if (count > MAX_FILE_SIZE - offset) count = MAX_FILE_SIZE - offset;
    const g = this.vol.geo;
    const oldSize = n.size;
    const r = this.grow(n, this.clustersFor(offset + count));
    if (r < 0) {
      // Write what fits in the clusters we have; trim the rest.
      const room = n.clusters * g.clusterSize - offset;
      if (r !== -Errno.ENOSPC || room <= 0) {
        this.trimUnused(n, this.clustersFor(oldSize));
        return r;
      }
      count = room;
    }
    if (offset > oldSize) {
      const z = this.transfer(n, oldSize, 0, offset - oldSize, 2);
      if (z < offset - oldSize) {
        this.trimUnused(n, this.clustersFor(oldSize));
        return z < 0 ? z : -Errno.EIO;
      }
    }
    const w = this.transfer(n, offset, buf, count, 1);
    if (w <= 0) {
      this.trimUnused(n, this.clustersFor(oldSize));
      return w < 0 ? w : -Errno.EIO;
    }
    if (offset + w > n.size) n.size = offset + w;
    const t = this.trimUnused(n, this.clustersFor(n.size));
    if (t < 0) return t;
    const s = this.storeNode(n, true);
    if (s < 0) return s;
    return w;
  }

  private truncateImpl(handle: number, size: number): number {
    const n = this.writable(handle);
    if (n === null) return -Errno.EBADF;
    if (n.isDir) return -Errno.EISDIR;
    if (this.vol.ro) return -Errno.EROFS;
    if (size < 0) return -Errno.EINVAL;
    if (size > MAX_FILE_SIZE) return -Errno.EFBIG;
    if (size === n.size) return 0;
    if (size < n.size) return this.shrink(n, size);
    const oldSize = n.size;
    const r = this.grow(n, this.clustersFor(size));
    if (r < 0) {
      this.trimUnused(n, this.clustersFor(oldSize));
      return r;
    }
    const z = this.transfer(n, oldSize, 0, size - oldSize, 2);
    if (z < size - oldSize) {
      this.trimUnused(n, this.clustersFor(oldSize));
      return z < 0 ? z : -Errno.EIO;
    }
    n.size = size;
    return this.storeNode(n, true);
  }

  /** Cuts `n` to `size` bytes: entry first (and on disk), then the FAT. */
  private shrink(n: OpenNode, size: number): number {
    const keep = this.clustersFor(size);
    const oldFirst = n.first;
    n.size = size;
    if (keep === 0) n.first = 0;
    const s = this.storeNode(n, true);
    if (s < 0) return s;
    if (n.clusters <= keep) return 0;
    const f = this.vol.cache.flushAll();
    if (f < 0) return f;
    const g = this.vol.geo;
    let r = 0;
    if (keep === 0) {
      r = freeChain(this.vol.fat, oldFirst, g.clusterCount);
    } else {
      const last = clusterAt(this.vol.fat, n.first, keep - 1, n.hint, g.clusterCount);
      if (last < 0) return last;
      const next = nextCluster(this.vol.fat, n.first, last);
      if (next < 0) return next;
      r = this.vol.fat.endChain(last);
      if (r >= 0 && next > 0) r = freeChain(this.vol.fat, next, g.clusterCount);
    }
    n.clusters = keep;
    n.hint.reset();
    return r < 0 ? r : 0;
  }

  // ---- stat / readdir ------------------------------------------------------------

  private fillStat(raw: number, isDir: boolean, size: number, clusters: number, ino: number, out: Stat): void {
    const g = this.vol.geo;
    out.type = isDir ? NodeType.Directory : NodeType.File;
    out.size = size;
    out.allocated = clusters * g.clusterSize;
    let mode = isDir ? 0o755 : 0o644;
    if ((load8(raw + Dirent.Attr) & Attr.ReadOnly) !== 0 || this.vol.ro) mode = mode & ~0o222;
    out.mode = mode;
    out.ino = ino;
    if (load16(raw + Dirent.WrtDate) === 0 && isDir && ino === 1) {
      out.mtime = 0;
      out.atime = 0;
      out.ctime = 0;
      return;
    }
    out.mtime = fatToUnix(load16(raw + Dirent.WrtDate), load16(raw + Dirent.WrtTime));
    out.atime = fatToUnix(load16(raw + Dirent.LstAccDate), 0);
    out.ctime = fatToUnix(load16(raw + Dirent.CrtDate), load16(raw + Dirent.CrtTime)) + (load8(raw + Dirent.CrtTimeTenth) >= 100 ? 1 : 0);
  }

  private fillStatFromNode(n: OpenNode, out: Stat): number {
    if (n.dir === -1 && this.vol.geo.fatType !== FatType.Fat32) {
      this.fillStat(n.raw, true, this.nodeSize(n), 0, 1, out);
      out.allocated = out.size;
      return 0;
    }
    this.fillStat(n.raw, n.isDir, this.nodeSize(n), n.clusters, n.ino, out);
    return 0;
  }

  private statImpl(p: string, out: Stat): number {
    const len = this.loadPath(p, 0);
    if (len < 0) return len;
    const res = this.resA;
    const r = this.resolve(0, len, res, this.nameA, NO_AVOID);
    if (r < 0) return r;
    if (!res.exists) return -Errno.ENOENT;
    const open = res.isRoot ? this.table.findAt(-1, -1) : this.table.findAt(res.found.dir, res.found.slot);
    if (open >= 0) return this.fillStatFromNode(this.table.nodes.get(open), out);
    // Not open: measure it without taking a node (stat works with every node in use).
    const g = this.vol.geo;
    if (res.isRoot) {
      memset(this.entry, 0, 32);
      if (g.fatType !== FatType.Fat32) {
        this.fillStat(this.entry, true, g.rootDirSectors * g.sectorSize, 0, 1, out);
        out.allocated = out.size;
        return 0;
      }
      const n = chainLength(this.vol.fat, g.rootCluster, g.clusterCount);
      if (n < 0) return n;
      this.fillStat(this.entry, true, n * g.clusterSize, n, 1, out);
      return 0;
    }
    const f = res.found;
    const first = f.firstCluster();
    if ((f.isDir() || first !== 0) && !this.vol.fat.isCluster(first)) {
      kprint`fatfs: entry at slot ${f.slot} of directory ${f.dir} points at cluster ${first}, outside the volume\n`;
      return -Errno.EIO;
    }
    const n = chainLength(this.vol.fat, first, g.clusterCount);
    if (n < 0) return n;
    this.fillStat(f.raw, f.isDir(), f.isDir() ? n * g.clusterSize : f.size(), n, this.inoOf(f.dir, f.slot), out);
    return 0;
  }

  private readdirImpl(handle: number, index: number, out: DirEntry): number {
    const h = this.table.handle(handle);
    if (h === null) return -Errno.EBADF;
    const n = this.table.nodes.get(h.node);
    if (!n.isDir) return -Errno.ENOTDIR;
    if (index < 0) return -Errno.EINVAL;
    if (n.unlinked) return 0;
    const scan = this.scan;
    scan.start(n.first);
    let at = 0;
    if (h.rdIndex >= 0 && index === h.rdIndex + 1) {
      scan.seek(h.rdSlot + 1);
      at = index;
    }
    for (;;) {
      const r = scanNext(this.vol, scan);
      if (r <= 0) {
        h.rdIndex = -1;
        return r;
      }
      const raw = scan.found.raw;
      if (isDotEntry(raw) || isLabelEntry(raw)) continue;
      if (at === index) break;
      at++;
    }
    const f = scan.found;
    out.type = f.isDir() ? NodeType.Directory : NodeType.File;
    out.size = f.isDir() ? 0 : f.size();
    out.name.clear();
    entryName(scan, this.tmp);
    pushUtf8(this.tmp, out.name);
    h.rdIndex = index;
    h.rdSlot = f.slot;
    return 1;
  }

  private labelImpl(out: StrBuf): number {
    const scan = this.scan;
    scan.start(this.vol.rootFirst());
    for (;;) {
      const r = scanNext(this.vol, scan);
      if (r < 0) return r;
      if (r === 0) return 0;
      const raw = scan.found.raw;
      if (!isLabelEntry(raw)) continue;
      let end = 11;
      while (end > 0 && load8(raw + end - 1) === 0x20) end--;
      for (let i = 0; i < end; i++) {
        const b = load8(raw + i);
        out.pushByte(b < 0x80 ? b : 0x3f);
      }
      return end;
    }
  }

  // ---- namespace changes -----------------------------------------------------------

  private mkdirImpl(p: string): number {
    if (this.vol.ro) return -Errno.EROFS;
    const len = this.loadPath(p, 0);
    if (len < 0) return len;
    const res = this.resA;
    const r = this.resolve(0, len, res, this.nameA, NO_AVOID);
    if (r < 0) return r;
    if (res.exists) return -Errno.EEXIST;
    if (!validLongName(this.nameA)) return -Errno.EINVAL;
    const vol = this.vol;
    const g = vol.geo;
    const c = vol.fat.alloc();
    if (c < 0) return c;
    const now = unixToFat(vol.clock.nowSeconds());
    // The new cluster: zeros, "." and ".." (spec: ".." of a child of the root holds 0).
    const s0 = g.clusterSector(c);
    for (let s = 0; s < g.secPerClus; s++) {
      const z = vol.cache.getZeroed(s0 + s, WriteClass.Data);
      if (z < 0) {
        vol.fat.set(c, FatValue.FREE);
        return z;
      }
    }
    const e = vol.cache.getForWrite(s0, WriteClass.Data);
    if (e < 0) {
      vol.fat.set(c, FatValue.FREE);
      return e;
    }
    const parentRef = res.parent === vol.rootFirst() ? 0 : res.parent;
    this.dotEntry(e, 1, c, now);
    this.dotEntry(e + 32, 2, parentRef, now);
    makeShortName(this.nameA, this.sn);
    const slot = addEntry(vol, res.parent, this.nameA, this.sn, Attr.Directory, c, 0, now, this.scan);
    if (slot < 0) {
      vol.fat.set(c, FatValue.FREE);
      return slot;
    }
    return 0;
  }

  /** Writes "." (dots = 1) or ".." (dots = 2) pointing at `cluster` at `e`. */
  private dotEntry(e: number, dots: number, cluster: number, now: number): void {
    for (let i = 0; i < 11; i++) store8(e + i, i < dots ? 0x2e : 0x20);
    store8(e + Dirent.Attr, Attr.Directory);
    store16(e + Dirent.CrtTime, now & 0xffff);
    store16(e + Dirent.CrtDate, (now >> 16) & 0xffff);
    store16(e + Dirent.LstAccDate, (now >> 16) & 0xffff);
    store16(e + Dirent.WrtTime, now & 0xffff);
    store16(e + Dirent.WrtDate, (now >> 16) & 0xffff);
    store16(e + Dirent.FstClusHI, (cluster >> 16) & 0xffff);
    store16(e + Dirent.FstClusLO, cluster & 0xffff);
  }

  /** Frees the clusters of a removed entry's chain unless a node keeps them (it is then marked unlinked). */
  private dropRemoved(dir: number, slot: number, first: number): number {
    const open = this.table.findAt(dir, slot);
    if (open >= 0) {
      const n = this.table.nodes.get(open);
      n.unlinked = true;
      n.dir = -2;
      n.slot = -2;
      return 0;
    }
    if (first === 0) return 0;
    const f = this.vol.cache.flushAll();
    if (f < 0) return f;
    return freeChain(this.vol.fat, first, this.vol.geo.clusterCount);
  }

  private removeImpl(p: string, wantDir: boolean): number {
    if (this.vol.ro) return -Errno.EROFS;
    const len = this.loadPath(p, 0);
    if (len < 0) return len;
    const res = this.resA;
    const r = this.resolve(0, len, res, this.nameA, NO_AVOID);
    if (r < 0) return r;
    if (res.isRoot) return wantDir ? -Errno.EBUSY : -Errno.EISDIR;
    if (!res.exists) return -Errno.ENOENT;
    const f = res.found;
    if (wantDir) {
      if (!f.isDir()) return -Errno.ENOTDIR;
      if (!this.vol.fat.isCluster(f.firstCluster())) {
        kprint`fatfs: directory entry at slot ${f.slot} of directory ${f.dir} points at cluster ${f.firstCluster()}, outside the volume\n`;
        return -Errno.EIO;
      }
      const e = isEmptyDir(this.vol, f.firstCluster(), this.scan);
      if (e < 0) return e;
      if (e === 0) return -Errno.ENOTEMPTY;
    } else if (f.isDir()) {
      return -Errno.EISDIR;
    }
    const first = f.firstCluster();
    if (first !== 0 && !this.vol.fat.isCluster(first)) {
      kprint`fatfs: entry at slot ${f.slot} of directory ${f.dir} points at cluster ${first}, outside the volume\n`;
      return -Errno.EIO;
    }
    const rm = removeEntry(this.vol, f, this.scan.hint);
    if (rm < 0) return rm;
    return this.dropRemoved(f.dir, f.slot, first);
  }

  /** Undoes removeEntry(f): long-name ordinals are recomputed, the short entry's first byte comes from f.raw. */
  private restoreEntry(f: Found): void {
    const count = f.slot - f.lfnStart;
    this.scan.hint.reset();
    for (let slot = f.lfnStart; slot <= f.slot; slot++) {
      const sec = slotSector(this.vol, f.dir, slot, this.scan.hint);
      if (sec < 0) return;
      const p = this.vol.cache.getForWrite(sec, WriteClass.Dir);
      if (p < 0) return;
      const i = slot - f.lfnStart;
      store8(p + slotOffset(this.vol, slot), slot === f.slot ? load8(f.raw) : i === 0 ? (count - i) | 0x40 : count - i);
    }
  }

  private renameImpl(from: string, to: string): number {
    if (this.vol.ro) return -Errno.EROFS;
    const fromLen = this.loadPath(from, 0);
    if (fromLen < 0) return fromLen;
    const toLen = this.loadPath(to, fromLen);
    if (toLen < 0) return toLen;
    const a = this.resA;
    const b = this.resB;
    let r = this.resolve(0, fromLen, a, this.nameA, NO_AVOID);
    if (r < 0) return r;
    if (a.isRoot) return -Errno.EBUSY;
    if (!a.exists) return -Errno.ENOENT;
    const movingDir = a.found.isDir();
    const aFirst = a.found.firstCluster();
    if (movingDir && !this.vol.fat.isCluster(aFirst)) {
      kprint`fatfs: directory entry at slot ${a.found.slot} of directory ${a.found.dir} points at cluster ${aFirst}, outside the volume\n`;
      return -Errno.EIO;
    }
    r = this.resolve(fromLen, toLen, b, this.nameB, movingDir ? aFirst : NO_AVOID);
    if (r < 0) return r;
    if (b.isRoot) return -Errno.EBUSY;
    if (b.passedAvoid) return -Errno.EINVAL;
    if (!validLongName(this.nameB)) return -Errno.EINVAL;
    const same = b.exists && b.found.dir === a.found.dir && b.found.slot === a.found.slot;
    if (same && sameUnits(this.nameA, this.nameB)) return 0;
    let replacedFirst = 0;
    let replacedOpen = -1;
    let replacing = false;
    if (b.exists && !same) {
      const bDir = b.found.isDir();
      if (movingDir && !bDir) return -Errno.ENOTDIR;
      if (!movingDir && bDir) return -Errno.EISDIR;
      replacedFirst = b.found.firstCluster();
      if (replacedFirst !== 0 && !this.vol.fat.isCluster(replacedFirst)) {
        kprint`fatfs: entry at slot ${b.found.slot} of directory ${b.found.dir} points at cluster ${replacedFirst}, outside the volume\n`;
        return -Errno.EIO;
      }
      if (bDir) {
        const e = isEmptyDir(this.vol, replacedFirst, this.scan);
        if (e < 0) return e;
        if (e === 0) return -Errno.ENOTEMPTY;
      }
      replacing = true;
      const rm = removeEntry(this.vol, b.found, this.scan.hint);
      if (rm < 0) return rm;
      // The replaced node (if open) keeps its clusters until its last close.
      replacedOpen = this.table.findAt(b.found.dir, b.found.slot);
      if (replacedOpen >= 0) {
        const n = this.table.nodes.get(replacedOpen);
        n.unlinked = true;
        n.dir = -2;
        n.slot = -2;
      }
    }
    // Within one directory, a rename that fits the old entry's sector is one sector write (crash-atomic).
    if (!b.exists && b.parent === a.found.dir) {
      makeShortName(this.nameB, this.sn);
      const inPlace = renameInPlace(this.vol, a.found, this.nameB, this.sn, a.found.raw, this.scan);
      if (inPlace < 0) return inPlace;
      if (inPlace > 0) return 0;
    }
    // A change of case only: the old entry goes first (its short name would collide with the new one).
    if (same) {
      r = removeEntry(this.vol, a.found, this.scan.hint);
      if (r < 0) return r;
    }
    // The new entry: the new name with the old entry's attributes, cluster, size and times.
    makeShortName(this.nameB, this.sn);
    const now = unixToFat(this.vol.clock.nowSeconds());
    const slot = addEntry(this.vol, b.parent, this.nameB, this.sn, a.found.attr(), aFirst, a.found.size(), now, this.scan);
    if (slot < 0) {
      if (same) this.restoreEntry(a.found);
      return slot;
    }
    memcpy(this.entry, a.found.raw, 32);
    store8(this.entry + Dirent.NTRes, this.sn.nt);
    r = rewriteEntry(this.vol, b.parent, slot, this.entry, this.scan.hint);
    if (r < 0) return r;
    // A moved directory's ".." names its new parent.
    if (movingDir && b.parent !== a.found.dir) {
      const sec = this.vol.geo.clusterSector(aFirst);
      const p = this.vol.cache.getForWrite(sec, WriteClass.Dir);
      if (p < 0) return p;
      if (load8(p + 32) === 0x2e && load8(p + 33) === 0x2e) {
        const parentRef = b.parent === this.vol.rootFirst() ? 0 : b.parent;
        store16(p + 32 + Dirent.FstClusHI, (parentRef >> 16) & 0xffff);
        store16(p + 32 + Dirent.FstClusLO, parentRef & 0xffff);
      }
    }
    if (!same) {
      // Both names are on disk before the old one goes (a crash leaves two names, never none).
      r = this.vol.cache.flushAll();
      if (r < 0) return r;
      r = removeEntry(this.vol, a.found, this.scan.hint);
      if (r < 0) return r;
    }
    this.table.relocate(a.found.dir, a.found.slot, b.parent, slot);
    if (replacing && replacedOpen < 0 && replacedFirst !== 0) {
      r = this.vol.cache.flushAll();
      if (r < 0) return r;
      r = freeChain(this.vol.fat, replacedFirst, this.vol.geo.clusterCount);
      if (r < 0) return r;
    }
    return 0;
  }
}

/** Byte-exact equality of two names. */
function sameUnits(a: NameBuf, b: NameBuf): boolean {
  if (a.len !== b.len) return false;
  for (let i = 0; i < a.len; i++) {
    if (a.at(i) !== b.at(i)) return false;
  }
  return true;
}

export { MountStatus };
