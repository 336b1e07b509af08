/**
 * `mount` (the mount table: what is mounted where, read-only or not) and
 * `df` (each mount's size, use and free space in KiB). Part of the fs
 * feature's commands; mounting itself is the app's doing (a disk needs its
 * driver), so `mount` only lists.
 */
import { idiv } from '@unishyper/rt';
import { ArgKind, type Argv, Command, type CommandRegistry, type TermOutput, writeLeft, writeNumRight } from '@unishyper/terminal';
import { fail } from './command-errors';
import { FsStats } from './file-system';
import { MountInfo, type Vfs } from './vfs';

let fs: Vfs | null = null;
let info: MountInfo | null = null;
let stats: FsStats | null = null;

export function registerMountCommands(reg: CommandRegistry, vfs: Vfs): void {
  fs = vfs;
  if (info === null) info = new MountInfo();
  if (stats === null) stats = new FsStats();
  reg.register(new Command('mount', 'mount', 'List the mounted file systems.', 'fs', 0, 0, ArgKind.None, mount));
  reg.register(new Command('df', 'df', 'Show each mounted file system\'s size, use and free space (KiB).', 'fs', 0, 0, ArgKind.None, df));
}

function mount(_argv: Argv, out: TermOutput): number {
  const m = info!;
  for (let i = 0; fs!.mountInfo(i, m) > 0; i++) {
    out.write(m.typeName);
    out.write(' on ');
    out.write(m.path.toString());
    out.write(m.readOnly ? ' (ro)\n' : ' (rw)\n');
  }
  return 0;
}

function df(argv: Argv, out: TermOutput): number {
  const m = info!;
  const s = stats!;
  out.write('Type      1K-blocks      Used Available Use% Mounted on\n');
  let status = 0;
  for (let i = 0; fs!.mountInfo(i, m) > 0; i++) {
    const path = m.path.toString();
    const r = fs!.statfs(path, s);
    if (r < 0) {
      status = fail(argv, path, r, out);
      continue;
    }
    const total = idiv(s.totalBlocks * s.blockSize, 1024);
    const free = idiv(s.freeBlocks * s.blockSize, 1024);
    const used = total - free;
    writeLeft(out, m.typeName, 6);
    writeNumRight(out, total, 13);
    writeNumRight(out, used, 10);
    writeNumRight(out, free, 10);
    // Rounded up, as df does: a file system with anything in it is not 0% used.
    writeNumRight(out, total === 0 ? 0 : idiv(used * 100 + total - 1, total), 4);
    out.write('% ');
    out.write(path);
    out.write('\n');
  }
  return status;
}
