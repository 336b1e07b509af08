/**
 * Tab completion of path arguments for the shell: the word's directory part
 * (up to its last '/', else the current directory) is listed and each entry
 * whose name starts with the rest is offered, directories with a '/' so they
 * can be completed further. Allocates only in its constructor.
 */
import { load8, StrBuf, strByteAt, strFromBytes } from '@unishyper/rt';
import type { ArgCompleter, Completions } from '@unishyper/terminal';
import { DirEntry, NodeType, PATH_MAX } from './file-system';
import type { Vfs } from './vfs';

const SLASH = 47;

export class PathCompleter implements ArgCompleter {
  private readonly entry = new DirEntry();
  private readonly candidate = new StrBuf(PATH_MAX + 2);

  constructor(private readonly vfs: Vfs) {}

  completeArg(prefix: number, prefixLen: number, into: Completions): void {
    let slash = prefixLen - 1;
    while (slash >= 0 && load8(prefix + slash) !== SLASH) slash = slash - 1;
    const dir = slash < 0 ? '.' : slash === 0 ? '/' : strFromBytes(prefix, slash);
    const fd = this.vfs.opendir(dir);
    if (fd < 0) return;
    const e = this.entry;
    const c = this.candidate;
    const start = slash + 1;
    while (this.vfs.readdir(fd, e) > 0) {
      if (!startsWith(e.name, prefix + start, prefixLen - start)) continue;
      c.clear();
      for (let i = 0; i < start; i++) c.pushByte(load8(prefix + i));
      c.push(e.name.toString());
      if (e.type === NodeType.Directory) c.push('/');
      into.add(c.toString());
    }
    this.vfs.close(fd);
  }

  [Symbol.dispose](): void {
    this.entry[Symbol.dispose]();
    this.candidate[Symbol.dispose]();
  }
}

/** True when the name in `name` begins with the `len` bytes at `addr`. */
function startsWith(name: StrBuf, addr: number, len: number): boolean {
  const s = name.toString();
  if (name.len() < len) return false;
  for (let i = 0; i < len; i++) if (load8(addr + i) !== strByteAt(s, i)) return false;
  return true;
}
