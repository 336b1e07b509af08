/**
 * unilib over the hypervisor call the original Unishyper makes: HVC with
 * x0 = 0x12, x1 = the event, x2 = the address of a block of 64-bit
 * arguments; the result comes back in x0 (>= 0, or -errno). The events keep
 * the original's numbers (INIT 0, OPEN 1, CLOSE 2, READ 3, WRITE 4, LSEEK 5,
 * STAT 6, UNLINK 7) and add what its users missed (READDIR 8, MKDIR 9,
 * RENAME 10, RMDIR 11, FLEN 12). The shyper board's hypervisor serves them
 * (here: board-shyper's EL2 stub, stub/unilib.c, which documents each
 * event's arguments). Paths go as (address, length); the hypervisor checks
 * them again. Not thread-safe: unilib-fs.ts holds its lock around every call.
 */
import { allocBytes, i64, load64, load8, num, store64, store8, strByteAt, strLen, u64 } from '@unishyper/rt';
import { hvcCall } from '@unishyper/hal-aarch64';
import { DIR_ENTRY_NAME_BYTES, Errno, NodeType, PATH_MAX, type DirEntry } from '@unishyper/vfs';

/** Longest name READDIR may return. */
const NAME_BYTES = DIR_ENTRY_NAME_BYTES;
import type { NodeInfo, UnilibConduit } from './conduit';

export const UNILIB_HVC_FUNCTION = 0x12;
export const UnilibEvent = {
  Init: 0,
  Open: 1,
  Close: 2,
  Read: 3,
  Write: 4,
  Lseek: 5,
  Stat: 6,
  Unlink: 7,
  Readdir: 8,
  Mkdir: 9,
  Rename: 10,
  Rmdir: 11,
  Flen: 12,
} as const;

export class HvcConduit implements UnilibConduit {
  private readonly block = allocBytes(64, 8);
  /** Paths are copied here: the hypervisor reads guest memory, not the dialect's strings. */
  private readonly pathA = allocBytes(PATH_MAX, 8);
  private readonly pathB = allocBytes(PATH_MAX, 8);
  /** STAT's answer: kind, size. */
  private readonly statOut = allocBytes(16, 8);

  name(): string {
    return 'hvc';
  }

  init(): number {
    return this.call(UnilibEvent.Init);
  }

  open(path: string, mode: number): number {
    this.arg(0, this.pathA);
    this.arg(1, copyPath(this.pathA, path));
    this.arg(2, mode);
    return this.call(UnilibEvent.Open);
  }

  close(handle: number): number {
    this.arg(0, handle);
    return this.call(UnilibEvent.Close);
  }

  read(handle: number, offset: number, buf: number, len: number): number {
    const s = this.seek(handle, offset);
    if (s < 0) return s;
    this.arg(0, handle);
    this.arg(1, buf);
    this.arg(2, len);
    return this.call(UnilibEvent.Read);
  }

  write(handle: number, offset: number, buf: number, len: number): number {
    const s = this.seek(handle, offset);
    if (s < 0) return s;
    this.arg(0, handle);
    this.arg(1, buf);
    this.arg(2, len);
    return this.call(UnilibEvent.Write);
  }

  length(handle: number): number {
    this.arg(0, handle);
    return this.call(UnilibEvent.Flen);
  }

  unlink(path: string): number {
    this.arg(0, this.pathA);
    this.arg(1, copyPath(this.pathA, path));
    return this.call(UnilibEvent.Unlink);
  }

  rename(from: string, to: string): number {
    this.arg(0, this.pathA);
    this.arg(1, copyPath(this.pathA, from));
    this.arg(2, this.pathB);
    this.arg(3, copyPath(this.pathB, to));
    return this.call(UnilibEvent.Rename);
  }

  mkdir(path: string): number {
    this.arg(0, this.pathA);
    this.arg(1, copyPath(this.pathA, path));
    return this.call(UnilibEvent.Mkdir);
  }

  rmdir(path: string): number {
    this.arg(0, this.pathA);
    this.arg(1, copyPath(this.pathA, path));
    return this.call(UnilibEvent.Rmdir);
  }

  /**
   * READDIR: [path, path_len, index, name_buf, name_cap, out] -> the name's
   * length (> 0), 0 past the last entry; out[0] = kind, out[1] = size.
   * (board-shyper's stub serves through semihosting, which has no
   * directories: it answers ENOSYS; src/hvc-conduit.test.ts runs it against
   * a simulated hypervisor that lists real directories.)
   */
  readdir(path: string, index: number, out: DirEntry): number {
    this.arg(0, this.pathA);
    this.arg(1, copyPath(this.pathA, path));
    this.arg(2, index);
    this.arg(3, this.pathB);
    this.arg(4, NAME_BYTES);
    this.arg(5, this.statOut);
    const n = this.call(UnilibEvent.Readdir);
    if (n <= 0) return n;
    if (n > NAME_BYTES) return -Errno.EIO;
    out.name.clear();
    for (let i = 0; i < n; i++) out.name.pushByte(load8(this.pathB + i));
    out.type = num(load64(this.statOut)) === NodeType.Directory ? NodeType.Directory : NodeType.File;
    out.size = num(load64(this.statOut + 8));
    return 1;
  }

  stat(path: string, out: NodeInfo): number {
    this.arg(0, this.pathA);
    this.arg(1, copyPath(this.pathA, path));
    this.arg(2, this.statOut);
    const r = this.call(UnilibEvent.Stat);
    if (r < 0) return r;
    out.kind = num(load64(this.statOut)) === NodeType.Directory ? NodeType.Directory : NodeType.File;
    out.size = out.kind === NodeType.Directory ? 0 : num(load64(this.statOut + 8));
    return 0;
  }

  private seek(handle: number, offset: number): number {
    this.arg(0, handle);
    this.arg(1, offset);
    return this.call(UnilibEvent.Lseek);
  }

  private arg(i: number, v: number): void {
    store64(this.block + 8 * i, u64(v));
  }

  private call(event: number): number {
    return num(i64(hvcCall(u64(UNILIB_HVC_FUNCTION), u64(event), u64(this.block), u64(0))));
  }
}

/** The bytes of `path` at `dst` (no NUL: the length goes along); the length. */
function copyPath(dst: number, path: string): number {
  const n = strLen(path);
  for (let i = 0; i < n; i++) store8(dst + i, strByteAt(path, i));
  return n;
}
