/**
 * The virtual file system: one tree made of mounted file systems, a
 * descriptor table, and a current directory.
 *
 * Every call returns `>= 0` (a descriptor, a count, an offset, 0 for done)
 * or `-Errno.X`; nothing panics on a bad path, descriptor or argument.
 *
 * Policy:
 * - Paths are normalised lexically into a canonical absolute path
 *   (path.ts), then served by the mount with the longest matching path
 *   (mount-table.ts); the file system sees the rest, relative to its root.
 *   Path calls take their buffer from a preallocated pool (lookup.ts): no
 *   allocation per call.
 * - One current directory for the whole kernel (`chdir`/`getcwd`), kept as
 *   a canonical path: renaming or removing it (or an ancestor) leaves it
 *   naming the old path.
 * - Descriptors (fd-table.ts): the lowest free one; each has its offset,
 *   updated under the open file's Mutex in the same step as the read,
 *   write or readdir that uses it; with Append the write goes to the size
 *   the file system reports at that moment. Two descriptors of one file
 *   share only the data (as with two POSIX opens).
 * - A mount is busy (unmount: EBUSY) while a descriptor is open on it or a
 *   call is running in it. Mount points cannot be renamed or removed
 *   (EBUSY); a rename between mounts is EXDEV.
 * - Open flags: exactly one of Read, Write, ReadWrite; Truncate and Append
 *   need write access, Exclusive needs Create, no unknown bits (else
 *   EINVAL). Directories open with Read only (opendir, or open + readdir).
 *
 * Locks (all taken briefly and never nested, except as noted): the mount
 * table's and the descriptor table's SpinLocks, the cwd SpinLock (held
 * while a relative path is joined to the cwd), the lookup pool's; an open
 * file's Mutex is held across one file system call, which takes the file
 * system's own lock inside it.
 */
import { SpinLock } from '@unishyper/sync';
import { Errno } from './errno';
import { DirEntry, FileSystem, FsStats, NodeType, OpenFlags, Stat } from './file-system';
import { FdTable, OpenFile } from './fd-table';
import { Lookup, LookupPool } from './lookup';
import { MountTable } from './mount-table';
import { PathBuf } from './path';
import { release, StrBuf } from '@unishyper/rt';

/** lseek's `whence`. */
export const Seek = {
  Set: 0,
  Cur: 1,
  End: 2,
} as const;

/** Default descriptor table size. */
export const DEFAULT_MAX_FDS = 64;
/** Default mount table size (the root included). */
export const DEFAULT_MAX_MOUNTS = 8;
/** Path calls in flight at once before one waits for a buffer. */
export const LOOKUPS = 8;

/** One row of the mount listing: its path, the file system's type name, read-only. Owns its buffer. */
export class MountInfo {
  readonly path: StrBuf = new StrBuf(4096);
  typeName = '';
  readOnly = false;

  [Symbol.dispose](): void {
    this.path[Symbol.dispose]();
    release(this.path);
  }
}

/** 0, or -EINVAL for a combination of open flags the vfs refuses. */
export function checkOpenFlags(flags: number): number {
  const access = flags & OpenFlags.ReadWrite;
  if ((flags & ~63) !== 0 || access === 0) return -Errno.EINVAL;
  const writes = (access & OpenFlags.Write) !== 0;
  if ((flags & (OpenFlags.Truncate | OpenFlags.Append)) !== 0 && !writes) return -Errno.EINVAL;
  if ((flags & OpenFlags.Exclusive) !== 0 && (flags & OpenFlags.Create) === 0) return -Errno.EINVAL;
  return 0;
}

export class Vfs {
  private readonly mounts: MountTable;
  private readonly fds: FdTable;
  private readonly lookups: LookupPool;
  /** Second buffers, for rename's target (always taken after a first one). */
  private readonly seconds: LookupPool;
  private readonly cwd: PathBuf = new PathBuf();
  private readonly cwdLock: SpinLock = new SpinLock('vfs cwd');

  /** A tree with `root` at "/", `maxFds` descriptors and room for `maxMounts` mounts (the root included). */
  constructor(root: FileSystem, maxFds: number, maxMounts: number) {
    this.mounts = new MountTable(root, maxMounts);
    this.fds = new FdTable(maxFds);
    this.lookups = new LookupPool(LOOKUPS, this.mounts);
    this.seconds = new LookupPool(2, this.mounts);
  }

  // ---- mounts ----------------------------------------------------------------

  /** Mounts `fs` at `path`, an existing directory with nothing mounted on it. ENOENT, ENOTDIR, EBUSY, ENOSPC (table full). */
  mount(path: string, fs: FileSystem): number {
    using l = this.lookups.take();
    let r = this.resolve(path, l);
    if (r === 0) r = this.expectDir(l, true);
    if (r === 0) r = this.mounts.add(l.path, fs);
    return r;
  }

  /**
   * Syncs and removes the file system mounted at `path` (the caller still
   * owns it). EINVAL: nothing is mounted there; EBUSY: the root, a
   * descriptor open in it, a call running in it, or a mount inside it.
   */
  unmount(path: string): number {
    using l = this.lookups.take();
    let r = this.resolve(path, l);
    if (r === 0 && !l.atMountRoot()) r = -Errno.EINVAL;
    if (r === 0 && l.path.len === 0) r = -Errno.EBUSY;
    if (r === 0) r = l.fs().sync();
    if (r === 0) {
      this.mounts.drop(l.mount!);
      l.mount = null;
      r = this.mounts.remove(l.path);
    }
    return r;
  }

  /** Fills `out` with mount number `index` (the root first); 1 when filled, 0 past the last. */
  mountInfo(index: number, out: MountInfo): number {
    const m = this.mounts.acquireNth(index);
    if (m === null) return 0;
    out.path.clear();
    out.path.push(m.pathText());
    out.typeName = m.fs.typeName();
    out.readOnly = m.fs.readOnly();
    this.mounts.drop(m);
    return 1;
  }

  // ---- the current directory -----------------------------------------------

  chdir(path: string): number {
    using l = this.lookups.take();
    let r = this.resolve(path, l);
    if (r === 0) r = this.expectDir(l, true);
    if (r === 0) {
      this.cwdLock.lock();
      this.cwd.copyFrom(l.path);
      this.cwdLock.unlock();
    }
    return r;
  }

  /** Appends the current directory to `out`; its length, or -ENAMETOOLONG when `out` has no room. */
  getcwd(out: StrBuf): number {
    this.cwdLock.lock();
    const n = this.cwd.len === 0 ? 1 : this.cwd.len;
    let r = n;
    if (out.capacity() - out.len() < n) r = -Errno.ENAMETOOLONG;
    else if (this.cwd.len === 0) out.pushByte(47);
    else for (let i = 0; i < n; i++) out.pushByte(this.cwd.byteAt(i));
    this.cwdLock.unlock();
    return r;
  }

  // ---- descriptors ---------------------------------------------------------

  /** Opens `path` (OpenFlags) and returns the lowest free descriptor. */
  open(path: string, flags: number): number {
    return this.openPath(path, flags, false);
  }

  /** Opens a directory for readdir (ENOTDIR for a file). */
  opendir(path: string): number {
    return this.openPath(path, OpenFlags.Read, true);
  }

  close(fd: number): number {
    const f = this.fds.get(fd);
    if (f === null) return -Errno.EBADF;
    const detached = this.fds.detach(fd, f);
    const r = this.putFile(f);
    return detached ? r : -Errno.EBADF;
  }

  /** Reads up to `len` bytes at the descriptor's offset into memory at `buf`; the count (0 at the end). */
  read(fd: number, buf: number, len: number): number {
    if (len < 0) return -Errno.EINVAL;
    const f = this.fds.get(fd);
    if (f === null) return -Errno.EBADF;
    let r = 0;
    if ((f.flags & OpenFlags.Read) === 0) r = -Errno.EBADF;
    else if (f.isDir) r = -Errno.EISDIR;
    else {
      f.lock.lock();
      r = f.mount!.fs.read(f.handle, f.offset, buf, len);
      if (r > 0) f.offset += r;
      f.lock.unlock();
    }
    const c = this.putFile(f);
    return r < 0 ? r : c < 0 ? c : r;
  }

  /** Writes `len` bytes from memory at `buf` at the offset (at the end with Append); the count. */
  write(fd: number, buf: number, len: number): number {
    if (len < 0) return -Errno.EINVAL;
    const f = this.fds.get(fd);
    if (f === null) return -Errno.EBADF;
    let r = 0;
    if ((f.flags & OpenFlags.Write) === 0) r = -Errno.EBADF;
    else {
      const fs = f.mount!.fs;
      f.lock.lock();
      let at = f.offset;
      if ((f.flags & OpenFlags.Append) !== 0) at = fs.size(f.handle);
      r = at < 0 ? at : fs.write(f.handle, at, buf, len);
      if (r >= 0) f.offset = at + r;
      f.lock.unlock();
    }
    const c = this.putFile(f);
    return r < 0 ? r : c < 0 ? c : r;
  }

  /** Moves the offset (Seek.Set/Cur/End); the new offset. Past the end is allowed, below 0 is EINVAL. */
  lseek(fd: number, offset: number, whence: number): number {
    const f = this.fds.get(fd);
    if (f === null) return -Errno.EBADF;
    f.lock.lock();
    let base = -1;
    if (whence === Seek.Set) base = 0;
    else if (whence === Seek.Cur) base = f.offset;
    else if (whence === Seek.End) base = f.mount!.fs.size(f.handle);
    let r = 0;
    if (whence < Seek.Set || whence > Seek.End) r = -Errno.EINVAL;
    else if (base < 0) r = base;
    else if (base + offset < 0) r = -Errno.EINVAL;
    else {
      f.offset = base + offset;
      r = f.offset;
    }
    f.lock.unlock();
    const c = this.putFile(f);
    return r < 0 ? r : c < 0 ? c : r;
  }

  fstat(fd: number, out: Stat): number {
    const f = this.fds.get(fd);
    if (f === null) return -Errno.EBADF;
    const r = f.mount!.fs.fstat(f.handle, out);
    const c = this.putFile(f);
    return r < 0 ? r : c;
  }

  /** Sets the size of a file open for writing (EINVAL otherwise, or for a negative size). */
  ftruncate(fd: number, size: number): number {
    const f = this.fds.get(fd);
    if (f === null) return -Errno.EBADF;
    let r = 0;
    if ((f.flags & OpenFlags.Write) === 0 || size < 0) r = -Errno.EINVAL;
    else r = f.mount!.fs.truncate(f.handle, size);
    const c = this.putFile(f);
    return r < 0 ? r : c;
  }

  fsync(fd: number): number {
    const f = this.fds.get(fd);
    if (f === null) return -Errno.EBADF;
    const r = f.mount!.fs.fsync(f.handle);
    const c = this.putFile(f);
    return r < 0 ? r : c;
  }

  /** Reads the next entry of an open directory into `out`: 1, or 0 at the end (ENOTDIR for a file). */
  readdir(fd: number, out: DirEntry): number {
    const f = this.fds.get(fd);
    if (f === null) return -Errno.EBADF;
    let r = 0;
    if (!f.isDir) r = -Errno.ENOTDIR;
    else {
      f.lock.lock();
      r = f.mount!.fs.readdir(f.handle, f.offset, out);
      if (r > 0) f.offset++;
      f.lock.unlock();
    }
    const c = this.putFile(f);
    return r < 0 ? r : c < 0 ? c : r;
  }

  /** Descriptors open now. */
  openCount(): number {
    return this.fds.openCount();
  }

  /** Path buffers in use now (0 between calls: every call gives its buffers back). */
  lookupsInUse(): number {
    return this.lookups.inUse() + this.seconds.inUse();
  }

  // ---- paths ---------------------------------------------------------------

  stat(path: string, out: Stat): number {
    using l = this.lookups.take();
    let r = this.resolve(path, l);
    if (r === 0) r = l.fs().stat(l.relPath(), out);
    if (r === 0 && l.path.mustBeDir && out.type !== NodeType.Directory) r = -Errno.ENOTDIR;
    return r;
  }

  mkdir(path: string): number {
    using l = this.lookups.take();
    let r = this.resolve(path, l);
    if (r === 0 && l.atMountRoot()) r = -Errno.EEXIST;
    if (r === 0) r = l.fs().mkdir(l.relPath());
    return r;
  }

  rmdir(path: string): number {
    using l = this.lookups.take();
    let r = this.resolve(path, l);
    if (r === 0 && l.path.dotLast) r = -Errno.EINVAL;
    if (r === 0 && (l.atMountRoot() || this.mounts.hasMountWithin(l.path))) r = -Errno.EBUSY;
    if (r === 0) r = l.fs().rmdir(l.relPath());
    return r;
  }

  unlink(path: string): number {
    using l = this.lookups.take();
    let r = this.resolve(path, l);
    if (r === 0 && l.atMountRoot()) r = -Errno.EISDIR;
    if (r === 0 && l.path.mustBeDir) r = this.expectDir(l, false);
    if (r === 0) r = l.fs().unlink(l.relPath());
    return r;
  }

  /** Moves `from` to `to` in one file system (EXDEV across mounts; EBUSY for a mount point or the root). */
  rename(from: string, to: string): number {
    using a = this.lookups.take();
    using b = this.seconds.take();
    let r = this.resolve(from, a);
    if (r === 0) r = this.resolve(to, b);
    if (r === 0 && (a.path.dotLast || b.path.dotLast)) r = -Errno.EINVAL;
    if (r === 0 && (a.atMountRoot() || b.atMountRoot() || this.mounts.hasMountWithin(a.path) || this.mounts.hasMountWithin(b.path))) r = -Errno.EBUSY;
    if (r === 0 && a.mount !== b.mount) r = -Errno.EXDEV;
    if (r === 0 && (a.path.mustBeDir || b.path.mustBeDir)) r = this.expectDir(a, false);
    if (r === 0) r = a.fs().rename(a.relPath(), b.relPath());
    return r;
  }

  /** Sets the size of the file at `path` (EISDIR for a directory, EINVAL for a negative size). */
  truncate(path: string, size: number): number {
    if (size < 0) return -Errno.EINVAL;
    using l = this.lookups.take();
    let r = this.resolve(path, l);
    if (r === 0 && l.path.mustBeDir) r = this.expectDir(l, false);
    if (r === 0) {
      const fs = l.fs();
      const h = fs.open(l.relPath(), OpenFlags.Write);
      if (h < 0) r = h;
      else {
        r = fs.truncate(h, size);
        const c = fs.close(h);
        if (r === 0) r = c;
      }
    }
    return r;
  }

  statfs(path: string, out: FsStats): number {
    using l = this.lookups.take();
    let r = this.resolve(path, l);
    if (r === 0) r = l.fs().stat(l.relPath(), l.stat);
    if (r === 0) r = l.fs().statfs(out);
    return r;
  }

  /** Syncs every mounted file system; 0, or the first error (all are tried). */
  sync(): number {
    let r = 0;
    for (let i = 0; ; i++) {
      const m = this.mounts.acquireNth(i);
      if (m === null) break;
      const s = m.fs.sync();
      if (r === 0 && s < 0) r = s;
      this.mounts.drop(m);
    }
    return r;
  }

  /** Frees the vfs: every descriptor closed, nothing but the root mounted. The root file system stays the caller's. */
  [Symbol.dispose](): void {
    this.lookups.destroy();
    this.seconds.destroy();
    this.fds.destroy();
    this.mounts.destroy();
    this.cwd.destroy();
    this.cwdLock.destroy();
  }

  // ---- helpers -------------------------------------------------------------

  /** Normalises `path` into `l` and takes a use of its mount. */
  private resolve(path: string, l: Lookup): number {
    this.cwdLock.lock();
    const r = l.path.normalize(path, this.cwd);
    this.cwdLock.unlock();
    if (r === 0) l.resolveMount(this.mounts);
    return r;
  }

  /**
   * Whether `l` names a directory: 0; -ENOTDIR for a file; the stat error
   * otherwise (-ENOENT). With `mustExist` false, a missing node is 0 (the
   * operation itself reports it).
   */
  private expectDir(l: Lookup, mustExist: boolean): number {
    const r = l.fs().stat(l.relPath(), l.stat);
    if (r === -Errno.ENOENT && !mustExist) return 0;
    if (r < 0) return r;
    return l.stat.type === NodeType.Directory ? 0 : -Errno.ENOTDIR;
  }

  private openPath(path: string, flags: number, dirOnly: boolean): number {
    let r = checkOpenFlags(flags);
    if (r < 0) return r;
    const fd = this.fds.reserve();
    if (fd < 0) return fd;
    using l = this.lookups.take();
    r = this.resolve(path, l);
    if (r === 0 && (dirOnly || l.path.mustBeDir)) {
      r = this.expectDir(l, true);
      // POSIX: creating "name/" is EISDIR.
      if (r === -Errno.ENOENT && (flags & OpenFlags.Create) !== 0 && !dirOnly) r = -Errno.EISDIR;
    }
    let h = -1;
    if (r === 0) {
      h = l.fs().open(l.relPath(), flags);
      if (h < 0) r = h;
    }
    if (r === 0) r = l.fs().fstat(h, l.stat);
    if (r < 0) {
      if (h >= 0) l.fs().close(h);
      this.fds.unreserve(fd);
      return r;
    }
    const f = this.fds.reserved(fd);
    const m = l.mount!;
    this.mounts.retain(m); // the descriptor's own use, dropped at its last close
    f.mount = m;
    f.handle = h;
    f.flags = flags;
    f.isDir = l.stat.type === NodeType.Directory;
    f.offset = 0;
    this.fds.publish(fd);
    return fd;
  }

  /** Drops a reference to `f`; the last one closes the handle and frees the mount use. 0 or the close error. */
  private putFile(f: OpenFile): number {
    if (!this.fds.put(f)) return 0;
    const m = f.mount!;
    const r = m.fs.close(f.handle);
    this.mounts.drop(m);
    this.fds.recycle(f);
    return r;
  }
}
