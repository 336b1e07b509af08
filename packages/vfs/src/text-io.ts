/**
 * Small conveniences over the descriptor calls for kernel code and the
 * shell: write a string, read a small file into a StrBuf, write a string as
 * a whole file. Each bounces bytes through one CHUNK-byte heap buffer per
 * call (strings have no address in the dialect); not for hot paths.
 */
import { allocBytes, freeBytes, load8, store8, strByteAt, strLen, StrBuf } from '@unishyper/rt';
import { Errno } from './errno';
import { OpenFlags } from './file-system';
import { Vfs } from './vfs';

const CHUNK = 256;

/** Writes the UTF-8 bytes of `s` at the descriptor's offset; the count, or the first error. */
export function writeString(vfs: Vfs, fd: number, s: string): number {
  const n = strLen(s);
  const buf = allocBytes(CHUNK, 1);
  let done = 0;
  let r = 0;
  while (done < n && r >= 0) {
    const k = n - done < CHUNK ? n - done : CHUNK;
    for (let i = 0; i < k; i++) store8(buf + i, strByteAt(s, done + i));
    r = vfs.write(fd, buf, k);
    if (r > 0) done += r;
    else if (r === 0) r = -Errno.EIO; // a file system that accepts nothing
  }
  freeBytes(buf);
  return r < 0 ? r : done;
}

/**
 * Appends the rest of the open file to `out`; the count. -EFBIG when it
 * does not fit (what fits is appended).
 */
export function readIntoStrBuf(vfs: Vfs, fd: number, out: StrBuf): number {
  const buf = allocBytes(CHUNK, 1);
  let total = 0;
  let r = 1;
  while (r > 0) {
    const room = out.capacity() - out.len();
    r = vfs.read(fd, buf, room < CHUNK ? (room > 0 ? room : 1) : CHUNK);
    if (r > room) r = -Errno.EFBIG;
    if (r > 0) {
      for (let i = 0; i < r; i++) out.pushByte(load8(buf + i));
      total += r;
    }
  }
  freeBytes(buf);
  return r < 0 ? r : total;
}

/** Appends the whole file at `path` to `out`; the count, or an error (-EFBIG when it does not fit). */
export function readFile(vfs: Vfs, path: string, out: StrBuf): number {
  const fd = vfs.open(path, OpenFlags.Read);
  if (fd < 0) return fd;
  const r = readIntoStrBuf(vfs, fd, out);
  const c = vfs.close(fd);
  return r < 0 ? r : c < 0 ? c : r;
}

/** Makes (or cuts) the file at `path` and writes `s` into it; the count. */
export function writeFile(vfs: Vfs, path: string, s: string): number {
  const fd = vfs.open(path, OpenFlags.Write | OpenFlags.Create | OpenFlags.Truncate);
  if (fd < 0) return fd;
  const r = writeString(vfs, fd, s);
  const c = vfs.close(fd);
  return r < 0 ? r : c < 0 ? c : r;
}
