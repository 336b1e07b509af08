// The /unilibfs half of the demo: every operation is served by the host
// (semihosting on QEMU virt) or the hypervisor (HVC 0x12 on the shyper
// board, whose EL2 stub serves it from the same host directory). One line
// per step, `unilib: ...`.
import { kprint, StrBuf } from '@unishyper/rt';
import { Mode, type UnilibConduit } from '@unishyper/unilib';
import { Errno, errnoName, readFile, Stat, writeFile, type Vfs } from '@unishyper/vfs';

function show(what: string, r: number): number {
  kprint`unilib: ${what}: ${r < 0 ? errnoName(r) : 'ok'}\n`;
  return r;
}

/** Prints what the host left in `path` (or that it left nothing); false on any other error. */
function readBack(vfs: Vfs, path: string): boolean {
  const text = new StrBuf(256);
  const r = readFile(vfs, path, text);
  if (r >= 0) kprint`unilib: read ${path}: ${text.toString()}\n`;
  else if (r === -Errno.ENOENT) kprint`unilib: read ${path}: ENOENT (put a file there on the host to see the guest read it)\n`;
  else kprint`unilib: read ${path}: ${errnoName(r)}\n`;
  text[Symbol.dispose]();
  return r >= 0 || r === -Errno.ENOENT;
}

/** Reads what the host put in from-host.txt, writes, renames, stats and removes files, and is refused what it may not do. True when every step went as it should. */
export function unilibDemo(vfs: Vfs, conduit: UnilibConduit): boolean {
  let good = readBack(vfs, '/unilibfs/from-host.txt');
  good = show('write /unilibfs/from-guest.txt', writeFile(vfs, '/unilibfs/from-guest.txt', 'written by the guest\n')) >= 0 && good;
  good = show('rename from-guest.txt to kept.txt', vfs.rename('/unilibfs/from-guest.txt', '/unilibfs/kept.txt')) >= 0 && good;
  const st = new Stat();
  if (show('stat /unilibfs/kept.txt', vfs.stat('/unilibfs/kept.txt', st)) >= 0) kprint`unilib: kept.txt is ${st.size} bytes\n`;
  show('unlink /unilibfs/scratch.txt', vfs.unlink('/unilibfs/scratch.txt'));
  const none = new StrBuf(8);
  good = show('read /unilibfs/missing.txt', readFile(vfs, '/unilibfs/missing.txt', none)) < 0 && good;
  // Above the mount point is the guest's own RAM file system, never the host's.
  good = show('read /unilibfs/../outside.txt', readFile(vfs, '/unilibfs/../outside.txt', none)) < 0 && good;
  none[Symbol.dispose]();
  show('mkdir /unilibfs/d', vfs.mkdir('/unilibfs/d'));
  // The conduit refuses a path out of the served directory too, whoever calls it.
  good = show('conduit open ../outside.txt', conduit.open('../outside.txt', Mode.Read)) < 0 && good;
  kprint`unilib: done\n`;
  return good;
}
