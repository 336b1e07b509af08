// The Vfs under Node: the operation script, descriptors (exhaustion,
// reuse, references across a close), mounts (longest prefix, EXDEV, EBUSY,
// uses given back after failing calls), the cwd, the text helpers, and
// leaks after close and unmount.
import { beforeEach, describe, expect, it } from 'vitest';
import { StrBuf } from '@unishyper/rt';
import { captureConsole, catchPanic } from '@unishyper/rt/sim';
import { runOps } from '../test/fixtures/vfs-kernel/src/ops';
import { Errno, errnoMessage, errnoName } from './errno';
import { FdTable } from './fd-table';
import { DirEntry, FsStats, OpenFlags, Stat } from './file-system';
import { initVfs, kernelVfs } from './kernel-vfs';
import { RamFs } from './ramfs/ramfs';
import { allocBytes, bufOf, expectNoLeaksSince, freeBytes, freshMachine, heapSnapshot, textAt } from './test-support/sim';
import { readFile, writeFile, writeString } from './text-io';
import { checkOpenFlags, MountInfo, Seek, Vfs } from './vfs';

const R = OpenFlags.Read;
const W = OpenFlags.Write;
const RW = OpenFlags.ReadWrite;
const C = OpenFlags.Create;
const MAX_FDS = 8;

let root: RamFs;
let vfs: Vfs;

beforeEach(() => {
  freshMachine();
  root = new RamFs(1 << 20);
  vfs = new Vfs(root, MAX_FDS, 4);
});

function read(path: string): string | number {
  const sb = new StrBuf(4096);
  const r = readFile(vfs, path, sb);
  const s = r < 0 ? r : sb.toString();
  sb[Symbol.dispose]();
  return s;
}

describe('the operation script', () => {
  it('gives every expected result under Node', () => {
    let bad = -1;
    const out = captureConsole(() => {
      bad = runOps();
    });
    expect(out).toContain('ops: 0 unexpected\n');
    expect(out).not.toContain('(expected');
    expect(bad).toBe(0);
  });
});

describe('descriptors', () => {
  it('EMFILE when the table is full, before touching the file system', () => {
    const fds: number[] = [];
    for (let i = 0; i < MAX_FDS; i++) fds.push(vfs.open('/', R));
    expect(fds).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(vfs.open('/', R)).toBe(-Errno.EMFILE);
    expect(vfs.open('/new', W | C)).toBe(-Errno.EMFILE);
    const st = new Stat();
    expect(vfs.stat('/new', st)).toBe(-Errno.ENOENT);
    expect(vfs.close(3)).toBe(0);
    expect(vfs.close(6)).toBe(0);
    expect(vfs.open('/', R)).toBe(3);
    expect(vfs.open('/', R)).toBe(6);
    for (let i = 0; i < MAX_FDS; i++) expect(vfs.close(i)).toBe(0);
    expect(vfs.openCount()).toBe(0);
  });

  it('EBADF for every call on a bad or closed descriptor', () => {
    const a = allocBytes(8, 1);
    const st = new Stat();
    const e = new DirEntry();
    const closed = vfs.open('/', R);
    vfs.close(closed);
    for (const fd of [-1, MAX_FDS, 1 << 40, closed]) {
      expect(vfs.read(fd, a, 1)).toBe(-Errno.EBADF);
      expect(vfs.write(fd, a, 1)).toBe(-Errno.EBADF);
      expect(vfs.lseek(fd, 0, Seek.Set)).toBe(-Errno.EBADF);
      expect(vfs.fstat(fd, st)).toBe(-Errno.EBADF);
      expect(vfs.ftruncate(fd, 0)).toBe(-Errno.EBADF);
      expect(vfs.fsync(fd)).toBe(-Errno.EBADF);
      expect(vfs.readdir(fd, e)).toBe(-Errno.EBADF);
      expect(vfs.close(fd)).toBe(-Errno.EBADF);
    }
    const fd = vfs.open('/f', RW | C);
    expect(vfs.read(fd, a, -1)).toBe(-Errno.EINVAL);
    expect(vfs.write(fd, a, -1)).toBe(-Errno.EINVAL);
    vfs.close(fd);
    freeBytes(a);
    e[Symbol.dispose]();
  });

  it('a reference held across a close keeps the handle until it is dropped', () => {
    const t = new FdTable(4);
    const fd = t.reserve();
    expect(fd).toBe(0);
    expect(t.get(fd)).toBe(null); // reserved, not yet published
    t.publish(fd);
    const f = t.get(fd)!; // a call in progress
    const mine = t.get(fd)!; // close's own reference
    expect(t.detach(fd, mine)).toBe(true);
    expect(t.detach(fd, mine)).toBe(false); // a second close
    expect(t.get(fd)).toBe(null);
    expect(t.put(mine)).toBe(false);
    expect(t.put(f)).toBe(true); // the last one closes the handle
    t.recycle(f);
    expect(t.reserve()).toBe(0);
  });

  it('lseek: whence, past the end, negative results', () => {
    const fd = vfs.open('/f', RW | C);
    expect(writeString(vfs, fd, '0123456789')).toBe(10);
    expect(vfs.lseek(fd, -3, Seek.Cur)).toBe(7);
    expect(vfs.lseek(fd, 5, Seek.End)).toBe(15);
    expect(vfs.lseek(fd, -16, Seek.End)).toBe(-Errno.EINVAL);
    expect(vfs.lseek(fd, 0, Seek.Cur)).toBe(15); // unchanged by the failure
    expect(vfs.lseek(fd, 0, 3)).toBe(-Errno.EINVAL);
    expect(vfs.lseek(fd, 0, -1)).toBe(-Errno.EINVAL);
    expect(writeString(vfs, fd, '!')).toBe(1);
    vfs.close(fd);
    const s = read('/f');
    expect(s).toBe('0123456789\u0000\u0000\u0000\u0000\u0000!');
  });

  it('readdir through a descriptor, rewound by lseek', () => {
    vfs.mkdir('/d');
    writeFile(vfs, '/d/a', 'x');
    vfs.mkdir('/d/b');
    const fd = vfs.opendir('/d');
    const e = new DirEntry();
    const got: string[] = [];
    while (vfs.readdir(fd, e) === 1) got.push(`${e.name.toString()}:${e.type}:${e.size}`);
    expect(got).toEqual(['a:1:1', 'b:2:0']);
    expect(vfs.readdir(fd, e)).toBe(0);
    expect(vfs.lseek(fd, 0, Seek.Set)).toBe(0);
    expect(vfs.readdir(fd, e)).toBe(1);
    expect(e.name.toString()).toBe('a');
    vfs.close(fd);
    // open() of a directory reads the same way
    const fd2 = vfs.open('/d/', R);
    expect(vfs.readdir(fd2, e)).toBe(1);
    vfs.close(fd2);
    e[Symbol.dispose]();
  });

  it('checkOpenFlags', () => {
    expect(checkOpenFlags(R)).toBe(0);
    expect(checkOpenFlags(RW | C | OpenFlags.Exclusive | OpenFlags.Truncate | OpenFlags.Append)).toBe(0);
    for (const bad of [0, C, R | OpenFlags.Truncate, R | OpenFlags.Append, W | OpenFlags.Exclusive, R | 64, R | (1 << 20)]) expect(checkOpenFlags(bad)).toBe(-Errno.EINVAL);
  });
});

describe('mounts', () => {
  it('longest prefix wins, component-wise', () => {
    const a = new RamFs(1 << 16);
    const b = new RamFs(1 << 16);
    vfs.mkdir('/m');
    vfs.mkdir('/mm');
    expect(vfs.mount('/m', a)).toBe(0);
    vfs.mkdir('/m/n');
    expect(vfs.mount('/m/n/', b)).toBe(0);
    writeFile(vfs, '/mm/f', 'root');
    writeFile(vfs, '/m/f', 'a');
    writeFile(vfs, '/m/n/f', 'b');
    const st = new Stat();
    expect(root.stat('mm/f', st)).toBe(0);
    expect(a.stat('f', st)).toBe(0);
    expect(b.stat('f', st)).toBe(0);
    expect(a.stat('n/f', st)).toBe(-Errno.ENOENT);
    expect(read('/m/n/../f')).toBe('a');
    expect(read('/m/n/../../mm/f')).toBe('root');
    expect(vfs.chdir('/m/n')).toBe(0);
    expect(read('f')).toBe('b');
    expect(read('../f')).toBe('a');
    expect(read('../../../../mm/f')).toBe('root');
    vfs.chdir('/');
    const info = new MountInfo();
    const rows: string[] = [];
    for (let i = 0; vfs.mountInfo(i, info) === 1; i++) rows.push(`${info.path.toString()} ${info.typeName} ${info.readOnly}`);
    expect(rows).toEqual(['/ ramfs false', '/m ramfs false', '/m/n ramfs false']);
    info[Symbol.dispose]();
    expect(vfs.mount('/mm', b)).toBe(0);
    const c = new RamFs(1024);
    expect(vfs.mount('/m/f', c)).toBe(-Errno.ENOTDIR);
    vfs.mkdir('/m/x');
    expect(vfs.mount('/m/x', c)).toBe(-Errno.ENOSPC); // 4 mounts: the table is full
    expect(vfs.unmount('/m')).toBe(-Errno.EBUSY); // /m/n inside
    expect(vfs.unmount('/m/n')).toBe(0);
    expect(vfs.unmount('/mm')).toBe(0);
    expect(vfs.unmount('/m')).toBe(0);
    expect(vfs.unmount('/m')).toBe(-Errno.EINVAL);
  });

  it('failed calls inside a mount give their uses back (unmount then works)', () => {
    const m = new RamFs(1 << 16);
    vfs.mkdir('/mnt');
    vfs.mount('/mnt', m);
    const st = new Stat();
    const fs = new FsStats();
    expect(vfs.stat('/mnt/none', st)).toBe(-Errno.ENOENT);
    expect(vfs.open('/mnt/none', R)).toBe(-Errno.ENOENT);
    expect(vfs.open('/mnt/none/', W | C)).toBe(-Errno.EISDIR);
    expect(vfs.rename('/mnt/a', '/b')).toBe(-Errno.EXDEV);
    expect(vfs.rename('/mnt', '/b')).toBe(-Errno.EBUSY);
    expect(vfs.rmdir('/mnt')).toBe(-Errno.EBUSY);
    expect(vfs.truncate('/mnt/none', 0)).toBe(-Errno.ENOENT);
    expect(vfs.statfs('/mnt', fs)).toBe(0);
    expect(vfs.sync()).toBe(0);
    const fd = vfs.open('/mnt/f', W | C);
    expect(vfs.unmount('/mnt')).toBe(-Errno.EBUSY);
    vfs.close(fd);
    expect(vfs.lookupsInUse()).toBe(0);
    expect(vfs.unmount('/mnt')).toBe(0);
    expect(vfs.stat('/mnt/f', st)).toBe(-Errno.ENOENT);
  });

  it('no leaks after closing everything and unmounting', () => {
    vfs.mkdir('/mnt');
    const baseline = heapSnapshot();
    const m = new RamFs(1 << 16);
    expect(vfs.mount('/mnt', m)).toBe(0);
    const buf = allocBytes(5000, 16);
    for (let round = 0; round < 3; round++) {
      for (const p of ['/mnt/a', '/b', '/mnt/c']) {
        const fd = vfs.open(p, RW | C | OpenFlags.Truncate);
        expect(vfs.write(fd, buf, 5000)).toBe(5000);
        expect(vfs.lseek(fd, 10, Seek.Set)).toBe(10);
        expect(vfs.read(fd, buf, 100)).toBe(100);
        expect(vfs.close(fd)).toBe(0);
      }
      expect(vfs.rename('/mnt/a', '/mnt/aa')).toBe(0);
      expect(vfs.unlink('/mnt/aa')).toBe(0);
      vfs.mkdir('/mnt/d');
      expect(vfs.rename('/mnt/c', '/mnt/d/c')).toBe(0);
      expect(vfs.unlink('/mnt/d/c')).toBe(0);
      expect(vfs.rmdir('/mnt/d')).toBe(0);
      expect(vfs.unlink('/b')).toBe(0);
      expect(writeFile(vfs, '/t', 'text')).toBe(4);
      expect(read('/t')).toBe('text');
      expect(vfs.unlink('/t')).toBe(0);
    }
    // a descriptor still open on an unlinked file, closed last
    const fd = vfs.open('/mnt/z', W | C);
    vfs.unlink('/mnt/z');
    expect(vfs.unmount('/mnt')).toBe(-Errno.EBUSY);
    vfs.close(fd);
    expect(vfs.unmount('/mnt')).toBe(0);
    freeBytes(buf);
    m[Symbol.dispose]();
    const extra = heapSnapshot().filter((x) => !baseline.includes(x));
    expect(extra.length).toBe(0);
    expect(vfs.openCount()).toBe(0);
  });

  it('disposing of the vfs frees everything it allocated', () => {
    freshMachine();
    const before = heapSnapshot();
    const r = new RamFs(1 << 16);
    const v = new Vfs(r, MAX_FDS, 4);
    v.mkdir('/x');
    writeFile(v, '/x/y', 'z');
    v[Symbol.dispose]();
    r[Symbol.dispose]();
    const extra = heapSnapshot().filter((x) => !before.includes(x));
    expect(extra.length).toBe(0);
    expectNoLeaksSince(before);
  });
});

describe('cwd and helpers', () => {
  it('getcwd needs room; chdir keeps a canonical path', () => {
    vfs.mkdir('/a');
    vfs.mkdir('/a/b');
    expect(vfs.chdir('/a//b/./')).toBe(0);
    const small = new StrBuf(3);
    expect(vfs.getcwd(small)).toBe(-Errno.ENAMETOOLONG);
    expect(small.len()).toBe(0);
    const sb = new StrBuf(16);
    expect(vfs.getcwd(sb)).toBe(4);
    expect(sb.toString()).toBe('/a/b');
    expect(vfs.chdir('')).toBe(-Errno.ENOENT);
    expect(vfs.mkdir('../c')).toBe(0);
    const st = new Stat();
    expect(vfs.stat('/a/c', st)).toBe(0);
    small[Symbol.dispose]();
    sb[Symbol.dispose]();
  });

  it('writeString, readFile and writeFile', () => {
    const long = 'abcdefghij'.repeat(100); // several bounce chunks
    expect(writeFile(vfs, '/f', long)).toBe(1000);
    expect(read('/f')).toBe(long);
    expect(writeFile(vfs, '/f', 'short')).toBe(5);
    expect(read('/f')).toBe('short');
    expect(writeFile(vfs, '/no/f', 'x')).toBe(-Errno.ENOENT);
    expect(read('/no')).toBe(-Errno.ENOENT);
    const fd = vfs.open('/f', R);
    expect(writeString(vfs, fd, 'x')).toBe(-Errno.EBADF);
    vfs.close(fd);
    const b = bufOf('über');
    const w = vfs.open('/u', W | C);
    expect(vfs.write(w, b.addr, b.len)).toBe(5);
    vfs.close(w);
    freeBytes(b.addr);
    expect(read('/u')).toBe('über');
    const a = allocBytes(8, 1);
    const r = vfs.open('/u', R);
    expect(vfs.read(r, a, 8)).toBe(5);
    expect(textAt(a, 5)).toBe('über');
    vfs.close(r);
    freeBytes(a);
  });

  it('errno names and messages', () => {
    expect(errnoName(-Errno.EXDEV)).toBe('EXDEV');
    expect(errnoMessage(Errno.EBUSY)).toBe('device or resource busy');
    expect(errnoName(-1000)).toBe('E?');
  });

  it('the kernel vfs: kernelVfs before initVfs panics, initVfs once', () => {
    expect(catchPanic(() => kernelVfs())).toBe('vfs: kernelVfs called before initVfs');
    const k = initVfs(root);
    expect(kernelVfs()).toBe(k);
    expect(catchPanic(() => initVfs(root))).toBe('vfs: initVfs called twice');
  });
});
