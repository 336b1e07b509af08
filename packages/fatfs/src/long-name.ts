/**
 * Names as UTF-16 units (NameBuf), UTF-8 <-> UTF-16 conversion, and long-name
 * (LFN) directory entries (Microsoft FAT spec 1.03, "FAT Long Directory
 * Entries"; surrogate pairs per Unicode 3.9).
 *
 * The API speaks UTF-8; LFN entries hold UTF-16LE, 13 units per entry, at
 * most 20 entries (255 units). A name shorter than its last entry ends with
 * 0x0000 and is padded with 0xFFFF. Each entry repeats the checksum of the
 * short name it belongs to; `LfnReader` accepts a run of entries only when
 * it is complete and in order (first stored entry has the 0x40 flag and the
 * highest ordinal, ordinals then count down to 1, checksums agree) and the
 * short entry that follows has that checksum. Anything else (an orphan, a
 * gap, a mismatched checksum) is ignored, and the short name is used, as
 * Linux's vfat does.
 */
import { Errno } from '@unishyper/vfs';
import { allocBytes, freeBytes, idiv, load16, load8, release, store16, store8, StrBuf } from '@unishyper/rt';
import { Attr, Dirent, Lfn, LFN_UNIT_OFFSETS } from './layout';

/** Longest long name in UTF-16 units. */
export const MAX_NAME_UNITS = 255;
const CAP = 260;

/** A name as UTF-16 units in memory it owns. */
export class NameBuf {
  readonly units: number;
  len = 0;

  constructor() {
    this.units = allocBytes(CAP * 2, 2);
  }

  at(i: number): number {
    return load16(this.units + i * 2);
  }

  set(i: number, u: number): void {
    store16(this.units + i * 2, u);
  }

  copyFrom(o: NameBuf): void {
    for (let i = 0; i < o.len; i++) this.set(i, o.at(i));
    this.len = o.len;
  }

  [Symbol.dispose](): void {
    freeBytes(this.units);
  }
}

/** Upper case of a UTF-16 unit for name comparison: ASCII and Latin-1 letters (vfat folds at least ASCII). */
export function foldUnit(u: number): number {
  if (u >= 0x61 && u <= 0x7a) return u - 0x20;
  if (u >= 0xe0 && u <= 0xfe && u !== 0xf7) return u - 0x20;
  return u;
}

/** True when the two names are equal ignoring ASCII case. */
export function sameName(a: NameBuf, b: NameBuf): boolean {
  if (a.len !== b.len) return false;
  for (let i = 0; i < a.len; i++) {
    if (foldUnit(a.at(i)) !== foldUnit(b.at(i))) return false;
  }
  return true;
}

/**
 * Decodes `len` bytes of UTF-8 at `addr` into `out`; 0, -EINVAL for invalid
 * UTF-8 (overlong forms, surrogates, beyond U+10FFFF), -ENAMETOOLONG beyond
 * 255 units.
 */
export function decodeUtf8(addr: number, len: number, out: NameBuf): number {
  let n = 0;
  let i = 0;
  while (i < len) {
    const b = load8(addr + i);
    let cp = 0;
    let extra = 0;
    let min = 0;
    if (b < 0x80) {
      cp = b;
    } else if ((b & 0xe0) === 0xc0) {
      cp = b & 0x1f;
      extra = 1;
      min = 0x80;
    } else if ((b & 0xf0) === 0xe0) {
      cp = b & 0x0f;
      extra = 2;
      min = 0x800;
    } else if ((b & 0xf8) === 0xf0) {
      cp = b & 0x07;
      extra = 3;
      min = 0x10000;
    } else {
      return -Errno.EINVAL;
    }
    for (let k = 1; k <= extra; k++) {
      if (i + k >= len) return -Errno.EINVAL;
      const c = load8(addr + i + k);
      if ((c & 0xc0) !== 0x80) return -Errno.EINVAL;
      cp = cp * 64 + (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -Errno.EINVAL;
    i += extra + 1;
    if (cp >= 0x10000) {
      if (n + 2 > MAX_NAME_UNITS) return -Errno.ENAMETOOLONG;
      const v = cp - 0x10000;
      out.set(n, 0xd800 + (v >> 10));
      out.set(n + 1, 0xdc00 + (v & 0x3ff));
      n += 2;
    } else {
      if (n + 1 > MAX_NAME_UNITS) return -Errno.ENAMETOOLONG;
      out.set(n, cp);
      n++;
    }
  }
  out.len = n;
  return 0;
}

/** Appends the UTF-8 of UTF-16 units [0, len) of `name` to `out` (an unpaired surrogate becomes U+FFFD). */
export function pushUtf8(name: NameBuf, out: StrBuf): void {
  let i = 0;
  while (i < name.len) {
    let cp = name.at(i);
    i++;
    if (cp >= 0xd800 && cp <= 0xdbff && i < name.len && name.at(i) >= 0xdc00 && name.at(i) <= 0xdfff) {
      cp = 0x10000 + (cp - 0xd800) * 1024 + (name.at(i) - 0xdc00);
      i++;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      cp = 0xfffd;
    }
    if (cp < 0x80) {
      out.pushByte(cp);
    } else if (cp < 0x800) {
      out.pushByte(0xc0 | (cp >> 6));
      out.pushByte(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out.pushByte(0xe0 | (cp >> 12));
      out.pushByte(0x80 | ((cp >> 6) & 0x3f));
      out.pushByte(0x80 | (cp & 0x3f));
    } else {
      out.pushByte(0xf0 | (cp >> 18));
      out.pushByte(0x80 | ((cp >> 12) & 0x3f));
      out.pushByte(0x80 | ((cp >> 6) & 0x3f));
      out.pushByte(0x80 | (cp & 0x3f));
    }
  }
}

/** True when every unit may appear in a long name (spec: not below 0x20, not " * / : < > ? \ |). */
export function validLongName(name: NameBuf): boolean {
  if (name.len === 0) return false;
  for (let i = 0; i < name.len; i++) {
    const u = name.at(i);
    if (u < 0x20 || u === 0x22 || u === 0x2a || u === 0x2f || u === 0x3a || u === 0x3c || u === 0x3e || u === 0x3f || u === 0x5c || u === 0x7c) {
      return false;
    }
  }
  return true;
}

/** Spec "Long Directory Entries": the checksum of the 11-byte short name at `name`. */
export function lfnChecksum(name: number): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    sum = (((sum & 1) << 7) + (sum >> 1) + load8(name + i)) & 0xff;
  }
  return sum;
}

/** Entries needed for a long name of `units` UTF-16 units. */
export function lfnEntriesFor(units: number): number {
  return idiv(units + Lfn.UNITS_PER_ENTRY - 1, Lfn.UNITS_PER_ENTRY);
}

/** Fills the 32 bytes at `e` as long-name entry number `ord` (1-based) of `total` for `name`. */
export function writeLfnEntry(e: number, name: NameBuf, ord: number, total: number, checksum: number): void {
  store8(e + Lfn.Ord, ord === total ? ord | Lfn.LAST : ord);
  store8(e + Lfn.Attr, Attr.LongName);
  store8(e + Lfn.Type, 0);
  store8(e + Lfn.Chksum, checksum);
  store16(e + Lfn.FstClusLO, 0);
  const base = (ord - 1) * Lfn.UNITS_PER_ENTRY;
  for (let k = 0; k < Lfn.UNITS_PER_ENTRY; k++) {
    const i = base + k;
    let u = 0xffff;
    if (i < name.len) u = name.at(i);
    else if (i === name.len) u = 0;
    store16(e + LFN_UNIT_OFFSETS[k]!, u);
  }
}

/**
 * Collects long-name entries while a directory is read in order; `feed` each
 * entry, and at a short entry `finish` says whether the collected name
 * belongs to it.
 */
export class LfnReader {
  readonly name: NameBuf = new NameBuf();
  /** Slot of the first entry of the current run, -1 when none. */
  start = -1;
  private expect = 0;
  private sum = 0;
  private total = 0;

  reset(): void {
    this.start = -1;
    this.expect = 0;
  }

  /** Takes the long-name entry at `e`, found at directory slot `slot`. */
  feed(e: number, slot: number): void {
    const ord = load8(e + Lfn.Ord);
    const seq = ord & 0x3f;
    if ((ord & Lfn.LAST) !== 0) {
      if (seq < 1 || seq > Lfn.MAX_ENTRIES) {
        this.reset();
        return;
      }
      this.start = slot;
      this.total = seq;
      this.sum = load8(e + Lfn.Chksum);
      this.name.len = -1;
    } else if (this.start < 0 || seq !== this.expect || load8(e + Lfn.Chksum) !== this.sum) {
      this.reset();
      return;
    }
    const base = (seq - 1) * Lfn.UNITS_PER_ENTRY;
    for (let k = 0; k < Lfn.UNITS_PER_ENTRY; k++) {
      const u = load16(e + LFN_UNIT_OFFSETS[k]!);
      this.name.set(base + k, u);
      if (u === 0 && this.name.len < 0 && seq === this.total) this.name.len = base + k;
    }
    this.expect = seq - 1;
  }

  /** At the short entry at `e`: the long name's length in units when it belongs to it, else -1. Resets. */
  finish(e: number): number {
    const ok = this.start >= 0 && this.expect === 0 && lfnChecksum(e + Dirent.Name) === this.sum;
    this.start = ok ? this.start : -1;
    this.expect = 0;
    if (!ok) return -1;
    let len = this.name.len;
    if (len < 0) len = this.total * Lfn.UNITS_PER_ENTRY;
    if (len === 0 || len > MAX_NAME_UNITS) {
      this.start = -1;
      return -1;
    }
    this.name.len = len;
    return len;
  }

  [Symbol.dispose](): void {
    this.name[Symbol.dispose]();
    release(this.name);
  }
}
