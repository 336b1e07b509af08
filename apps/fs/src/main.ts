// apps/fs: the seed's `make fs` demo. The first virtio-blk disk (disk.img,
// made by `unishyper qemu` with mkfs.fat -F 32 when missing) is mounted at
// /fatfs over a RAM file system at /; the demo then makes a directory,
// writes a file, lists it, reads it back, renames, stats and removes it,
// printing each step, and counts its boots in /fatfs/boots.txt, which stays
// on the disk image from one run to the next.
//
// /unilibfs, when the platform serves one (the app's `unilib` directory:
// semihosting on virt, the hypervisor on shyper), is mounted too; on a board
// without virtio (shyper) the demo then runs there instead (unilib-demo.ts).
import { BoardClock, MountStatus, mountFatAt } from '@unishyper/fatfs';
import { kprint, StrBuf, strByteAt, strLen } from '@unishyper/rt';
import { initScheduler } from '@unishyper/sched';
import { DirEntry, errnoMessage, errnoName, FsStats, initVfs, NodeType, OpenFlags, RamFs, readFile, Stat, type Vfs, writeFile } from '@unishyper/vfs';
import { openVirtioBlk, type VirtioBlk } from '@unishyper/virtio';
import { mountUnilibAt, platformConduit, UNILIB_MOUNT } from '@unishyper/unilib';
import { unilibDemo } from './unilib-demo';

/** Bytes the RAM file system at / may hold. */
const ROOT_BYTES = 1 << 20;
const GREETING = 'Hello from Unishyper, written through /fatfs on virtio-blk.\n';

/** Prints `what` and the error when `r` is one; true when it is not. */
function ok(what: string, r: number): boolean {
  if (r >= 0) return true;
  kprint`fs: ${what}: ${errnoName(r)} (${errnoMessage(r)})\n`;
  return false;
}

/** The first virtio-blk disk, brought up; null (with the reason printed unless `quiet`) when there is none. */
function openDisk(quiet: boolean): VirtioBlk | null {
  const blk = openVirtioBlk(0);
  if (blk === null) {
    if (!quiet) kprint`fs: no virtio-blk disk; start QEMU with the app's disk (nx run fs:qemu does)\n`;
    return null;
  }
  kprint`fs: disk: virtio-blk, ${blk.blockCount()} sectors (${blk.blockCount() >> 11} MiB)${blk.readOnly() ? ', read-only' : ''}\n`;
  return blk;
}

/** Reads /fatfs/boots.txt (a decimal count, 0 when missing), adds one and writes it back. */
function countBoot(vfs: Vfs): number {
  const text = new StrBuf(32);
  const r = readFile(vfs, '/fatfs/boots.txt', text);
  let boots = 0;
  if (r >= 0) {
    const s = text.toString();
    for (let i = 0; i < strLen(s); i++) {
      const c = strByteAt(s, i);
      if (c >= 48 && c <= 57) boots = boots * 10 + (c - 48);
    }
  }
  boots++;
  text.clear();
  text.pushNum(boots);
  text.push('\n');
  const w = writeFile(vfs, '/fatfs/boots.txt', text.toString());
  text[Symbol.dispose]();
  return w < 0 ? w : boots;
}

function list(vfs: Vfs, dir: string): void {
  const fd = vfs.opendir(dir);
  if (!ok('opendir', fd)) return;
  const e = new DirEntry();
  kprint`fs: ls ${dir}:\n`;
  while (vfs.readdir(fd, e) > 0) {
    kprint`fs:   ${e.type === NodeType.Directory ? 'dir ' : 'file'} ${e.size} ${e.name.toString()}\n`;
  }
  e[Symbol.dispose]();
  vfs.close(fd);
}

function demo(vfs: Vfs): boolean {
  if (!ok('mkdir /fatfs/demo', vfs.mkdir('/fatfs/demo'))) return false;
  kprint`fs: mkdir /fatfs/demo\n`;
  const w = writeFile(vfs, '/fatfs/demo/hello.txt', GREETING);
  if (!ok('write /fatfs/demo/hello.txt', w)) return false;
  kprint`fs: wrote /fatfs/demo/hello.txt (${w} bytes)\n`;
  list(vfs, '/fatfs/demo');
  const back = new StrBuf(256);
  const r = readFile(vfs, '/fatfs/demo/hello.txt', back);
  if (!ok('read /fatfs/demo/hello.txt', r)) return false;
  kprint`fs: read back ${r} bytes: ${back.toString()}`;
  const same = back.toString() === GREETING;
  back[Symbol.dispose]();
  if (!ok('rename', vfs.rename('/fatfs/demo/hello.txt', '/fatfs/demo/greeting.txt'))) return false;
  kprint`fs: renamed hello.txt to greeting.txt\n`;
  const st = new Stat();
  if (!ok('stat', vfs.stat('/fatfs/demo/greeting.txt', st))) return false;
  kprint`fs: stat greeting.txt: ${st.size} bytes, ${st.allocated} allocated, mode 0${(st.mode >> 6) & 7}${(st.mode >> 3) & 7}${st.mode & 7}\n`;
  const gone = vfs.stat('/fatfs/demo/hello.txt', st);
  kprint`fs: stat hello.txt: ${errnoName(gone)}\n`;
  if (!ok('unlink', vfs.unlink('/fatfs/demo/greeting.txt'))) return false;
  if (!ok('rmdir', vfs.rmdir('/fatfs/demo'))) return false;
  kprint`fs: removed greeting.txt and /fatfs/demo\n`;
  return same && gone < 0;
}

export function main(): number {
  initScheduler();
  const root = new RamFs(ROOT_BYTES);
  const vfs = initVfs(root);
  const conduit = platformConduit();
  const served = mountUnilibAt(vfs, conduit, UNILIB_MOUNT) >= 0;
  if (served) kprint`fs: ${UNILIB_MOUNT}: the host's files, through ${conduit.name()}\n`;
  const blk = openDisk(served);
  if (blk === null) return served && unilibDemo(vfs, conduit) ? 0 : 1;
  const status = new MountStatus();
  const fat = mountFatAt(vfs, blk, '/fatfs', new BoardClock(), status);
  if (fat === null) {
    kprint`fs: disk.img holds no FAT volume this kernel can mount (${errnoName(status.error)}); remove it and run again to get a new one\n`;
    return 1;
  }
  const label = new StrBuf(16);
  fat.volumeLabel(label);
  const df = new FsStats();
  vfs.statfs('/fatfs', df);
  kprint`fs: mounted ${fat.typeName()} volume "${label.toString()}" at /fatfs: ${df.freeBlocks * df.blockSize >> 10} KiB free of ${df.totalBlocks * df.blockSize >> 10} KiB\n`;
  const boots = countBoot(vfs);
  if (!ok('boots.txt', boots)) return 1;
  kprint`fs: boot number ${boots} of this disk image (/fatfs/boots.txt)\n`;
  const passed = demo(vfs);
  if (!ok('sync', vfs.sync())) return 1;
  kprint`fs: synced; ${passed ? 'demo passed' : 'demo FAILED'}\n`;
  return passed ? 0 : 1;
}
