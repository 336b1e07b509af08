/**
 * Directories: reading entries in order (with long names), looking a name
 * up, adding an entry set (long-name entries + short entry), removing one,
 * and choosing a short name that collides with nothing (Microsoft FAT spec
 * 1.03, "FAT Directory Structure" and "FAT Long Directory Entries").
 *
 * A directory is named by its first cluster; 0 is the FAT12/16 fixed root
 * region (rootEntries slots). Slot n is the n-th 32-byte entry. Walks are
 * bounded: a directory has at most 65,536 slots (spec) and its chain is
 * followed through cluster-chain.ts, so a looping or broken chain is -EIO,
 * never a hang. An entry whose first byte is 0x00 ends the directory;
 * 0xE5 is free. Lookups compare names ignoring ASCII case, against the long
 * name and the short name as shown, as vfat does; "." and ".." and the
 * volume label are never matched.
 *
 * Writes: new entries dirty their sectors with class Dir; a directory grows
 * by whole zeroed clusters (class Data, so their zeros reach the disk before
 * the FAT link and before any entry that is written into them).
 */
import { Errno } from '@unishyper/vfs';
import { allocBytes, freeBytes, idiv, load16, load32, load8, memcpy, memset, release, store16, store32, store8 } from '@unishyper/rt';
import { WriteClass } from './block-cache';
import { ChainHint, nextCluster } from './cluster-chain';
import { FatValue } from './fat-table';
import { Attr, Dirent, MAX_DIR_ENTRIES } from './layout';
import { lfnChecksum, lfnEntriesFor, LfnReader, NameBuf, sameName, writeLfnEntry } from './long-name';
import { shortDisplayName, ShortName } from './short-name';
import type { Volume } from './volume';

/** A directory entry found on disk: where it is and a copy of its 32 bytes. */
export class Found {
  /** First cluster of the directory holding it (0: fixed root). */
  dir = 0;
  /** Slot of the short entry. */
  slot = 0;
  /** First slot of its entry set (its first long-name entry, or `slot`). */
  lfnStart = 0;
  readonly raw: number;

  constructor() {
    this.raw = allocBytes(32, 8);
  }

  attr(): number {
    return load8(this.raw + Dirent.Attr);
  }

  isDir(): boolean {
    return (this.attr() & Attr.Directory) !== 0;
  }

  firstCluster(): number {
    return load16(this.raw + Dirent.FstClusHI) * 65536 + load16(this.raw + Dirent.FstClusLO);
  }

  size(): number {
    return load32(this.raw + Dirent.FileSize);
  }

  copyFrom(o: Found): void {
    this.dir = o.dir;
    this.slot = o.slot;
    this.lfnStart = o.lfnStart;
    memcpy(this.raw, o.raw, 32);
  }

  [Symbol.dispose](): void {
    freeBytes(this.raw);
  }
}

/** Reads a directory's entries in order. */
export class DirScan {
  first = 0;
  slot = 0;
  readonly hint: ChainHint = new ChainHint();
  readonly lfn: LfnReader = new LfnReader();
  readonly found: Found = new Found();
  /** Units of the current entry's long name, or -1 when it has none. */
  longLen = -1;

  start(first: number): void {
    this.first = first;
    this.slot = 0;
    this.hint.reset();
    this.lfn.reset();
    this.longLen = -1;
  }

  /** Continues at `slot` (a slot from an earlier scan of the same directory). */
  seek(slot: number): void {
    this.slot = slot;
    this.lfn.reset();
  }

  [Symbol.dispose](): void {
    this.hint[Symbol.dispose]();
    release(this.hint);
    this.lfn[Symbol.dispose]();
    release(this.lfn);
    this.found[Symbol.dispose]();
    release(this.found);
  }
}

/** True for the "." and ".." entries (names starting with a dot). */
export function isDotEntry(raw: number): boolean {
  return load8(raw) === 0x2e;
}

/** True for the volume label entry. */
export function isLabelEntry(raw: number): boolean {
  return (load8(raw + Dirent.Attr) & (Attr.VolumeId | Attr.Directory)) === Attr.VolumeId;
}

/** The cluster holding cluster-index `ci` of directory `first`: a cluster, -ENOENT past its end, or -EIO. */
function dirCluster(vol: Volume, first: number, ci: number, hint: ChainHint): number {
  let c = first;
  let i = 0;
  if (hint.index >= 0 && hint.index <= ci) {
    c = hint.cluster;
    i = hint.index;
  }
  while (i < ci) {
    const next = nextCluster(vol.fat, first, c);
    if (next < 0) return next;
    if (next === 0) return -Errno.ENOENT;
    c = next;
    i++;
  }
  hint.index = ci;
  hint.cluster = c;
  return c;
}

/** The sector holding `slot` of directory `first`; -ENOENT past the directory's end; -EIO. */
export function slotSector(vol: Volume, first: number, slot: number, hint: ChainHint): number {
  const g = vol.geo;
  if (first === 0) {
    if (slot >= g.rootEntries) return -Errno.ENOENT;
    return g.rootDirStart + idiv(slot * 32, g.sectorSize);
  }
  if (slot >= MAX_DIR_ENTRIES) return -Errno.ENOENT;
  const perCluster = idiv(g.clusterSize, 32);
  const c = dirCluster(vol, first, idiv(slot, perCluster), hint);
  if (c < 0) return c;
  return g.clusterSector(c) + idiv((slot % perCluster) * 32, g.sectorSize);
}

/** Byte offset of `slot`'s entry inside its sector. */
export function slotOffset(vol: Volume, slot: number): number {
  return (slot * 32) % vol.geo.sectorSize;
}

/**
 * The next short entry (file, directory, label, dot entry) of the scan into
 * `scan.found` with its long name (if any) in `scan.lfn.name`: 1, 0 at the
 * end, or -EIO.
 */
export function scanNext(vol: Volume, scan: DirScan): number {
  for (;;) {
    const sec = slotSector(vol, scan.first, scan.slot, scan.hint);
    if (sec === -Errno.ENOENT) return 0;
    if (sec < 0) return sec;
    const p = vol.cache.get(sec);
    if (p < 0) return p;
    const e = p + slotOffset(vol, scan.slot);
    const b0 = load8(e);
    if (b0 === Dirent.END) return 0;
    const slot = scan.slot;
    scan.slot = slot + 1;
    if (b0 === Dirent.FREE) {
      scan.lfn.reset();
      continue;
    }
    if ((load8(e + Dirent.Attr) & Attr.LongNameMask) === Attr.LongName) {
      scan.lfn.feed(e, slot);
      continue;
    }
    const len = scan.lfn.finish(e);
    memcpy(scan.found.raw, e, 32);
    scan.found.dir = scan.first;
    scan.found.slot = slot;
    scan.found.lfnStart = len >= 0 ? scan.lfn.start : slot;
    scan.longLen = len;
    return 1;
  }
}

/** The current entry's name as shown (long name, else short name with NT case) into `out`. */
export function entryName(scan: DirScan, out: NameBuf): void {
  if (scan.longLen >= 0) out.copyFrom(scan.lfn.name);
  else shortDisplayName(scan.found.raw, out);
}

/**
 * Looks `name` up in directory `first`: 1 with the entry in `scan.found`, 0
 * when absent, -EIO. `tmp` is scratch for short names.
 */
export function lookup(vol: Volume, first: number, name: NameBuf, scan: DirScan, tmp: NameBuf): number {
  scan.start(first);
  for (;;) {
    const r = scanNext(vol, scan);
    if (r <= 0) return r;
    const raw = scan.found.raw;
    if (isDotEntry(raw) || isLabelEntry(raw)) continue;
    if (scan.longLen >= 0 && sameName(scan.lfn.name, name)) return 1;
    shortDisplayName(raw, tmp);
    if (sameName(tmp, name)) return 1;
  }
}

/** True when directory `first` holds nothing but "." and ".."; -EIO. */
export function isEmptyDir(vol: Volume, first: number, scan: DirScan): number {
  scan.start(first);
  for (;;) {
    const r = scanNext(vol, scan);
    if (r < 0) return r;
    if (r === 0) return 1;
    if (!isDotEntry(scan.found.raw) && !isLabelEntry(scan.found.raw)) return 0;
  }
}

/** Puts a short name in `sn.bytes` that no entry of directory `first` has (numeric tail when needed); 0, -ENOSPC, -EIO. */
function chooseShortName(vol: Volume, first: number, sn: ShortName, scan: DirScan): number {
  const used = vol.tailMap;
  memset(used, 0, TAIL_MAP_BYTES);
  let basisTaken = false;
  scan.start(first);
  for (;;) {
    const r = scanNext(vol, scan);
    if (r < 0) return r;
    if (r === 0) break;
    const raw = scan.found.raw;
    if (sameBytes(raw, sn.basis, 11)) basisTaken = true;
    // Does it look like basis-prefix + "~N" + basis extension?
    if (!sameBytes(raw + 8, sn.basis + 8, 3)) continue;
    let tilde = -1;
    for (let i = 0; i < 8; i++) {
      if (load8(raw + i) === 0x7e) {
        tilde = i;
        break;
      }
    }
    if (tilde < 0) continue;
    let n = 0;
    let digits = 0;
    let i = tilde + 1;
    while (i < 8 && load8(raw + i) >= 0x30 && load8(raw + i) <= 0x39) {
      n = n * 10 + load8(raw + i) - 0x30;
      digits++;
      i++;
    }
    if (digits === 0 || n < 1 || n >= TAIL_MAX) continue;
    while (i < 8 && load8(raw + i) === 0x20) i++;
    if (i !== 8) continue;
    let keep = 7 - digits;
    if (keep > sn.primaryLen) keep = sn.primaryLen;
    if (tilde !== keep || !sameBytes(raw, sn.basis, keep)) continue;
    store8(used + (n >> 3), load8(used + (n >> 3)) | (1 << (n & 7)));
  }
  if (!sn.needTail && !basisTaken) {
    sn.useBasis();
    return 0;
  }
  for (let n = 1; n < TAIL_MAX; n++) {
    if ((load8(used + (n >> 3)) & (1 << (n & 7))) === 0) {
      sn.applyTail(n);
      return 0;
    }
  }
  return -Errno.ENOSPC;
}

/** Tails ~1 .. ~(TAIL_MAX - 1) are tracked; a directory has fewer entries than that. */
export const TAIL_MAX = MAX_DIR_ENTRIES + 2;
export const TAIL_MAP_BYTES = (TAIL_MAX >> 3) + 1;

function sameBytes(a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) {
    if (load8(a + i) !== load8(b + i)) return false;
  }
  return true;
}

/** Slots directory `first` has now (its clusters' worth, or the fixed root's). -EIO. */
function dirSlots(vol: Volume, first: number, hint: ChainHint): number {
  if (first === 0) return vol.geo.rootEntries;
  let c = first;
  let n = 1;
  for (;;) {
    const next = nextCluster(vol.fat, first, c);
    if (next < 0) return next;
    if (next === 0) break;
    n++;
    if (n > vol.geo.clusterCount) return -Errno.EIO;
    c = next;
  }
  hint.index = n - 1;
  hint.cluster = c;
  return n * idiv(vol.geo.clusterSize, 32);
}

/** Appends one zeroed cluster to directory `first` (whose last cluster is `hint.cluster`); 0, -ENOSPC, -EIO. */
function growDir(vol: Volume, hint: ChainHint): number {
  const c = vol.fat.alloc();
  if (c < 0) return c;
  const s0 = vol.geo.clusterSector(c);
  for (let s = 0; s < vol.geo.secPerClus; s++) {
    const p = vol.cache.getZeroed(s0 + s, WriteClass.Data);
    if (p < 0) {
      vol.fat.set(c, FatValue.FREE);
      return p;
    }
  }
  const r = vol.fat.link(hint.cluster, c);
  if (r < 0) {
    vol.fat.set(c, FatValue.FREE);
    return r;
  }
  hint.index = hint.index + 1;
  hint.cluster = c;
  return 0;
}

/**
 * Adds an entry named `name` (short form prepared in `sn` by makeShortName)
 * to directory `first`, with attributes `attr`, first cluster `cluster`, size
 * `size`, timestamps from `now` (FAT date << 16 | time). Returns the short
 * entry's slot, -ENOSPC (directory full or no cluster to grow it), -EIO.
 */
export function addEntry(vol: Volume, first: number, name: NameBuf, sn: ShortName, attr: number, cluster: number, size: number, now: number, scan: DirScan): number {
  const c = chooseShortName(vol, first, sn, scan);
  if (c < 0) return c;
  const lfnCount = sn.needLfn ? lfnEntriesFor(name.len) : 0;
  const need = lfnCount + 1;
  // Find `need` free slots in a row (everything from the end mark on is free).
  const hint = scan.hint;
  hint.reset();
  let runStart = -1;
  let runLen = 0;
  let ended = false;
  let slot = 0;
  for (;;) {
    const sec = slotSector(vol, first, slot, hint);
    if (sec === -Errno.ENOENT) break;
    if (sec < 0) return sec;
    let free = ended;
    if (!ended) {
      const p = vol.cache.get(sec);
      if (p < 0) return p;
      const b0 = load8(p + slotOffset(vol, slot));
      if (b0 === Dirent.END) ended = true;
      free = b0 === Dirent.END || b0 === Dirent.FREE;
    }
    if (free) {
      if (runLen === 0) runStart = slot;
      runLen++;
      if (runLen === need) break;
    } else {
      runLen = 0;
    }
    slot++;
  }
  if (runLen < need) {
    if (first === 0) return -Errno.ENOSPC;
    const have = dirSlots(vol, first, hint);
    if (have < 0) return have;
    if (runLen === 0) runStart = have;
    const perCluster = idiv(vol.geo.clusterSize, 32);
    if (runStart + need > MAX_DIR_ENTRIES) return -Errno.ENOSPC;
    let total = have;
    const lastOld = hint.cluster;
    while (runStart + need > total) {
      const g = growDir(vol, hint);
      if (g < 0) {
        // Undo: cut the chain after the old last cluster, freeing what was added.
        const next = vol.fat.get(lastOld);
        if (next >= 2 && vol.fat.isCluster(next)) {
          if (vol.fat.endChain(lastOld) >= 0) freeAdded(vol, next);
        }
        return g;
      }
      total += perCluster;
    }
  }
  // Write the long-name entries (highest ordinal first), then the short entry.
  const sum = lfnChecksum(sn.bytes);
  for (let i = 0; i < lfnCount; i++) {
    const at = runStart + i;
    const sec = slotSector(vol, first, at, hint);
    if (sec < 0) return sec === -Errno.ENOENT ? -Errno.EIO : sec;
    const p = vol.cache.getForWrite(sec, WriteClass.Dir);
    if (p < 0) return p;
    writeLfnEntry(p + slotOffset(vol, at), name, lfnCount - i, lfnCount, sum);
  }
  const at = runStart + lfnCount;
  const sec = slotSector(vol, first, at, hint);
  if (sec < 0) return sec === -Errno.ENOENT ? -Errno.EIO : sec;
  const p = vol.cache.getForWrite(sec, WriteClass.Dir);
  if (p < 0) return p;
  const e = p + slotOffset(vol, at);
  memcpy(e, sn.bytes, 11);
  store8(e + Dirent.Attr, attr);
  store8(e + Dirent.NTRes, sn.nt);
  store8(e + Dirent.CrtTimeTenth, 0);
  const date = (now >> 16) & 0xffff;
  const time = now & 0xffff;
  store16(e + Dirent.CrtTime, time);
  store16(e + Dirent.CrtDate, date);
  store16(e + Dirent.LstAccDate, date);
  store16(e + Dirent.FstClusHI, (cluster >> 16) & 0xffff);
  store16(e + Dirent.WrtTime, time);
  store16(e + Dirent.WrtDate, date);
  store16(e + Dirent.FstClusLO, cluster & 0xffff);
  store32(e + Dirent.FileSize, size);
  return at;
}

/**
 * Renames the entry set of `f` within its own directory by rewriting it in
 * place, when that is one sector write: the old set lies in one sector and
 * the new name needs no more slots than it had (the new set ends at the old
 * short entry's slot; slots left over before it are freed). One sector is
 * written whole or not at all, so a power cut leaves the old name or the new
 * one, never both and never neither. `raw` is the entry to keep (attributes,
 * cluster, size, times). Returns 1 when renamed, 0 when it cannot be done in
 * place (the caller renames the general way), -EIO.
 */
export function renameInPlace(vol: Volume, f: Found, name: NameBuf, sn: ShortName, raw: number, scan: DirScan): number {
  const lfnCount = sn.needLfn ? lfnEntriesFor(name.len) : 0;
  if (lfnCount + 1 > f.slot - f.lfnStart + 1) return 0;
  const hint = scan.hint;
  hint.reset();
  const sec = slotSector(vol, f.dir, f.slot, hint);
  if (sec < 0) return sec === -Errno.ENOENT ? -Errno.EIO : sec;
  const first = slotSector(vol, f.dir, f.lfnStart, hint);
  if (first < 0) return first === -Errno.ENOENT ? -Errno.EIO : first;
  if (first !== sec) return 0;
  const c = chooseShortName(vol, f.dir, sn, scan);
  if (c < 0) return c;
  const p = vol.cache.getForWrite(sec, WriteClass.Dir);
  if (p < 0) return p;
  const newStart = f.slot - lfnCount;
  for (let slot = f.lfnStart; slot < newStart; slot++) store8(p + slotOffset(vol, slot), Dirent.FREE);
  const sum = lfnChecksum(sn.bytes);
  for (let i = 0; i < lfnCount; i++) writeLfnEntry(p + slotOffset(vol, newStart + i), name, lfnCount - i, lfnCount, sum);
  const e = p + slotOffset(vol, f.slot);
  memcpy(e + 11, raw + 11, 21);
  memcpy(e, sn.bytes, 11);
  store8(e + Dirent.NTRes, sn.nt);
  return 1;
}

function freeAdded(vol: Volume, c: number): void {
  let cur = c;
  for (let n = 0; n < 4096 && vol.fat.isCluster(cur); n++) {
    const next = vol.fat.get(cur);
    vol.fat.set(cur, FatValue.FREE);
    cur = next;
  }
}

/** Marks the entry set of `f` (long-name entries and short entry) free; 0 or -EIO. */
export function removeEntry(vol: Volume, f: Found, hint: ChainHint): number {
  hint.reset();
  for (let slot = f.lfnStart; slot <= f.slot; slot++) {
    const sec = slotSector(vol, f.dir, slot, hint);
    if (sec < 0) return sec === -Errno.ENOENT ? -Errno.EIO : sec;
    const p = vol.cache.getForWrite(sec, WriteClass.Dir);
    if (p < 0) return p;
    store8(p + slotOffset(vol, slot), Dirent.FREE);
  }
  return 0;
}

/** Points the entry at slot `slot` of directory `dir` at `f`'s new state (raw bytes 11..31 of `raw`); 0 or -EIO. */
export function rewriteEntry(vol: Volume, dir: number, slot: number, raw: number, hint: ChainHint): number {
  hint.reset();
  const sec = slotSector(vol, dir, slot, hint);
  if (sec < 0) return sec === -Errno.ENOENT ? -Errno.EIO : sec;
  const p = vol.cache.getForWrite(sec, WriteClass.Dir);
  if (p < 0) return p;
  memcpy(p + slotOffset(vol, slot) + 11, raw + 11, 21);
  return 0;
}

