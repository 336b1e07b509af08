/**
 * How unilib's file operations leave the kernel: a trap to something that
 * owns real files. Two conduits implement it: Arm semihosting on plain QEMU
 * (semihosting-conduit.ts: QEMU does the operation on the host) and the
 * original Unishyper's hypervisor call, function 0x12, under the shyper
 * board (the hypervisor serves it).
 *
 * Paths are relative to the served directory, already checked by the file
 * system (unilib-fs.ts): names joined by '/', no "." or "..", no leading
 * '/'; "" is the served directory itself. Handles are the conduit's own.
 * Every call returns >= 0 or -Errno.X (Linux numbers, as @unishyper/vfs).
 */
import type { DirEntry } from '@unishyper/vfs';

export interface UnilibConduit {
  /** "semihosting" or "hvc", for `mount` and errors. */
  name(): string;
  /** Finds the served directory; 0, or -Errno (ENODEV when the host serves none). */
  init(): number;
  /**
   * Opens the file at `path`: `mode` is one of the Mode values. Returns a
   * handle; EISDIR for a directory.
   */
  open(path: string, mode: number): number;
  close(handle: number): number;
  /** Reads up to `len` bytes at `offset` into `buf`; the count (0 at the end). */
  read(handle: number, offset: number, buf: number, len: number): number;
  /** Writes `len` bytes from `buf` at `offset`; the count. */
  write(handle: number, offset: number, buf: number, len: number): number;
  /** The file's size in bytes. */
  length(handle: number): number;
  unlink(path: string): number;
  rename(from: string, to: string): number;
  /** ENOSYS where the conduit cannot (semihosting has no directories). */
  mkdir(path: string): number;
  rmdir(path: string): number;
  /** Entry `index` of the directory at `path` into `out` (name, kind, size): 1, or 0 past the last entry. */
  readdir(path: string, index: number, out: DirEntry): number;
  /** What the node at `path` is (NodeType) and, for a file, its size: 0, or -Errno. */
  stat(path: string, out: NodeInfo): number;
}

/** What `stat` tells: the node's kind (NodeType.File or NodeType.Directory) and a file's size. */
export class NodeInfo {
  kind = 0;
  size = 0;
}

/** Open modes, as C's fopen names them (what both conduits carry). */
export const Mode = {
  /** "rb": read an existing file. */
  Read: 0,
  /** "r+b": read and write an existing file. */
  ReadWrite: 1,
  /** "w+b": create or truncate, then read and write. */
  Create: 2,
} as const;
