/**
 * The shell commands of the `fs` feature: ls, cat, mkdir, rm, rmdir, mv,
 * stat, pwd, cd, touch, sync and echo (with > and >>) here, cp and write
 * (copy-commands.ts), mount and df (mount-commands.ts), on the vfs the app passes;
 * Tab completes their path arguments (PathCompleter). Errors print as
 * `NAME: PATH: message` with status 1. The app calls registerFsCommands.
 */
import { addPowerOffHook } from '@unishyper/sched';
import { allocBytes, load8, memcpy, store8, StrBuf, strByteAt, strLen } from '@unishyper/rt';
import { ANY_ARGS, ArgKind, type Argv, Command, type CommandRegistry, interrupted, type TermOutput, writeNumRight } from '@unishyper/terminal';
import { fail } from './command-errors';
import { registerCopyCommands } from './copy-commands';
import { Errno, errnoMessage } from './errno';
import { registerMountCommands } from './mount-commands';
import { DirEntry, NodeType, OpenFlags, Stat } from './file-system';
import { PathCompleter } from './path-completer';
import type { Vfs } from './vfs';

/** Bytes cat reads at a time. */
const CHUNK = 512;

let fs: Vfs | null = null;
let chunk = 0;
let entry: DirEntry | null = null;
let st: Stat | null = null;
let cwd: StrBuf | null = null;
let syncOnPowerOff = false;

export function registerFsCommands(reg: CommandRegistry, vfs: Vfs): void {
  fs = vfs;
  // Made once here, so a command allocates nothing of its own.
  if (chunk === 0) chunk = allocBytes(CHUNK + 4, 1);
  if (entry === null) entry = new DirEntry();
  if (st === null) st = new Stat();
  if (cwd === null) cwd = new StrBuf(1024);
  reg.register(new Command('ls', 'ls [DIR]', 'List information about the FILEs (the current directory by default).', 'fs', 0, 1, ArgKind.Path, ls));
  reg.register(new Command('cat', 'cat FILE', 'Concatenate files and print on the standard output.', 'fs', 1, ANY_ARGS, ArgKind.Path, cat));
  reg.register(new Command('mkdir', 'mkdir DIR', 'Create the DIRECTORY, if it does not already exist.', 'fs', 1, ANY_ARGS, ArgKind.Path, mkdir));
  reg.register(new Command('rm', 'rm FILE', 'Remove the FILEs.', 'fs', 1, ANY_ARGS, ArgKind.Path, rm));
  reg.register(new Command('rmdir', 'rmdir DIR', 'Remove the empty DIRECTORYs.', 'fs', 1, ANY_ARGS, ArgKind.Path, rmdir));
  reg.register(new Command('mv', 'mv FROM TO', 'Rename or move FROM to TO.', 'fs', 2, 2, ArgKind.Path, mv));
  reg.register(new Command('stat', 'stat PATH', 'Show the type, size and mode of PATH.', 'fs', 1, 1, ArgKind.Path, stat));
  reg.register(new Command('pwd', 'pwd', 'Print the current directory.', 'fs', 0, 0, ArgKind.None, pwd));
  reg.register(new Command('cd', 'cd [DIR]', 'Change the current directory (to / by default).', 'fs', 0, 1, ArgKind.Path, cd));
  reg.register(new Command('touch', 'touch FILE', 'Create the FILEs if they do not exist.', 'fs', 1, ANY_ARGS, ArgKind.Path, touch));
  reg.register(new Command('echo', 'echo [TEXT] [>|>> FILE]', 'Print TEXT, or write it to FILE (> replaces, >> appends).', 'fs', 0, ANY_ARGS, ArgKind.Path, echo));
  reg.register(new Command('sync', 'sync', 'Write everything cached to the disks (poweroff and reboot do it first).', 'fs', 0, 0, ArgKind.None, sync));
  if (!syncOnPowerOff) {
    addPowerOffHook((o: TermOutput) => {
      syncAll(o);
    });
    syncOnPowerOff = true;
  }
  registerCopyCommands(reg, vfs, chunk, CHUNK);
  registerMountCommands(reg, vfs);
  reg.setArgCompleter(ArgKind.Path, new PathCompleter(vfs));
}


function ls(argv: Argv, out: TermOutput): number {
  const v = fs!;
  const dir = argv.count() > 1 ? argv.get(1) : '.';
  const fd = v.opendir(dir);
  if (fd < 0) return fail(argv, dir, fd, out);
  const e = entry!;
  let r = v.readdir(fd, e);
  while (r > 0 && !interrupted()) {
    out.write(e.type === NodeType.Directory ? 'dir ' : 'file');
    writeNumRight(out, e.size, 10);
    out.write(' ');
    out.write(e.name.toString());
    if (e.type === NodeType.Directory) out.write('/');
    out.write('\n');
    r = v.readdir(fd, e);
  }
  v.close(fd);
  return r < 0 ? fail(argv, dir, r, out) : 0;
}

function cat(argv: Argv, out: TermOutput): number {
  let status = 0;
  for (let i = 1; i < argv.count(); i++) if (catOne(argv, argv.get(i), out) !== 0) status = 1;
  return status;
}

function catOne(argv: Argv, path: string, out: TermOutput): number {
  const v = fs!;
  const fd = v.open(path, OpenFlags.Read);
  if (fd < 0) return fail(argv, path, fd, out);
  // `kept` bytes of a character split by the last read wait at the start of the chunk.
  let kept = 0;
  let r = v.read(fd, chunk + kept, CHUNK);
  while (r > 0 && !interrupted()) {
    const n = kept + r;
    const whole = wholeChars(chunk, n);
    out.writeBytes(chunk, whole);
    kept = n - whole;
    memcpy(chunk, chunk + whole, kept);
    r = v.read(fd, chunk + kept, CHUNK);
  }
  v.close(fd);
  return r < 0 ? fail(argv, path, r, out) : 0;
}

/** How many of the `n` bytes at `addr` are whole UTF-8 characters (a split last one is left out). */
function wholeChars(addr: number, n: number): number {
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = load8(addr + n - back);
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

function mkdir(argv: Argv, out: TermOutput): number {
  let status = 0;
  for (let i = 1; i < argv.count(); i++) {
    const r = fs!.mkdir(argv.get(i));
    if (r < 0) status = fail(argv, argv.get(i), r, out);
  }
  return status;
}

function rm(argv: Argv, out: TermOutput): number {
  let status = 0;
  for (let i = 1; i < argv.count(); i++) {
    const r = fs!.unlink(argv.get(i));
    if (r < 0) status = fail(argv, argv.get(i), r, out);
  }
  return status;
}

function rmdir(argv: Argv, out: TermOutput): number {
  let status = 0;
  for (let i = 1; i < argv.count(); i++) {
    const r = fs!.rmdir(argv.get(i));
    if (r < 0) status = fail(argv, argv.get(i), r, out);
  }
  return status;
}

function mv(argv: Argv, out: TermOutput): number {
  const r = fs!.rename(argv.get(1), argv.get(2));
  return r < 0 ? fail(argv, argv.get(1), r, out) : 0;
}

function stat(argv: Argv, out: TermOutput): number {
  const s = st!;
  const path = argv.get(1);
  const r = fs!.stat(path, s);
  if (r < 0) return fail(argv, path, r, out);
  out.write(path);
  out.write(s.type === NodeType.Directory ? ': directory, ' : ': file, ');
  out.writeNum(s.size);
  out.write(' bytes, ');
  out.writeNum(s.allocated);
  out.write(' allocated, mode 0');
  out.writeNum((s.mode >> 6) & 7);
  out.writeNum((s.mode >> 3) & 7);
  out.writeNum(s.mode & 7);
  out.write('\n');
  return 0;
}

function sync(_argv: Argv, out: TermOutput): number {
  return syncAll(out);
}

/** Syncs every mount; 0, or 1 after saying what failed. */
function syncAll(out: TermOutput): number {
  const r = fs!.sync();
  if (r >= 0) return 0;
  out.write('sync: ');
  out.write(errnoMessage(r));
  out.write('\n');
  return 1;
}

function pwd(argv: Argv, out: TermOutput): number {
  const b = cwd!;
  b.clear();
  const r = fs!.getcwd(b);
  if (r < 0) return fail(argv, '.', r, out);
  out.write(b.toString());
  out.write('\n');
  return 0;
}

function cd(argv: Argv, out: TermOutput): number {
  const dir = argv.count() > 1 ? argv.get(1) : '/';
  const r = fs!.chdir(dir);
  return r < 0 ? fail(argv, dir, r, out) : 0;
}

function touch(argv: Argv, out: TermOutput): number {
  let status = 0;
  for (let i = 1; i < argv.count(); i++) {
    const fd = fs!.open(argv.get(i), OpenFlags.Write | OpenFlags.Create);
    if (fd < 0) status = fail(argv, argv.get(i), fd, out);
    else fs!.close(fd);
  }
  return status;
}

/** `echo A B` prints "A B"; `echo A B > F` writes it (and a newline) to F, `>>` appends. */
function echo(argv: Argv, out: TermOutput): number {
  let words = argv.count();
  let flags = 0;
  if (words >= 3) {
    const op = argv.get(words - 2);
    if (isOp(op, 1)) flags = OpenFlags.Write | OpenFlags.Create | OpenFlags.Truncate;
    else if (isOp(op, 2)) flags = OpenFlags.Write | OpenFlags.Create | OpenFlags.Append;
  }
  if (flags === 0) {
    for (let i = 1; i < words; i++) {
      if (i > 1) out.write(' ');
      out.write(argv.get(i));
    }
    out.write('\n');
    return 0;
  }
  const path = argv.get(words - 1);
  words = words - 2;
  const v = fs!;
  const fd = v.open(path, flags);
  if (fd < 0) return fail(argv, path, fd, out);
  let r = 0;
  for (let i = 1; i < words && r >= 0; i++) {
    if (i > 1) r = writeText(v, fd, ' ');
    if (r >= 0) r = writeText(v, fd, argv.get(i));
  }
  if (r >= 0) r = writeText(v, fd, '\n');
  v.close(fd);
  return r < 0 ? fail(argv, path, r, out) : 0;
}

/** True when `s` is `>` (n 1) or `>>` (n 2). */
function isOp(s: string, n: number): boolean {
  if (strLen(s) !== n) return false;
  for (let i = 0; i < n; i++) if (strByteAt(s, i) !== 62) return false;
  return true;
}

/** Writes `s` through the chunk buffer (no allocation); the count or an error. */
function writeText(v: Vfs, fd: number, s: string): number {
  const n = strLen(s);
  let done = 0;
  while (done < n) {
    const k = n - done < CHUNK ? n - done : CHUNK;
    for (let i = 0; i < k; i++) store8(chunk + i, strByteAt(s, done + i));
    const r = v.write(fd, chunk, k);
    if (r < 0) return r;
    if (r === 0) return -Errno.EIO; // a file system that accepts nothing
    done = done + r;
  }
  return done;
}
