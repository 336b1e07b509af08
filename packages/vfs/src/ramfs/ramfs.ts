/**
 * ramfs: a FileSystem whose files and directories live in kernel heap
 * memory (the file system at "/").
 *
 * Policy:
 * - One Mutex guards the whole file system (every public method takes it
 *   around a private *Locked body): simple and correct; copies are memory
 *   speed. A sleeping lock, because a large copy may take a while.
 * - File data is one heap block per file, grown by doubling (at least 64
 *   bytes) and freed when the file is cut to 0. `limitBytes` bounds the sum
 *   of the blocks: growth beyond it is ENOSPC (before the kernel heap runs
 *   out). A file may not grow past MAX_FILE_SIZE (EFBIG).
 * - Handles index a table of `MAX_HANDLES` open nodes (EMFILE when full);
 *   a node unlinked while open keeps its data until its last close.
 * - readdir is in creation order; entry `index` costs O(index).
 * - No clock yet: times are 0.
 * - `setReadOnly(true)` makes every change EROFS (for tests and for
 *   freezing a tree).
 * Paths are the vfs's canonical relative paths; anything else (an empty
 * component, a long name) is an error, never a panic.
 */
import { allocBytes, FixedArray, freeBytes, idiv, memcpy, memset, release, strByteAt, strLen } from '@unishyper/rt';
import { Mutex } from '@unishyper/sync';
import { Errno } from '../errno';
import { DirEntry, FileSystem, FsStats, NAME_MAX, NodeType, OpenFlags, Stat } from '../file-system';
import { RamNode } from './node';

/** Open handles a ramfs holds at once. */
export const MAX_HANDLES = 256;
/** Largest file, in bytes (2 GiB - 1). */
export const MAX_FILE_SIZE = 2147483647;
/** The block size statfs reports. */
export const RAMFS_BLOCK = 512;
const MIN_DATA = 64;
const SLASH = 47;

export class RamFs implements FileSystem {
  private readonly lock: Mutex = new Mutex('ramfs');
  private readonly root: RamNode;
  private readonly handles: FixedArray<RamNode | null> = new FixedArray<RamNode | null>(MAX_HANDLES, null);
  private readonly handleFlags: FixedArray<number> = new FixedArray<number>(MAX_HANDLES, 0);
  private usedBytes = 0;
  private nextIno = 2;
  private ro = false;
  /** The error of the last failed find (under the lock). */
  private err = 0;
  /** Where the last name of a path starts, after findParent (under the lock). */
  private nameStart = 0;

  /** A file system holding at most `limitBytes` of file data. */
  constructor(readonly limitBytes: number) {
    this.root = new RamNode(NodeType.Directory, 1);
  }

  typeName(): string {
    return 'ramfs';
  }

  readOnly(): boolean {
    return this.ro;
  }

  setReadOnly(ro: boolean): void {
    this.ro = ro;
  }

  /** Bytes of file data held (sum of the data blocks). */
  dataBytes(): number {
    return this.usedBytes;
  }

  // ---- handles -------------------------------------------------------------

  open(path: string, flags: number): number {
    this.lock.lock();
    const r = this.openLocked(path, flags);
    this.lock.unlock();
    return r;
  }

  close(handle: number): number {
    this.lock.lock();
    const node = this.nodeOf(handle);
    let r = -Errno.EBADF;
    if (node !== null) {
      this.handles.set(handle, null);
      node.opens--;
      this.freeIfUnused(node);
      r = 0;
    }
    this.lock.unlock();
    return r;
  }

  read(handle: number, offset: number, buf: number, len: number): number {
    this.lock.lock();
    const node = this.nodeOf(handle);
    let r = 0;
    if (node === null || !this.canRead(handle)) r = -Errno.EBADF;
    else if (node.isDir()) r = -Errno.EISDIR;
    else if (offset < 0 || len < 0) r = -Errno.EINVAL;
    else if (offset < node.size) {
      r = node.size - offset < len ? node.size - offset : len;
      memcpy(buf, node.data + offset, r);
    }
    this.lock.unlock();
    return r;
  }

  write(handle: number, offset: number, buf: number, len: number): number {
    this.lock.lock();
    const node = this.nodeOf(handle);
    let r = 0;
    if (node === null || !this.canWrite(handle)) r = -Errno.EBADF;
    else if (node.isDir()) r = -Errno.EISDIR;
    else if (offset < 0 || len < 0) r = -Errno.EINVAL;
    else if (this.ro) r = -Errno.EROFS;
    else if (len > 0) {
      r = this.resize(node, offset + len > node.size ? offset + len : node.size, offset);
      if (r === 0) {
        memcpy(node.data + offset, buf, len);
        r = len;
      }
    }
    this.lock.unlock();
    return r;
  }

  truncate(handle: number, size: number): number {
    this.lock.lock();
    const node = this.nodeOf(handle);
    let r = 0;
    if (node === null) r = -Errno.EBADF;
    else if (node.isDir()) r = -Errno.EISDIR;
    else if (!this.canWrite(handle) || size < 0) r = -Errno.EINVAL;
    else if (this.ro) r = -Errno.EROFS;
    else r = this.resize(node, size, size);
    this.lock.unlock();
    return r;
  }

  size(handle: number): number {
    this.lock.lock();
    const node = this.nodeOf(handle);
    const r = node === null ? -Errno.EBADF : node.size;
    this.lock.unlock();
    return r;
  }

  fstat(handle: number, out: Stat): number {
    this.lock.lock();
    const node = this.nodeOf(handle);
    let r = -Errno.EBADF;
    if (node !== null) {
      this.fill(node, out);
      r = 0;
    }
    this.lock.unlock();
    return r;
  }

  fsync(handle: number): number {
    this.lock.lock();
    const r = this.nodeOf(handle) === null ? -Errno.EBADF : 0;
    this.lock.unlock();
    return r;
  }

  readdir(handle: number, index: number, out: DirEntry): number {
    this.lock.lock();
    const node = this.nodeOf(handle);
    let r = 0;
    if (node === null) r = -Errno.EBADF;
    else if (!node.isDir()) r = -Errno.ENOTDIR;
    else if (index < 0) r = -Errno.EINVAL;
    else {
      const c = node.childAt(index);
      if (c !== null) {
        out.type = c.type;
        out.size = c.size;
        out.name.clear();
        c.copyName(out.name);
        r = 1;
      }
    }
    this.lock.unlock();
    return r;
  }

  // ---- paths ---------------------------------------------------------------

  stat(path: string, out: Stat): number {
    this.lock.lock();
    const node = this.find(path, strLen(path));
    let r = 0;
    if (node === null) r = this.err;
    else this.fill(node, out);
    this.lock.unlock();
    return r;
  }

  mkdir(path: string): number {
    this.lock.lock();
    const r = this.mkdirLocked(path);
    this.lock.unlock();
    return r;
  }

  rmdir(path: string): number {
    this.lock.lock();
    const r = this.removeLocked(path, true);
    this.lock.unlock();
    return r;
  }

  unlink(path: string): number {
    this.lock.lock();
    const r = this.removeLocked(path, false);
    this.lock.unlock();
    return r;
  }

  rename(from: string, to: string): number {
    this.lock.lock();
    const r = this.renameLocked(from, to);
    this.lock.unlock();
    return r;
  }

  sync(): number {
    return 0;
  }

  statfs(out: FsStats): number {
    this.lock.lock();
    out.blockSize = RAMFS_BLOCK;
    out.totalBlocks = idiv(this.limitBytes, RAMFS_BLOCK);
    out.freeBlocks = idiv(this.limitBytes - this.usedBytes, RAMFS_BLOCK);
    this.lock.unlock();
    return 0;
  }

  // ---- bodies, under the lock ------------------------------------------------

  private openLocked(path: string, flags: number): number {
    const access = flags & OpenFlags.ReadWrite;
    if (access === 0 || (flags & ~63) !== 0) return -Errno.EINVAL;
    const n = strLen(path);
    let node = this.find(path, n);
    if (node !== null) {
      if ((flags & OpenFlags.Create) !== 0 && (flags & OpenFlags.Exclusive) !== 0) return -Errno.EEXIST;
      if (node.isDir() && access !== OpenFlags.Read) return -Errno.EISDIR;
      if (this.ro && access !== OpenFlags.Read) return -Errno.EROFS;
    } else if (this.err !== -Errno.ENOENT || (flags & OpenFlags.Create) === 0) return this.err;
    let h = -1;
    for (let i = 0; i < MAX_HANDLES && h < 0; i++) if (this.handles.get(i) === null) h = i;
    if (h < 0) return -Errno.EMFILE;
    if (node === null) {
      const parent = this.findParent(path, n);
      if (parent === null) return this.err;
      if (this.ro) return -Errno.EROFS;
      node = new RamNode(NodeType.File, this.nextIno);
      this.nextIno++;
      node.setName(path, this.nameStart, n - this.nameStart);
      parent.addChild(node);
    }
    if ((flags & OpenFlags.Truncate) !== 0 && !node.isDir() && access !== OpenFlags.Read) this.resize(node, 0, 0);
    this.handles.set(h, node);
    this.handleFlags.set(h, flags);
    node.opens++;
    return h;
  }

  private mkdirLocked(path: string): number {
    const n = strLen(path);
    if (n === 0) return -Errno.EEXIST;
    const parent = this.findParent(path, n);
    if (parent === null) return this.err;
    if (parent.findChild(path, this.nameStart, n - this.nameStart) !== null) return -Errno.EEXIST;
    if (this.ro) return -Errno.EROFS;
    const d = new RamNode(NodeType.Directory, this.nextIno);
    this.nextIno++;
    d.setName(path, this.nameStart, n - this.nameStart);
    parent.addChild(d);
    return 0;
  }

  private removeLocked(path: string, dir: boolean): number {
    const n = strLen(path);
    if (n === 0) return dir ? -Errno.EBUSY : -Errno.EISDIR;
    const node = this.find(path, n);
    if (node === null) return this.err;
    if (dir && !node.isDir()) return -Errno.ENOTDIR;
    if (!dir && node.isDir()) return -Errno.EISDIR;
    if (dir && node.children > 0) return -Errno.ENOTEMPTY;
    if (this.ro) return -Errno.EROFS;
    this.detachNode(node);
    return 0;
  }

  private renameLocked(from: string, to: string): number {
    const fn = strLen(from);
    const tn = strLen(to);
    if (fn === 0 || tn === 0) return -Errno.EBUSY;
    const src = this.find(from, fn);
    if (src === null) return this.err;
    const parent = this.findParent(to, tn);
    if (parent === null) return this.err;
    const start = this.nameStart;
    if (within(to, tn, from, fn)) return tn === fn ? 0 : -Errno.EINVAL;
    const dst = parent.findChild(to, start, tn - start);
    if (dst === src) return 0;
    if (dst !== null) {
      if (src.isDir() && !dst.isDir()) return -Errno.ENOTDIR;
      if (!src.isDir() && dst.isDir()) return -Errno.EISDIR;
      if (dst.isDir() && dst.children > 0) return -Errno.ENOTEMPTY;
    }
    if (this.ro) return -Errno.EROFS;
    if (dst !== null) this.detachNode(dst);
    src.parent!.removeChild(src);
    src.setName(to, start, tn - start);
    parent.addChild(src);
    return 0;
  }

  // ---- helpers ---------------------------------------------------------------

  /** The node at bytes [0, n) of `path`, or null with `err` set (ENOENT, ENOTDIR, EINVAL, ENAMETOOLONG). */
  private find(path: string, n: number): RamNode | null {
    let node = this.root;
    let i = 0;
    while (i < n) {
      const start = i;
      while (i < n && strByteAt(path, i) !== SLASH) i++;
      const len = i - start;
      if (len === 0) {
        this.err = -Errno.EINVAL;
        return null;
      }
      if (len > NAME_MAX) {
        this.err = -Errno.ENAMETOOLONG;
        return null;
      }
      if (!node.isDir()) {
        this.err = -Errno.ENOTDIR;
        return null;
      }
      const c = node.findChild(path, start, len);
      if (c === null) {
        this.err = -Errno.ENOENT;
        return null;
      }
      node = c;
      i++; // past the '/'
    }
    return node;
  }

  /** The directory that would hold the last name of `path` (n > 0), setting `nameStart`; or null with `err`. */
  private findParent(path: string, n: number): RamNode | null {
    let slash = n - 1;
    while (slash >= 0 && strByteAt(path, slash) !== SLASH) slash--;
    const nameLen = n - slash - 1;
    if (nameLen === 0) {
      this.err = -Errno.EINVAL;
      return null;
    }
    if (nameLen > NAME_MAX) {
      this.err = -Errno.ENAMETOOLONG;
      return null;
    }
    const parent = slash < 0 ? this.root : this.find(path, slash);
    if (parent === null) return null;
    if (!parent.isDir()) {
      this.err = -Errno.ENOTDIR;
      return null;
    }
    this.nameStart = slash + 1;
    return parent;
  }

  private nodeOf(handle: number): RamNode | null {
    if (handle < 0 || handle >= MAX_HANDLES) return null;
    return this.handles.get(handle);
  }

  private canRead(handle: number): boolean {
    return (this.handleFlags.get(handle) & OpenFlags.Read) !== 0;
  }

  private canWrite(handle: number): boolean {
    return (this.handleFlags.get(handle) & OpenFlags.Write) !== 0;
  }

  /**
   * Sets the file's size to `size`, zeroing any gap between the old size
   * and `zeroTo` (the bytes a caller does not overwrite itself). 0, -ENOSPC
   * or -EFBIG.
   */
  private resize(node: RamNode, size: number, zeroTo: number): number {
    if (size > MAX_FILE_SIZE) return -Errno.EFBIG;
    if (size === 0) {
      if (node.data !== 0) freeBytes(node.data);
      this.usedBytes -= node.cap;
      node.data = 0;
      node.cap = 0;
      node.size = 0;
      return 0;
    }
    if (size > node.cap) {
      let cap = node.cap * 2;
      if (cap < MIN_DATA) cap = MIN_DATA;
      if (cap < size) cap = size;
      if (this.usedBytes - node.cap + cap > this.limitBytes) cap = size;
      if (this.usedBytes - node.cap + cap > this.limitBytes) return -Errno.ENOSPC;
      const data = allocBytes(cap, 16);
      if (node.data !== 0) {
        memcpy(data, node.data, node.size);
        freeBytes(node.data);
      }
      this.usedBytes += cap - node.cap;
      node.data = data;
      node.cap = cap;
    }
    const gapEnd = zeroTo < size ? zeroTo : size;
    if (gapEnd > node.size) memset(node.data + node.size, 0, gapEnd - node.size);
    node.size = size;
    return 0;
  }

  private fill(node: RamNode, out: Stat): void {
    out.type = node.type;
    out.size = node.isDir() ? 0 : node.size;
    out.allocated = node.cap;
    const mode = node.isDir() ? 0o40755 : 0o100644;
    out.mode = this.ro ? mode & ~0o222 : mode;
    out.mtime = 0;
    out.atime = 0;
    out.ctime = 0;
    out.ino = node.ino;
  }

  /** Takes `node` out of the tree; frees it now or at its last close. */
  private detachNode(node: RamNode): void {
    node.parent!.removeChild(node);
    node.linked = false;
    this.freeIfUnused(node);
  }

  private freeIfUnused(node: RamNode): void {
    if (node.linked || node.opens > 0) return;
    this.usedBytes -= node.cap;
    node.freeContents();
    release(node);
  }

  /** Frees every node, the tables and the lock's memory it can (no handle may be open). */
  [Symbol.dispose](): void {
    for (let h = 0; h < MAX_HANDLES; h++) {
      const n = this.handles.get(h);
      if (n !== null) {
        this.handles.set(h, null);
        n.opens--;
        this.freeIfUnused(n);
      }
    }
    const root = this.root;
    while (root.firstChild !== null) {
      let n = root.firstChild;
      while (n.firstChild !== null) n = n.firstChild;
      n.parent!.removeChild(n);
      n.freeContents();
      release(n);
    }
    root.freeContents();
    release(root);
    release(this.handles);
    release(this.handleFlags);
    this.lock[Symbol.dispose]();
    release(this.lock);
  }
}

/** Whether bytes [0, n) of `p` are `q` (length m) or a path inside it. */
function within(p: string, n: number, q: string, m: number): boolean {
  if (m > n) return false;
  for (let i = 0; i < m; i++) if (strByteAt(p, i) !== strByteAt(q, i)) return false;
  return m === n || strByteAt(p, m) === SLASH;
}
