/**
 * unilib over Arm semihosting (Arm DUI 0471, "Semihosting operations"): on
 * plain QEMU (`-semihosting`), each operation traps (hlt #0xf000) and QEMU
 * performs it on the host. The served directory comes from the semihosting
 * command line (SYS_GET_CMDLINE): the CLI starts QEMU with
 * `-semihosting-config arg=unilibfs=<absolute directory>`, and every path is
 * that directory, '/', then the path unilib-fs.ts checked.
 *
 * Semihosting knows files only: no directories, so readdir, mkdir and rmdir
 * answer ENOSYS, and a directory is recognised when reading it fails with
 * the host's EISDIR. Reads and writes at an offset seek first (SYS_SEEK is
 * absolute). Results of SYS_READ/SYS_WRITE are the bytes NOT transferred.
 * Not thread-safe (one parameter block, one path buffer): unilib-fs.ts holds
 * its lock around every call.
 */
import { allocBytes, load64, load8, num, store64, store8, strByteAt, strLen, u64 } from '@unishyper/rt';
import { semihostCall } from '@unishyper/hal-aarch64';
import { Errno, errnoName, NodeType, PATH_MAX, type DirEntry } from '@unishyper/vfs';
import { Mode, type NodeInfo, type UnilibConduit } from './conduit';
import { checkUnilibPath } from './path-check';

const SYS_OPEN = 0x01;
const SYS_CLOSE = 0x02;
const SYS_WRITE = 0x05;
const SYS_READ = 0x06;
const SYS_SEEK = 0x0a;
const SYS_FLEN = 0x0c;
const SYS_REMOVE = 0x0e;
const SYS_RENAME = 0x0f;
const SYS_ERRNO = 0x13;
const SYS_GET_CMDLINE = 0x15;
/** SYS_OPEN modes: the index of the fopen mode string ("rb" 1, "r+b" 3, "w+b" 7). */
const OPEN_MODE_RB = 1;
const OPEN_MODE_RPB = 3;
const OPEN_MODE_WPB = 7;
/** The semihosting command line names the served directory after this: `-semihosting-config arg=unilibfs=/abs/dir`. */
export const CMDLINE_PREFIX = 'unilibfs=';
/** Longest served directory taken from the command line. */
export const ROOT_MAX = 1024;

export class SemihostingConduit implements UnilibConduit {
  /** Parameter block: up to four 64-bit fields. */
  private readonly block = allocBytes(32, 8);
  /** The served directory, NUL-free, without a trailing '/'; its length. */
  private readonly root = allocBytes(ROOT_MAX, 8);
  private rootLen = -1;
  /** Two C strings: root + '/' + path (the second for rename's target). */
  private readonly pathA = allocBytes(ROOT_MAX + PATH_MAX + 2, 8);
  private readonly pathB = allocBytes(ROOT_MAX + PATH_MAX + 2, 8);

  name(): string {
    return 'semihosting';
  }

  init(): number {
    store64(this.block, u64(this.root));
    store64(this.block + 8, u64(ROOT_MAX));
    if (semihostCall(SYS_GET_CMDLINE, this.block) !== 0) return -Errno.ENODEV;
    let n = num(load64(this.block + 8));
    // Without `arg`, QEMU puts the kernel's file name there: no "unilibfs=" then, nothing served.
    const p = strLen(CMDLINE_PREFIX);
    if (n <= p + 1 || n >= ROOT_MAX) return -Errno.ENODEV;
    for (let i = 0; i < p; i++) if (load8(this.root + i) !== strByteAt(CMDLINE_PREFIX, i)) return -Errno.ENODEV;
    for (let i = p; i < n; i++) store8(this.root + i - p, load8(this.root + i)); // drop the prefix
    n -= p;
    while (n > 1 && load8(this.root + n - 1) === 47) n--; // a trailing '/'
    if (load8(this.root) !== 47) return -Errno.ENODEV; // not an absolute directory
    this.rootLen = n;
    return 0;
  }

  open(path: string, mode: number): number {
    const len = this.cpath(this.pathA, path);
    if (len < 0) return len;
    store64(this.block, u64(this.pathA));
    store64(this.block + 8, u64(mode === Mode.Read ? OPEN_MODE_RB : mode === Mode.ReadWrite ? OPEN_MODE_RPB : OPEN_MODE_WPB));
    store64(this.block + 16, u64(len));
    const h = semihostCall(SYS_OPEN, this.block);
    return h < 0 ? this.hostError() : h;
  }

  close(handle: number): number {
    store64(this.block, u64(handle));
    return semihostCall(SYS_CLOSE, this.block) === 0 ? 0 : this.hostError();
  }

  read(handle: number, offset: number, buf: number, len: number): number {
    if (!this.seek(handle, offset)) return this.hostError();
    this.transfer(handle, buf, len);
    const left = semihostCall(SYS_READ, this.block);
    return left < 0 || left > len ? this.hostError() : len - left;
  }

  write(handle: number, offset: number, buf: number, len: number): number {
    if (!this.seek(handle, offset)) return this.hostError();
    this.transfer(handle, buf, len);
    const left = semihostCall(SYS_WRITE, this.block);
    if (left < 0 || left > len) return this.hostError();
    return left === len && len > 0 ? this.hostError() : len - left;
  }

  length(handle: number): number {
    store64(this.block, u64(handle));
    const n = semihostCall(SYS_FLEN, this.block);
    return n < 0 ? this.hostError() : n;
  }

  unlink(path: string): number {
    const len = this.cpath(this.pathA, path);
    if (len < 0) return len;
    store64(this.block, u64(this.pathA));
    store64(this.block + 8, u64(len));
    return semihostCall(SYS_REMOVE, this.block) === 0 ? 0 : this.hostError();
  }

  rename(from: string, to: string): number {
    const a = this.cpath(this.pathA, from);
    const b = this.cpath(this.pathB, to);
    if (a < 0) return a;
    if (b < 0) return b;
    store64(this.block, u64(this.pathA));
    store64(this.block + 8, u64(a));
    store64(this.block + 16, u64(this.pathB));
    store64(this.block + 24, u64(b));
    return semihostCall(SYS_RENAME, this.block) === 0 ? 0 : this.hostError();
  }

  mkdir(_path: string): number {
    return -Errno.ENOSYS;
  }

  rmdir(_path: string): number {
    return -Errno.ENOSYS;
  }

  readdir(_path: string, _index: number, _out: DirEntry): number {
    return -Errno.ENOSYS;
  }

  /** Four traps for a file (open, a one-byte read, its length, close); a directory is told by the read. */
  stat(path: string, out: NodeInfo): number {
    out.kind = NodeType.Directory;
    out.size = 0;
    if (strLen(path) === 0) return 0;
    const h = this.open(path, Mode.Read);
    if (h < 0) return h === -Errno.EISDIR ? 0 : h;
    // fopen opens a directory for reading on Linux; reading it fails with EISDIR. A new handle is at 0: no seek.
    this.transfer(h, this.block + 24, 1);
    const left = semihostCall(SYS_READ, this.block);
    let r = left < 0 || left > 1 ? this.hostError() : 0;
    if (r === -Errno.EISDIR) r = 0;
    else if (r === 0) {
      const n = this.length(h);
      if (n < 0) r = n;
      else {
        out.kind = NodeType.File;
        out.size = n;
      }
    }
    this.close(h);
    return r;
  }

  /** Writes root + '/' + path + NUL at `dst`; returns the length without the NUL, or -EPERM for a path that would leave the root. */
  private cpath(dst: number, path: string): number {
    const bad = checkUnilibPath(path);
    if (bad < 0) return bad;
    let n = 0;
    for (let i = 0; i < this.rootLen; i++) store8(dst + n++, load8(this.root + i));
    const len = strLen(path);
    if (len > 0) store8(dst + n++, 47);
    for (let i = 0; i < len; i++) store8(dst + n++, strByteAt(path, i));
    store8(dst + n, 0);
    return n;
  }

  private seek(handle: number, offset: number): boolean {
    store64(this.block, u64(handle));
    store64(this.block + 8, u64(offset));
    return semihostCall(SYS_SEEK, this.block) === 0;
  }

  private transfer(handle: number, buf: number, len: number): void {
    store64(this.block, u64(handle));
    store64(this.block + 8, u64(buf));
    store64(this.block + 16, u64(len));
  }

  /** The host's errno for the call that just failed, as -Errno (EIO for one the vfs does not name). */
  private hostError(): number {
    const e = semihostCall(SYS_ERRNO, 0);
    return e > 0 && errnoName(e) !== 'E?' ? -e : -Errno.EIO;
  }
}
