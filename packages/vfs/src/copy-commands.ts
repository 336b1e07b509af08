/**
 * `cp FROM TO` (TO may be a directory: the copy keeps FROM's name) and
 * `write FILE OFFSET TEXT` (TEXT written at byte OFFSET, the rest of the
 * file kept: what `echo >` cannot do). Part of the fs feature's commands.
 */
import { store8, StrBuf, strByteAt, strLen } from '@unishyper/rt';
import { ArgKind, type Argv, Command, type CommandRegistry, interrupted, parseCount, type TermOutput } from '@unishyper/terminal';
import { fail } from './command-errors';
import { Errno } from './errno';
import { NodeType, OpenFlags, Stat } from './file-system';
import { Seek, type Vfs } from './vfs';

let fs: Vfs | null = null;
let chunk = 0;
let chunkBytes = 0;
let st: Stat | null = null;
let target: StrBuf | null = null;

/** Registers cp and write; `buf` is `bytes` of scratch the fs commands share (made once by the caller). */
export function registerCopyCommands(reg: CommandRegistry, vfs: Vfs, buf: number, bytes: number): void {
  fs = vfs;
  chunk = buf;
  chunkBytes = bytes;
  if (st === null) st = new Stat();
  if (target === null) target = new StrBuf(1024);
  reg.register(new Command('cp', 'cp FROM TO', 'Copy the file FROM to TO (into TO when it is a directory).', 'fs', 2, 2, ArgKind.Path, cp));
  reg.register(new Command('write', 'write FILE OFFSET TEXT', 'Write TEXT into FILE at byte OFFSET (made if missing; the rest is kept).', 'fs', 3, 3, ArgKind.Path, write));
}

function cp(argv: Argv, out: TermOutput): number {
  const v = fs!;
  const from = argv.get(1);
  const s = st!;
  const sr = v.stat(from, s);
  if (sr < 0) return fail(argv, from, sr, out);
  if (s.type === NodeType.Directory) return fail(argv, from, -Errno.EISDIR, out);
  const to = destination(argv.get(2), from);
  if (to === '') return fail(argv, argv.get(2), -Errno.ENAMETOOLONG, out);
  const src = v.open(from, OpenFlags.Read);
  if (src < 0) return fail(argv, from, src, out);
  const dst = v.open(to, OpenFlags.Write | OpenFlags.Create | OpenFlags.Truncate);
  if (dst < 0) {
    v.close(src);
    return fail(argv, to, dst, out);
  }
  let status = 0;
  let r = v.read(src, chunk, chunkBytes);
  while (r > 0 && !interrupted()) {
    const w = writeAll(v, dst, r);
    if (w < 0) {
      status = fail(argv, to, w, out);
      break;
    }
    r = v.read(src, chunk, chunkBytes);
  }
  if (r < 0) status = fail(argv, from, r, out);
  v.close(src);
  const c = v.close(dst);
  if (c < 0 && status === 0) status = fail(argv, to, c, out);
  return status;
}

/** TO, or TO/basename(FROM) when TO is a directory; '' when that does not fit. */
function destination(to: string, from: string): string {
  const s = st!;
  if (fs!.stat(to, s) < 0 || s.type !== NodeType.Directory) return to;
  let base = strLen(from);
  while (base > 0 && strByteAt(from, base - 1) === 47) base--; // trailing slashes
  let start = base;
  while (start > 0 && strByteAt(from, start - 1) !== 47) start--;
  const t = target!;
  t.clear();
  if (strLen(to) + 1 + (base - start) > t.capacity()) return '';
  t.push(to);
  if (strLen(to) === 0 || strByteAt(to, strLen(to) - 1) !== 47) t.push('/');
  for (let i = start; i < base; i++) t.pushByte(strByteAt(from, i));
  return t.toString();
}

/** Writes the first `n` bytes of the chunk to `fd`; n or an error. */
function writeAll(v: Vfs, fd: number, n: number): number {
  let done = 0;
  while (done < n) {
    const w = v.write(fd, chunk + done, n - done);
    if (w < 0) return w;
    if (w === 0) return -Errno.ENOSPC;
    done += w;
  }
  return n;
}

function write(argv: Argv, out: TermOutput): number {
  const v = fs!;
  const path = argv.get(1);
  const offset = parseCount(argv.get(2));
  if (offset < 0) {
    out.write('write: not a byte offset: ');
    out.write(argv.get(2));
    out.write('\n');
    return 2;
  }
  const text = argv.get(3);
  const fd = v.open(path, OpenFlags.Write | OpenFlags.Create);
  if (fd < 0) return fail(argv, path, fd, out);
  let r = v.lseek(fd, offset, Seek.Set);
  let done = 0;
  const n = strLen(text);
  while (r >= 0 && done < n) {
    const k = n - done < chunkBytes ? n - done : chunkBytes;
    for (let i = 0; i < k; i++) store8(chunk + i, strByteAt(text, done + i));
    r = writeAll(v, fd, k);
    done += k;
  }
  const c = v.close(fd);
  if (r < 0) return fail(argv, path, r, out);
  return c < 0 ? fail(argv, path, c, out) : 0;
}
