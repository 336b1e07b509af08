/**
 * Path normalisation: a path as a caller wrote it (absolute, or relative to
 * the current directory) becomes one canonical absolute path in a
 * preallocated byte buffer, without allocating.
 *
 * The canonical form: "" for the root, otherwise "/a/b/c" — names joined by
 * single '/', no trailing '/', no "." or ".." (so a mount path is a plain
 * byte prefix of every path inside it, and a file system's relative path is
 * the rest after the next '/').
 *
 * Rules (lexical: there are no symbolic links, so ".." is the parent of the
 * path so far; components in the middle are not checked to exist):
 * - "" -> ENOENT; a NUL byte -> EINVAL;
 * - a path of more than PATH_MAX bytes, or a result that would grow beyond
 *   PATH_MAX at any step -> ENAMETOOLONG; a name of more than NAME_MAX
 *   bytes -> ENAMETOOLONG;
 * - repeated '/' count as one, "." is skipped, ".." removes the last name
 *   and stays at the root above it;
 * - a path that ends in '/', "." or ".." names a directory (`mustBeDir`):
 *   the operation then fails with ENOTDIR when it finds a file.
 */
import { allocBytes, freeBytes, load8, memcpy, store8, strByteAt, strFromBytes, strLen } from '@unishyper/rt';
import { Errno } from './errno';
import { NAME_MAX, PATH_MAX } from './file-system';

const SLASH = 47;
const DOT = 46;

/** A PATH_MAX-byte buffer holding one canonical absolute path. */
export class PathBuf {
  readonly base: number;
  /** Bytes of the canonical path ("" = root = 0). */
  len = 0;
  /** The path as written ended in '/', "." or "..". */
  mustBeDir = false;
  /** The path as written ended in "." or ".." (rmdir and rename refuse it: EINVAL). */
  dotLast = false;

  constructor() {
    this.base = allocBytes(PATH_MAX, 1);
  }

  /** The canonical path as a string (a view of the buffer natively: valid until it changes). */
  text(): string {
    return strFromBytes(this.base, this.len);
  }

  /** Byte `i` of the canonical path. */
  byteAt(i: number): number {
    return load8(this.base + i);
  }

  /** Copies `other`'s canonical path. */
  copyFrom(other: PathBuf): void {
    memcpy(this.base, other.base, other.len);
    this.len = other.len;
    this.mustBeDir = other.mustBeDir;
    this.dotLast = other.dotLast;
  }

  /**
   * Normalises `path` against `cwd` (a canonical path; used only when `path`
   * is relative) into this buffer. Returns 0, or -ENOENT, -EINVAL,
   * -ENAMETOOLONG; on failure the buffer holds nothing useful.
   */
  normalize(path: string, cwd: PathBuf): number {
    const n = strLen(path);
    this.len = 0;
    this.mustBeDir = false;
    this.dotLast = false;
    if (n === 0) return -Errno.ENOENT;
    if (n > PATH_MAX) return -Errno.ENAMETOOLONG;
    if (strByteAt(path, 0) !== SLASH) {
      memcpy(this.base, cwd.base, cwd.len);
      this.len = cwd.len;
    }
    let i = 0;
    while (i < n) {
      while (i < n && strByteAt(path, i) === SLASH) i++;
      if (i === n) {
        this.mustBeDir = true; // a trailing '/'
        break;
      }
      const start = i;
      while (i < n && strByteAt(path, i) !== SLASH) {
        if (strByteAt(path, i) === 0) return -Errno.EINVAL;
        i++;
      }
      const nameLen = i - start;
      if (nameLen === 1 && strByteAt(path, start) === DOT) {
        if (i === n) {
          this.mustBeDir = true;
          this.dotLast = true;
        }
        continue;
      }
      if (nameLen === 2 && strByteAt(path, start) === DOT && strByteAt(path, start + 1) === DOT) {
        this.popName();
        if (i === n) {
          this.mustBeDir = true;
          this.dotLast = true;
        }
        continue;
      }
      if (nameLen > NAME_MAX) return -Errno.ENAMETOOLONG;
      if (this.len + 1 + nameLen > PATH_MAX) return -Errno.ENAMETOOLONG;
      store8(this.base + this.len, SLASH);
      for (let k = 0; k < nameLen; k++) store8(this.base + this.len + 1 + k, strByteAt(path, start + k));
      this.len = this.len + 1 + nameLen;
    }
    return 0;
  }

  /** Removes the last name ("/a/b" -> "/a", "/a" -> "", "" stays). */
  private popName(): void {
    let j = this.len;
    while (j > 0 && load8(this.base + j - 1) !== SLASH) j--;
    this.len = j > 0 ? j - 1 : 0;
  }

  /** Whether this path is `prefix` or inside it ("" is a prefix of every path). */
  isWithin(prefix: PathBuf): boolean {
    return isWithinBytes(this.base, this.len, prefix.base, prefix.len);
  }

  destroy(): void {
    freeBytes(this.base);
  }
}

/** Whether the canonical path at (base, len) is the one at (pbase, plen) or inside it. */
export function isWithinBytes(base: number, len: number, pbase: number, plen: number): boolean {
  if (plen > len) return false;
  for (let i = 0; i < plen; i++) if (load8(base + i) !== load8(pbase + i)) return false;
  return plen === len || load8(base + plen) === SLASH;
}
