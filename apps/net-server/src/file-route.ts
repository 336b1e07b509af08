// GET and HEAD of "/fatfs/..." over HTTP: a file's bytes streamed from the
// disk in chunks of the response buffer (any size, Content-Length from its
// size), a directory as a listing (one name a line, "/" after directories,
// up to 4 KiB). A path with a ".." segment is refused (400): only what is
// under /fatfs is served. Errors come back as a status and body for
// http.ts to answer with.
import { DirEntry, kernelVfs, NodeType, OpenFlags, Stat, type Vfs } from '@unishyper/vfs';
import { load8, release, StrBuf, strByteAt, strFromBytes, strLen } from '@unishyper/rt';
import type { TcpStream } from '@unishyper/net';
import { copyText, writeHead } from './http-head';
import { Counter, type ServerStats } from './server-stats';

/** serveFile answered with the file or directory. */
export const FILE_SENT = -1;
/** serveFile could not finish the response: the connection must close. */
export const FILE_FAILED = -2;

const PREFIX = '/fatfs';
const SLASH = 47;
const DOT = 46;

/** Whether the request path is /fatfs or under it. */
export function isFilePath(path: number, len: number): boolean {
  if (len < 6) return false;
  for (let i = 0; i < 6; i++) if (load8(path + i) !== strByteAt(PREFIX, i)) return false;
  return len === 6 || load8(path + 6) === SLASH;
}

/** True when a segment of the path is "..". */
function climbs(path: number, len: number): boolean {
  for (let i = 0; i + 1 < len; i++) {
    if (load8(path + i) === DOT && load8(path + i + 1) === DOT && (i === 0 || load8(path + i - 1) === SLASH) && (i + 2 === len || load8(path + i + 2) === SLASH)) return true;
  }
  return false;
}

/**
 * Answers the request for the path at `path`: FILE_SENT, FILE_FAILED, or a
 * status code with `body` filled for the caller to send.
 */
export function serveFile(s: TcpStream, out: number, outBytes: number, path: number, len: number, head: boolean, close: boolean, body: StrBuf, stats: ServerStats): number {
  if (climbs(path, len)) {
    body.push('bad path\n');
    return 400;
  }
  const vfs = kernelVfs();
  const name = strFromBytes(path, len);
  const st = new Stat();
  const r = vfs.stat(name, st);
  const isDir = st.type === NodeType.Directory;
  const size = st.size;
  release(st);
  if (r < 0) {
    body.push(len === 6 ? 'no /fatfs on this boot (see the console)\n' : 'not found\n');
    return 404;
  }
  if (isDir) return listDirectory(vfs, name, body);
  const fd = vfs.open(name, OpenFlags.Read);
  if (fd < 0) {
    body.push('cannot open\n');
    return 500;
  }
  let n = headInto(out, size, close);
  let left = head ? 0 : size;
  let ok = true;
  // The head goes with the first chunk (one write: see respond in http.ts).
  while (ok) {
    const want = left < outBytes - n ? left : outBytes - n;
    const got = want > 0 ? vfs.read(fd, out + n, want) : 0;
    if (got < 0 || (want > 0 && got === 0)) ok = false; // the file shrank or failed: the promised length cannot be kept
    else {
      n += got;
      left -= got;
      const w = s.write(out, n);
      if (w > 0) stats.add(Counter.TxBytes, w);
      if (w !== n) ok = false;
      n = 0;
      if (left === 0) break;
    }
  }
  vfs.close(fd);
  return ok ? FILE_SENT : FILE_FAILED;
}

/** The head of a 200 response with a body of `size` bytes at `out`; its length. */
function headInto(out: number, size: number, close: boolean): number {
  using t = new StrBuf(256);
  writeHead(t, 200, size, close);
  return copyText(out, 0, t);
}

/** A directory's names into `body` (what fits of 4 KiB); 200. */
function listDirectory(vfs: Vfs, name: string, body: StrBuf): number {
  const fd = vfs.opendir(name);
  if (fd < 0) {
    body.push('cannot open\n');
    return 500;
  }
  using e = new DirEntry();
  while (vfs.readdir(fd, e) > 0) {
    const entry = e.name.toString();
    if (body.len() + strLen(entry) + 2 > body.capacity()) break;
    body.push(entry);
    body.push(e.type === NodeType.Directory ? '/\n' : '\n');
  }
  vfs.close(fd);
  return 200;
}
