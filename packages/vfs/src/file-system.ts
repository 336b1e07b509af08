/**
 * The contract between the vfs and a file system (the RAM file system at
 * `/`, fatfs at `/fatfs`, later unilib's). The vfs owns the mount table,
 * path resolution, the descriptor table and file offsets; a file system sees
 * only paths relative to its own root, already normalised, and explicit
 * offsets (pread/pwrite style).
 *
 * Paths given to a file system: "" is its root; otherwise names joined by
 * single '/', no leading or trailing '/', no "." or ".." components, each
 * name at most NAME_MAX bytes of UTF-8. A string passed in is valid only for
 * the duration of the call (natively it may be a view of a vfs buffer).
 *
 * Every method returns `>= 0` on success and `-Errno.X` on failure
 * (errno.ts). A file system is safe to call from several threads on several
 * cores at once: it takes its own locks. It never panics on a bad path, a
 * bad handle or a corrupt disk: those are errors (EIO for a corrupt volume,
 * with the problem printed once by the file system, naming it).
 */
import { release, StrBuf } from '@unishyper/rt';

/** Longest name of one path component, in bytes of UTF-8 (Linux's NAME_MAX). */
export const NAME_MAX = 255;
/** Longest path the vfs accepts, in bytes, including the mount prefix (Linux's PATH_MAX). */
export const PATH_MAX = 4096;

/** Open flags (bits). Exactly one of Read, Write, ReadWrite. */
export const OpenFlags = {
  Read: 1,
  Write: 2,
  ReadWrite: 3,
  /** Every write goes to the end of the file (the vfs sets the offset to the size first). */
  Append: 4,
  /** Create the file if it does not exist. */
  Create: 8,
  /** With Create: fail with EEXIST if it exists. */
  Exclusive: 16,
  /** Cut the file to length 0 on open (needs Write or ReadWrite). */
  Truncate: 32,
} as const;

/** Kinds of node. */
export const NodeType = {
  File: 1,
  Directory: 2,
} as const;

/** What stat and fstat fill in. Times are seconds since 1970-01-01 UTC (FAT keeps 2-second resolution for mtime). */
export class Stat {
  /** NodeType. */
  type = 0;
  size = 0;
  /** Bytes the node occupies on the volume (whole clusters for FAT). */
  allocated = 0;
  /** Permission bits as Linux shows them (FAT: 0o755 for directories, 0o644 files, minus write bits when read-only). */
  mode = 0;
  mtime = 0;
  atime = 0;
  ctime = 0;
  /** A number that identifies the node within its file system while it exists. */
  ino = 0;
}

/** Bytes of UTF-8 a DirEntry name holds: a FAT long name is up to 255 UTF-16 units, 3 bytes each at most. */
export const DIR_ENTRY_NAME_BYTES = 1024;

/**
 * One entry read from a directory, reused for every entry: `name` holds the
 * UTF-8 name (never "." or ".."). Owns its buffer: `using e = new DirEntry()`.
 */
export class DirEntry {
  /** NodeType. */
  type = 0;
  size = 0;
  readonly name: StrBuf = new StrBuf(DIR_ENTRY_NAME_BYTES);

  [Symbol.dispose](): void {
    this.name[Symbol.dispose]();
    release(this.name);
  }
}

/** Totals for df and statfs. */
export class FsStats {
  blockSize = 0;
  totalBlocks = 0;
  freeBlocks = 0;
}

export interface FileSystem {
  /** Short type name for `mount` and `df`: "ramfs", "fat12", "fat16", "fat32". */
  typeName(): string;
  /** Whether every change is refused with EROFS (a read-only device or mount). */
  readOnly(): boolean;

  /**
   * Opens (and with OpenFlags.Create makes) the file or directory at `path`
   * and returns a handle (>= 0) private to this file system, valid until
   * close. Directories open only with OpenFlags.Read (EISDIR otherwise).
   * Truncate is applied here.
   */
  open(path: string, flags: number): number;
  /** Releases a handle. A file unlinked while open loses its data at its last close. */
  close(handle: number): number;
  /** Reads up to `len` bytes at `offset` into memory at `buf`; returns the count (0 at or past the end). */
  read(handle: number, offset: number, buf: number, len: number): number;
  /** Writes `len` bytes from `buf` at `offset`, growing the file (a gap reads as zeros); returns the count. */
  write(handle: number, offset: number, buf: number, len: number): number;
  /** Sets the size; growing fills with zeros. */
  truncate(handle: number, size: number): number;
  /** The node's current size. */
  size(handle: number): number;
  fstat(handle: number, out: Stat): number;
  /** Writes the file's data and directory entry through to the device (and flushes the device). */
  fsync(handle: number): number;
  /**
   * Reads directory entry number `index` (0, 1, 2, ... in the directory's own
   * order, skipping "." and "..") of the directory open as `handle` into
   * `out`; returns 1 when an entry was read, 0 at the end.
   */
  readdir(handle: number, index: number, out: DirEntry): number;

  stat(path: string, out: Stat): number;
  mkdir(path: string): number;
  /** Removes an empty directory (ENOTEMPTY otherwise; EBUSY for the root). */
  rmdir(path: string): number;
  /** Removes a file (EISDIR for a directory). */
  unlink(path: string): number;
  /**
   * Moves `from` to `to` within this file system, replacing a file at `to`
   * (or an empty directory, when `from` is one); EINVAL when `to` is inside
   * `from`.
   */
  rename(from: string, to: string): number;
  /** Writes everything dirty through to the device. */
  sync(): number;
  statfs(out: FsStats): number;
}
