/**
 * Short (8.3) names: whether a name fits 8.3, the NT case flags, the basis
 * name and its numeric tail for names that do not (Microsoft FAT spec 1.03,
 * "Basis-Name Generation Algorithm" and "Numeric-Tail Generation
 * Algorithm"), and the short name as Linux's vfat shows it.
 *
 * Case, as Linux vfat (shortname=mixed, its default) does it: a name that
 * fits 8.3 with valid characters and whose base and extension are each of a
 * single case is stored without a long name; a lower-case base or extension
 * sets NTRes bit 3 or 4 and is shown in lower case. A name that fits 8.3 but
 * mixes case inside a part ("Readme.txt") gets a long name and the upper-cased
 * short name, without a numeric tail unless that collides.
 *
 * Other names: upper case; characters invalid in short names (+ , ; = [ ]
 * and anything outside ASCII, since this driver writes no OEM code page) become
 * '_' (the lossy case); spaces and leading periods are dropped; up to 8
 * characters before the first period, up to 3 after the last; then "~N"
 * with the smallest N that collides with nothing in the directory (the caller
 * finds N, directory.ts). Short names written here are plain upper-case
 * ASCII, which Linux, mtools and fsck.fat accept; short names read are
 * decoded as code page 437.
 */
import { allocBytes, freeBytes, idiv, load8, store8 } from '@unishyper/rt';
import { Dirent, NtCase } from './layout';
import { NameBuf } from './long-name';

const SPACE = 0x20;
const DOT = 0x2e;

/** A short-name character (after upper-casing): A-Z 0-9 and ! # $ % & ' ( ) - @ ^ _ ` { } ~. */
export function validShortChar(u: number): boolean {
  if (u >= 0x41 && u <= 0x5a) return true;
  if (u >= 0x30 && u <= 0x39) return true;
  switch (u) {
    case 0x21: case 0x23: case 0x24: case 0x25: case 0x26: case 0x27: case 0x28: case 0x29:
    case 0x2d: case 0x40: case 0x5e: case 0x5f: case 0x60: case 0x7b: case 0x7d: case 0x7e:
      return true;
  }
  return false;
}

function upper(u: number): number {
  return u >= 0x61 && u <= 0x7a ? u - 0x20 : u;
}

function isLower(u: number): boolean {
  return u >= 0x61 && u <= 0x7a;
}

function isUpper(u: number): boolean {
  return u >= 0x41 && u <= 0x5a;
}

export class ShortName {
  /** The 11 bytes to store. */
  readonly bytes: number;
  /** The basis name (before any numeric tail). */
  readonly basis: number;
  /** Characters of the basis's primary part (before padding). */
  primaryLen = 0;
  /** NTRes case bits. */
  nt = 0;
  needLfn = false;
  /** The basis is lossy or truncated: a numeric tail is required. */
  needTail = false;

  constructor() {
    this.bytes = allocBytes(11, 1);
    this.basis = allocBytes(11, 1);
  }

  [Symbol.dispose](): void {
    freeBytes(this.bytes);
    freeBytes(this.basis);
  }

  /** bytes = the basis with "~n" (n >= 1) at the end of the primary part, truncating it as needed. */
  applyTail(n: number): void {
    let digits = 1;
    let p = 10;
    while (p <= n) {
      digits++;
      p *= 10;
    }
    let keep = 8 - 1 - digits;
    if (keep > this.primaryLen) keep = this.primaryLen;
    for (let i = 0; i < 11; i++) store8(this.bytes + i, i < 8 ? SPACE : load8(this.basis + i));
    for (let i = 0; i < keep; i++) store8(this.bytes + i, load8(this.basis + i));
    store8(this.bytes + keep, 0x7e);
    let v = n;
    for (let i = digits; i >= 1; i--) {
      store8(this.bytes + keep + i, 0x30 + (v % 10));
      v = idiv(v, 10);
    }
  }

  /** bytes = the basis (no tail). */
  useBasis(): void {
    for (let i = 0; i < 11; i++) store8(this.bytes + i, load8(this.basis + i));
  }
}

/** Fills `out` for the long name `name` (already valid, trailing dots stripped). */
export function makeShortName(name: NameBuf, out: ShortName): void {
  for (let i = 0; i < 11; i++) store8(out.basis + i, SPACE);
  out.nt = 0;
  // Does it fit 8.3 as it is (one dot at most, not first; 1-8 + 0-3 valid characters)?
  let dot = -1;
  let dots = 0;
  for (let i = 0; i < name.len; i++) {
    if (name.at(i) === DOT) {
      dots++;
      dot = i;
    }
  }
  const baseEnd = dot < 0 ? name.len : dot;
  let fits = dots <= 1 && baseEnd >= 1 && baseEnd <= 8 && (dot < 0 || (name.len - dot - 1 >= 1 && name.len - dot - 1 <= 3));
  let baseLower = false;
  let baseUpper = false;
  let extLower = false;
  let extUpper = false;
  for (let i = 0; i < name.len && fits; i++) {
    if (i === dot) continue;
    const u = name.at(i);
    if (u >= 0x80 || !validShortChar(upper(u))) fits = false;
    if (i < baseEnd) {
      if (isLower(u)) baseLower = true;
      if (isUpper(u)) baseUpper = true;
    } else {
      if (isLower(u)) extLower = true;
      if (isUpper(u)) extUpper = true;
    }
  }
  if (fits) {
    for (let i = 0; i < baseEnd; i++) store8(out.basis + i, upper(name.at(i)));
    for (let i = baseEnd + 1; i < name.len; i++) store8(out.basis + 8 + i - baseEnd - 1, upper(name.at(i)));
    out.primaryLen = baseEnd;
    out.needTail = false;
    out.needLfn = (baseLower && baseUpper) || (extLower && extUpper);
    if (!out.needLfn) {
      if (baseLower) out.nt = out.nt | NtCase.LowerBase;
      if (extLower) out.nt = out.nt | NtCase.LowerExt;
    }
    out.useBasis();
    return;
  }
  // Spec basis-name generation: upper case, OEM (here ASCII) or '_', no spaces, no leading periods.
  out.needLfn = true;
  out.needTail = true;
  let start = 0;
  while (start < name.len && (name.at(start) === DOT || name.at(start) === SPACE)) start++;
  let lastDot = -1;
  for (let i = start; i < name.len; i++) if (name.at(i) === DOT) lastDot = i;
  let n = 0;
  for (let i = start; i < name.len && n < 8; i++) {
    const u = name.at(i);
    if (u === DOT) break;
    if (u === SPACE) continue;
    store8(out.basis + n, shortChar(u));
    n++;
  }
  if (n === 0) {
    store8(out.basis, 0x5f); // nothing usable: "_"
    n = 1;
  }
  out.primaryLen = n;
  if (lastDot >= 0) {
    let e = 0;
    for (let i = lastDot + 1; i < name.len && e < 3; i++) {
      const u = name.at(i);
      if (u === SPACE) continue;
      store8(out.basis + 8 + e, shortChar(u));
      e++;
    }
  }
  out.useBasis();
}

function shortChar(u: number): number {
  const c = upper(u);
  if (c < 0x80 && validShortChar(c)) return c;
  return 0x5f; // '_'
}

/** The short name of the entry at `e` as Linux shows it (NT case bits applied), into `out`. */
export function shortDisplayName(e: number, out: NameBuf): void {
  const nt = load8(e + Dirent.NTRes);
  let n = 0;
  let baseEnd = 8;
  while (baseEnd > 0 && load8(e + baseEnd - 1) === SPACE) baseEnd--;
  for (let i = 0; i < baseEnd; i++) {
    let b: number = load8(e + i);
    if (i === 0 && b === Dirent.KANJI_E5) b = 0xe5;
    out.set(n, displayByte(b, (nt & NtCase.LowerBase) !== 0));
    n++;
  }
  let extEnd = 11;
  while (extEnd > 8 && load8(e + extEnd - 1) === SPACE) extEnd--;
  if (extEnd > 8) {
    out.set(n, DOT);
    n++;
    for (let i = 8; i < extEnd; i++) {
      out.set(n, displayByte(load8(e + i), (nt & NtCase.LowerExt) !== 0));
      n++;
    }
  }
  out.len = n;
}

/**
 * Code page 437 (Linux's default FAT codepage) bytes 0x80-0xFF as Unicode:
 * short names written by mtools or DOS may hold them ("CAF\x90" for CAFÉ).
 */
const CP437_HIGH: readonly number[] = [
  0x00c7, 0x00fc, 0x00e9, 0x00e2, 0x00e4, 0x00e0, 0x00e5, 0x00e7, 0x00ea, 0x00eb, 0x00e8, 0x00ef, 0x00ee, 0x00ec, 0x00c4, 0x00c5,
  0x00c9, 0x00e6, 0x00c6, 0x00f4, 0x00f6, 0x00f2, 0x00fb, 0x00f9, 0x00ff, 0x00d6, 0x00dc, 0x00a2, 0x00a3, 0x00a5, 0x20a7, 0x0192,
  0x00e1, 0x00ed, 0x00f3, 0x00fa, 0x00f1, 0x00d1, 0x00aa, 0x00ba, 0x00bf, 0x2310, 0x00ac, 0x00bd, 0x00bc, 0x00a1, 0x00ab, 0x00bb,
  0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255d, 0x255c, 0x255b, 0x2510,
  0x2514, 0x2534, 0x252c, 0x251c, 0x2500, 0x253c, 0x255e, 0x255f, 0x255a, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256c, 0x2567,
  0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256b, 0x256a, 0x2518, 0x250c, 0x2588, 0x2584, 0x258c, 0x2590, 0x2580,
  0x03b1, 0x00df, 0x0393, 0x03c0, 0x03a3, 0x03c3, 0x00b5, 0x03c4, 0x03a6, 0x0398, 0x03a9, 0x03b4, 0x221e, 0x03c6, 0x03b5, 0x2229,
  0x2261, 0x00b1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00f7, 0x2248, 0x00b0, 0x2219, 0x00b7, 0x221a, 0x207f, 0x00b2, 0x25a0, 0x00a0,
];

/** A short-name byte as a UTF-16 unit (code page 437), lower-cased (ASCII and Latin-1) when asked. */
function displayByte(b: number, lower: boolean): number {
  let u = b >= 0x80 ? CP437_HIGH[b - 0x80]! : b;
  if (lower && ((u >= 0x41 && u <= 0x5a) || (u >= 0xc0 && u <= 0xde && u !== 0xd7))) u = u + 0x20;
  return u;
}
