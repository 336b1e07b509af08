/**
 * The unilib file system: the vfs's FileSystem contract with every
 * operation offloaded through a conduit (conduit.ts) to files the host or
 * hypervisor owns, instead of a file system and block driver in the image:
 * the original Unishyper's "Unilib-FS", mounted at /unilibfs.
 *
 * Safety: a path that could leave the served directory is refused with
 * EPERM before it reaches the conduit (an absolute path, "." or "..", an
 * empty component, a NUL byte), whatever the vfs already normalised. Host
 * errors come back as -Errno values; nothing panics.
 *
 * One lock around every call: the conduit has one parameter block, and
 * semihosting operations are not atomic (a seek, then a read).
 */
import { FixedArray, release, StrBuf, strByteAt, strLen } from '@unishyper/rt';
import { Mutex } from '@unishyper/sync';
import { Errno, FsStats, NodeType, OpenFlags, PATH_MAX, Stat, type DirEntry, type FileSystem } from '@unishyper/vfs';
import { Mode, NodeInfo, type UnilibConduit } from './conduit';
import { checkUnilibPath } from './path-check';

/** Files and directories open at once. */
export const UNILIB_MAX_HANDLES = 64;
const ACCESS_MASK = 3;
/** What pathOp does. */
const PathOp = { Mkdir: 0, Rmdir: 1, Unlink: 2, Rename: 3 } as const;

/** One open node: the conduit's handle for a file, or a directory's path (for readdir). */
class OpenNode {
  constructor(
    readonly host: number,
    readonly dir: StrBuf | null,
  ) {}
}

export class UnilibFs implements FileSystem {
  private readonly nodes = new FixedArray<OpenNode | null>(UNILIB_MAX_HANDLES, null);
  private readonly lock = new Mutex('unilib');
  /** The conduit's stat answers, under the lock. */
  private readonly info = new NodeInfo();

  private constructor(private readonly conduit: UnilibConduit) {}

  /** The file system on `conduit`, or the conduit's -Errno when it serves nothing (ENODEV). */
  static open(conduit: UnilibConduit, status: FixedArray<number>): UnilibFs | null {
    const r = conduit.init();
    status.set(0, r);
    return r < 0 ? null : new UnilibFs(conduit);
  }

  typeName(): string {
    return 'unilib';
  }

  readOnly(): boolean {
    return false;
  }

  open(path: string, flags: number): number {
    this.lock.lock();
    const r = this.openLocked(path, flags);
    this.lock.unlock();
    return r;
  }

  close(handle: number): number {
    this.lock.lock();
    const node = this.node(handle);
    let r = -Errno.EBADF;
    if (node !== null) {
      this.nodes.set(handle, null);
      const dir = node.dir;
      if (dir === null) r = this.conduit.close(node.host);
      else {
        dir[Symbol.dispose]();
        release(dir);
        r = 0;
      }
      release(node);
    }
    this.lock.unlock();
    return r;
  }

  read(handle: number, offset: number, buf: number, len: number): number {
    this.lock.lock();
    const node = this.node(handle);
    const r = node === null ? -Errno.EBADF : node.dir !== null ? -Errno.EISDIR : this.conduit.read(node.host, offset, buf, len);
    this.lock.unlock();
    return r;
  }

  write(handle: number, offset: number, buf: number, len: number): number {
    this.lock.lock();
    const node = this.node(handle);
    const r = node === null ? -Errno.EBADF : node.dir !== null ? -Errno.EISDIR : this.conduit.write(node.host, offset, buf, len);
    this.lock.unlock();
    return r;
  }

  /** The conduits cannot cut a file short (semihosting has no ftruncate): only a size it already has. */
  truncate(handle: number, size: number): number {
    const now = this.size(handle);
    if (now < 0) return now;
    return now === size ? 0 : -Errno.ENOSYS;
  }

  size(handle: number): number {
    this.lock.lock();
    const node = this.node(handle);
    const r = node === null ? -Errno.EBADF : node.dir !== null ? 0 : this.conduit.length(node.host);
    this.lock.unlock();
    return r;
  }

  fstat(handle: number, out: Stat): number {
    this.lock.lock();
    const node = this.node(handle);
    let r = -Errno.EBADF;
    if (node !== null) {
      const size = node.dir !== null ? 0 : this.conduit.length(node.host);
      r = size < 0 ? size : fillStat(out, node.dir !== null ? NodeType.Directory : NodeType.File, size, handle);
    }
    this.lock.unlock();
    return r;
  }

  /** The host has the bytes once the conduit returned; there is nothing of ours to flush. */
  fsync(handle: number): number {
    return this.node(handle) === null ? -Errno.EBADF : 0;
  }

  readdir(handle: number, index: number, out: DirEntry): number {
    this.lock.lock();
    const node = this.node(handle);
    const dir = node === null ? null : node.dir;
    const r = node === null ? -Errno.EBADF : dir === null ? -Errno.ENOTDIR : this.conduit.readdir(dir.toString(), index, out);
    this.lock.unlock();
    return r;
  }

  stat(path: string, out: Stat): number {
    const bad = checkUnilibPath(path);
    if (bad < 0) return bad;
    this.lock.lock();
    let r = this.conduit.stat(path, this.info);
    if (r === 0) r = fillStat(out, this.info.kind, this.info.size, 0);
    this.lock.unlock();
    return r;
  }

  mkdir(path: string): number {
    return this.pathOp(path, '', PathOp.Mkdir);
  }

  rmdir(path: string): number {
    if (strLen(path) === 0) return -Errno.EBUSY;
    return this.pathOp(path, '', PathOp.Rmdir);
  }

  unlink(path: string): number {
    return this.pathOp(path, '', PathOp.Unlink);
  }

  rename(from: string, to: string): number {
    if (strLen(from) === 0 || strLen(to) === 0) return -Errno.EBUSY;
    if (isInside(to, from)) return -Errno.EINVAL;
    return this.pathOp(from, to, PathOp.Rename);
  }

  sync(): number {
    return 0;
  }

  /** The host's totals are not visible through either conduit. */
  statfs(_out: FsStats): number {
    return -Errno.ENOSYS;
  }

  private openLocked(path: string, flags: number): number {
    const bad = checkUnilibPath(path);
    if (bad < 0) return bad;
    const slot = this.freeSlot();
    if (slot < 0) return -Errno.EMFILE;
    const access = flags & ACCESS_MASK;
    const found = this.conduit.stat(path, this.info);
    if (found < 0 && found !== -Errno.ENOENT) return found;
    const exists = found === 0;
    const kind = exists ? this.info.kind : 0;
    if (exists && (flags & OpenFlags.Create) !== 0 && (flags & OpenFlags.Exclusive) !== 0) return -Errno.EEXIST;
    if (kind === NodeType.Directory) {
      if (access !== OpenFlags.Read) return -Errno.EISDIR;
      const dir = new StrBuf(PATH_MAX);
      dir.push(path);
      this.nodes.set(slot, new OpenNode(-1, dir));
      return slot;
    }
    if (!exists && (flags & OpenFlags.Create) === 0) return -Errno.ENOENT;
    const create = !exists || (flags & OpenFlags.Truncate) !== 0;
    const host = this.conduit.open(path, create ? Mode.Create : access === OpenFlags.Read ? Mode.Read : Mode.ReadWrite);
    if (host < 0) return host;
    this.nodes.set(slot, new OpenNode(host, null));
    return slot;
  }

  /** A PathOp under the lock, after the path checks (both paths for a rename). */
  private pathOp(path: string, to: string, op: number): number {
    const bad = checkUnilibPath(path) < 0 ? -Errno.EPERM : op === PathOp.Rename ? checkUnilibPath(to) : 0;
    if (bad < 0) return bad;
    this.lock.lock();
    let r = 0;
    if (op === PathOp.Mkdir) r = this.conduit.mkdir(path);
    else if (op === PathOp.Rmdir) r = this.conduit.rmdir(path);
    else if (op === PathOp.Unlink) {
      const found = this.conduit.stat(path, this.info);
      r = found < 0 ? found : this.info.kind === NodeType.Directory ? -Errno.EISDIR : this.conduit.unlink(path);
    } else r = this.conduit.rename(path, to);
    this.lock.unlock();
    return r;
  }

  private node(handle: number): OpenNode | null {
    return handle < 0 || handle >= UNILIB_MAX_HANDLES ? null : this.nodes.get(handle);
  }

  private freeSlot(): number {
    for (let i = 0; i < UNILIB_MAX_HANDLES; i++) if (this.nodes.get(i) === null) return i;
    return -1;
  }
}

function fillStat(out: Stat, type: number, size: number, ino: number): number {
  out.type = type;
  out.size = size;
  out.allocated = size;
  out.mode = type === NodeType.Directory ? 0o755 : 0o644;
  out.mtime = 0;
  out.atime = 0;
  out.ctime = 0;
  out.ino = ino;
  return 0;
}

/** Whether `path` is `dir` or below it. */
function isInside(path: string, dir: string): boolean {
  const n = strLen(dir);
  if (strLen(path) < n) return false;
  for (let i = 0; i < n; i++) if (strByteAt(path, i) !== strByteAt(dir, i)) return false;
  return strLen(path) === n || strByteAt(path, n) === 47;
}
