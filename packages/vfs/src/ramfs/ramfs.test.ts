// ramfs through the FileSystem interface directly: every method with good
// and bad arguments and the exact errno, limits (handles, ENOSPC, EFBIG),
// zeroed gaps, unlink while open, read-only mode, and no leaks.
import { beforeEach, describe, expect, it } from 'vitest';
import { load8 } from '@unishyper/rt';
import { Errno } from '../errno';
import { DirEntry, FsStats, NodeType, OpenFlags, Stat } from '../file-system';
import { allocBytes, bufOf, expectNoLeaksSince, freeBytes, freshMachine, heapSnapshot, textAt } from '../test-support/sim';
import { MAX_FILE_SIZE, MAX_HANDLES, RamFs } from './ramfs';

const R = OpenFlags.Read;
const W = OpenFlags.Write;
const RW = OpenFlags.ReadWrite;
const C = OpenFlags.Create;

let fs: RamFs;
let baseline: string[];

beforeEach(() => {
  freshMachine();
  fs = new RamFs(1 << 20);
  baseline = heapSnapshot();
});

function writeText(h: number, off: number, s: string): number {
  const b = bufOf(s);
  const r = fs.write(h, off, b.addr, b.len);
  freeBytes(b.addr);
  return r;
}

function readText(h: number, off: number, len: number): string | number {
  const a = allocBytes(Math.max(len, 1), 1);
  const r = fs.read(h, off, a, len);
  const s = r < 0 ? r : textAt(a, r);
  freeBytes(a);
  return s;
}

function names(path: string): string[] {
  const h = fs.open(path, R);
  const e = new DirEntry();
  const out: string[] = [];
  for (let i = 0; fs.readdir(h, i, e) === 1; i++) out.push(e.name.toString() + (e.type === NodeType.Directory ? '/' : ''));
  e[Symbol.dispose]();
  fs.close(h);
  return out;
}

describe('ramfs handles', () => {
  it('creates, writes at offsets, reads, and reports sizes', () => {
    const h = fs.open('f', RW | C);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(writeText(h, 0, 'hello')).toBe(5);
    expect(writeText(h, 3, 'LOWORLD')).toBe(7);
    expect(fs.size(h)).toBe(10);
    expect(readText(h, 0, 100)).toBe('helLOWORLD');
    expect(readText(h, 8, 100)).toBe('LD');
    expect(readText(h, 10, 5)).toBe('');
    expect(readText(h, 99, 5)).toBe('');
    expect(writeText(h, 0, '')).toBe(0);
    expect(fs.fsync(h)).toBe(0);
    expect(fs.close(h)).toBe(0);
    expectNoLeaksSince(heapSnapshot()); // trivially; the file stays
  });

  it('bad handles and arguments', () => {
    const a = allocBytes(16, 1);
    const st = new Stat();
    const e = new DirEntry();
    for (const h of [-1, MAX_HANDLES, 3]) {
      expect(fs.read(h, 0, a, 1)).toBe(-Errno.EBADF);
      expect(fs.write(h, 0, a, 1)).toBe(-Errno.EBADF);
      expect(fs.truncate(h, 0)).toBe(-Errno.EBADF);
      expect(fs.size(h)).toBe(-Errno.EBADF);
      expect(fs.fstat(h, st)).toBe(-Errno.EBADF);
      expect(fs.fsync(h)).toBe(-Errno.EBADF);
      expect(fs.readdir(h, 0, e)).toBe(-Errno.EBADF);
      expect(fs.close(h)).toBe(-Errno.EBADF);
    }
    const h = fs.open('f', RW | C);
    expect(fs.read(h, -1, a, 1)).toBe(-Errno.EINVAL);
    expect(fs.read(h, 0, a, -1)).toBe(-Errno.EINVAL);
    expect(fs.write(h, -1, a, 1)).toBe(-Errno.EINVAL);
    expect(fs.write(h, 0, a, -1)).toBe(-Errno.EINVAL);
    expect(fs.truncate(h, -1)).toBe(-Errno.EINVAL);
    expect(fs.readdir(h, 0, e)).toBe(-Errno.ENOTDIR);
    fs.close(h);
    expect(fs.close(h)).toBe(-Errno.EBADF);
    const r = fs.open('f', R);
    expect(fs.write(r, 0, a, 1)).toBe(-Errno.EBADF);
    expect(fs.truncate(r, 0)).toBe(-Errno.EINVAL);
    fs.close(r);
    const w = fs.open('f', W);
    expect(fs.read(w, 0, a, 1)).toBe(-Errno.EBADF);
    fs.close(w);
    const d = fs.open('', R);
    expect(fs.read(d, 0, a, 1)).toBe(-Errno.EISDIR);
    expect(fs.readdir(d, -1, e)).toBe(-Errno.EINVAL);
    expect(fs.truncate(d, 0)).toBe(-Errno.EISDIR);
    fs.close(d);
    expect(fs.open('', W)).toBe(-Errno.EISDIR);
    expect(fs.open('', RW)).toBe(-Errno.EISDIR);
    expect(fs.open('f', 0)).toBe(-Errno.EINVAL);
    expect(fs.open('f', R | 128)).toBe(-Errno.EINVAL);
    expect(fs.open('f', W | C | OpenFlags.Exclusive)).toBe(-Errno.EEXIST);
    expect(fs.open('', R | C | OpenFlags.Exclusive)).toBe(-Errno.EEXIST);
    expect(fs.open('f/x', R)).toBe(-Errno.ENOTDIR);
    expect(fs.open('f/x', W | C)).toBe(-Errno.ENOTDIR);
    expect(fs.open('no/x', W | C)).toBe(-Errno.ENOENT);
    expect(fs.open('a//b', R)).toBe(-Errno.ENOENT);
    fs.mkdir('a');
    expect(fs.open('a//b', R)).toBe(-Errno.EINVAL);
    expect(fs.open('/a', R)).toBe(-Errno.EINVAL);
    expect(fs.open('n'.repeat(256), W | C)).toBe(-Errno.ENAMETOOLONG);
    freeBytes(a);
    e[Symbol.dispose]();
  });

  it('runs out of handles with EMFILE and creates nothing then', () => {
    const hs: number[] = [];
    for (let i = 0; i < MAX_HANDLES; i++) hs.push(fs.open('', R));
    expect(new Set(hs).size).toBe(MAX_HANDLES);
    expect(hs.every((h) => h >= 0)).toBe(true);
    expect(fs.open('', R)).toBe(-Errno.EMFILE);
    expect(fs.open('new', W | C)).toBe(-Errno.EMFILE);
    const st = new Stat();
    expect(fs.stat('new', st)).toBe(-Errno.ENOENT);
    fs.close(hs[7]!);
    expect(fs.open('new', W | C)).toBe(hs[7]);
  });

  it('zeroes every gap: writing past the end, and growing after a shrink', () => {
    const h = fs.open('g', RW | C);
    expect(writeText(h, 0, 'x'.repeat(100))).toBe(100);
    expect(fs.truncate(h, 10)).toBe(0);
    expect(fs.truncate(h, 50)).toBe(0);
    expect(writeText(h, 80, 'end')).toBe(3);
    const a = allocBytes(83, 1);
    expect(fs.read(h, 0, a, 200)).toBe(83);
    const bytes = Array.from({ length: 83 }, (_, i) => load8(a + i));
    expect(bytes.slice(0, 10).every((b) => b === 120)).toBe(true);
    expect(bytes.slice(10, 80).every((b) => b === 0)).toBe(true);
    expect(textAt(a + 80, 3)).toBe('end');
    freeBytes(a);
    expect(fs.truncate(h, 0)).toBe(0);
    expect(fs.dataBytes()).toBe(0);
    fs.close(h);
  });

  it('ENOSPC at the data limit, EFBIG past the largest file', () => {
    const small = new RamFs(1000);
    const h = small.open('f', RW | C);
    const a = allocBytes(2000, 1);
    expect(small.write(h, 0, a, 1000)).toBe(1000);
    expect(small.write(h, 1000, a, 1)).toBe(-Errno.ENOSPC);
    expect(small.truncate(h, 1001)).toBe(-Errno.ENOSPC);
    expect(small.size(h)).toBe(1000);
    const st = new FsStats();
    expect(small.statfs(st)).toBe(0);
    expect([st.blockSize, st.totalBlocks, st.freeBlocks]).toEqual([512, 1, 0]);
    expect(small.truncate(h, 0)).toBe(0);
    expect(small.statfs(st)).toBe(0);
    expect(st.freeBlocks).toBe(1);
    expect(small.write(h, MAX_FILE_SIZE, a, 1)).toBe(-Errno.EFBIG);
    expect(small.truncate(h, MAX_FILE_SIZE + 1)).toBe(-Errno.EFBIG);
    small.close(h);
    freeBytes(a);
    small[Symbol.dispose]();
  });

  it('stat and fstat fill every field', () => {
    const h = fs.open('s', W | C);
    writeText(h, 0, 'abc');
    const st = new Stat();
    expect(fs.fstat(h, st)).toBe(0);
    expect([st.type, st.size, st.allocated, st.mode, st.mtime]).toEqual([NodeType.File, 3, 64, 0o100644, 0]);
    const ino = st.ino;
    expect(fs.mkdir('d')).toBe(0);
    expect(fs.stat('d', st)).toBe(0);
    expect([st.type, st.size, st.mode]).toEqual([NodeType.Directory, 0, 0o40755]);
    expect(st.ino).not.toBe(ino);
    expect(fs.stat('', st)).toBe(0);
    expect(st.ino).toBe(1);
    fs.setReadOnly(true);
    expect(fs.stat('s', st)).toBe(0);
    expect(st.mode).toBe(0o100444);
    fs.close(h);
  });
});

describe('ramfs paths', () => {
  it('mkdir, rmdir, unlink with their errors', () => {
    expect(fs.mkdir('')).toBe(-Errno.EEXIST);
    expect(fs.mkdir('a')).toBe(0);
    expect(fs.mkdir('a')).toBe(-Errno.EEXIST);
    expect(fs.mkdir('a/b')).toBe(0);
    expect(fs.mkdir('x/y')).toBe(-Errno.ENOENT);
    fs.close(fs.open('a/f', W | C));
    expect(fs.mkdir('a/f/g')).toBe(-Errno.ENOTDIR);
    expect(fs.mkdir('a/' + 'n'.repeat(256))).toBe(-Errno.ENAMETOOLONG);
    expect(names('a')).toEqual(['b/', 'f']);
    expect(fs.rmdir('')).toBe(-Errno.EBUSY);
    expect(fs.rmdir('a')).toBe(-Errno.ENOTEMPTY);
    expect(fs.rmdir('a/f')).toBe(-Errno.ENOTDIR);
    expect(fs.rmdir('a/zz')).toBe(-Errno.ENOENT);
    expect(fs.unlink('a/b')).toBe(-Errno.EISDIR);
    expect(fs.unlink('')).toBe(-Errno.EISDIR);
    expect(fs.unlink('a/zz')).toBe(-Errno.ENOENT);
    expect(fs.unlink('a/f')).toBe(0);
    expect(fs.rmdir('a/b')).toBe(0);
    expect(fs.rmdir('a')).toBe(0);
    expect(names('')).toEqual([]);
    expectNoLeaksSince(baseline);
  });

  it('rename: files, directories, replacement rules', () => {
    fs.mkdir('d');
    fs.mkdir('d/sub');
    fs.mkdir('empty');
    fs.mkdir('full');
    fs.mkdir('full/x');
    const h = fs.open('d/f', W | C);
    writeText(h, 0, 'data');
    fs.close(h);
    fs.close(fs.open('other', W | C));
    expect(fs.rename('', 'x')).toBe(-Errno.EBUSY);
    expect(fs.rename('d', '')).toBe(-Errno.EBUSY);
    expect(fs.rename('nope', 'x')).toBe(-Errno.ENOENT);
    expect(fs.rename('d/f', 'nope/f')).toBe(-Errno.ENOENT);
    expect(fs.rename('d/f', 'other/f')).toBe(-Errno.ENOTDIR);
    expect(fs.rename('d', 'd/sub/d')).toBe(-Errno.EINVAL);
    expect(fs.rename('d', 'd')).toBe(0);
    expect(fs.rename('d/f', 'd/f')).toBe(0);
    expect(fs.rename('d', 'other')).toBe(-Errno.ENOTDIR);
    expect(fs.rename('other', 'empty')).toBe(-Errno.EISDIR);
    expect(fs.rename('d', 'full')).toBe(-Errno.ENOTEMPTY);
    expect(fs.rename('d/f', 'other')).toBe(0);
    const st = new Stat();
    expect(fs.stat('other', st)).toBe(0);
    expect(st.size).toBe(4);
    expect(fs.rename('d', 'empty')).toBe(0);
    expect(names('')).toEqual(['full/', 'other', 'empty/']);
    expect(names('empty')).toEqual(['sub/']);
    expect(fs.rename('other', 'empty/sub/moved-with-a-longer-name')).toBe(0);
    expect(names('empty/sub')).toEqual(['moved-with-a-longer-name']);
  });

  it('a file unlinked while open keeps its data until its last close', () => {
    const h = fs.open('f', RW | C);
    writeText(h, 0, 'still here');
    const h2 = fs.open('f', R);
    expect(fs.unlink('f')).toBe(0);
    const st = new Stat();
    expect(fs.stat('f', st)).toBe(-Errno.ENOENT);
    expect(readText(h2, 0, 100)).toBe('still here');
    expect(writeText(h, 10, '!')).toBe(1);
    fs.close(h);
    expect(readText(h2, 0, 100)).toBe('still here!');
    // a new file of the same name is another node
    const h3 = fs.open('f', RW | C);
    expect(fs.size(h3)).toBe(0);
    fs.close(h3);
    fs.unlink('f');
    fs.close(h2);
    expectNoLeaksSince(baseline);
  });

  it('a file replaced by rename while open stays readable', () => {
    const h = fs.open('old', RW | C);
    writeText(h, 0, 'old data');
    fs.close(fs.open('new', W | C));
    expect(fs.rename('new', 'old')).toBe(0);
    expect(readText(h, 0, 100)).toBe('old data');
    fs.close(h);
    fs.unlink('old');
    expectNoLeaksSince(baseline);
  });

  it('read-only: every change is EROFS, reads work', () => {
    fs.mkdir('d');
    fs.close(fs.open('f', W | C));
    fs.setReadOnly(true);
    expect(fs.readOnly()).toBe(true);
    expect(fs.open('f', W)).toBe(-Errno.EROFS);
    expect(fs.open('g', W | C)).toBe(-Errno.EROFS);
    expect(fs.mkdir('e')).toBe(-Errno.EROFS);
    expect(fs.rmdir('d')).toBe(-Errno.EROFS);
    expect(fs.unlink('f')).toBe(-Errno.EROFS);
    expect(fs.rename('f', 'g')).toBe(-Errno.EROFS);
    const h = fs.open('f', R);
    expect(h).toBeGreaterThanOrEqual(0);
    fs.close(h);
    expect(fs.typeName()).toBe('ramfs');
  });

  it('disposing frees every node, buffer and its lock', () => {
    freshMachine();
    const before = heapSnapshot();
    const f = new RamFs(1 << 20);
    f.mkdir('a');
    f.mkdir('a/b');
    const h = f.open('a/b/c', RW | C);
    const b = bufOf('x'.repeat(300));
    f.write(h, 0, b.addr, b.len);
    freeBytes(b.addr);
    const h2 = f.open('gone', W | C);
    f.unlink('gone');
    f.close(h);
    expect(h2).toBeGreaterThanOrEqual(0);
    f[Symbol.dispose]();
    const extra = heapSnapshot().filter((x) => !before.includes(x));
    expect(extra.length).toBe(0);
  });
});
