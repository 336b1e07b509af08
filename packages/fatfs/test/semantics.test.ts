/**
 * FileSystem semantics on fresh mkfs.fat images: open flags, shared sizes,
 * holes, truncate, rename rules, rmdir/unlink rules, unlink while open,
 * ENOSPC (volume and root directory full) leaving fsck clean, short-name
 * generation as mtools shows it, NT case bits, UTF-16 surrogate pairs in
 * long names, timestamps, FSInfo, read-only mounts, handle errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, memset } from '@unishyper/rt';
import { readMemory, writeMemory } from '@unishyper/rt/sim';
import { DirEntry, Errno, FsStats, OpenFlags, Stat } from '@unishyper/vfs';
import { FatFs, MountOptions, MountStatus } from '../src/index';
import { fsck, listDir, loadImage, mkfs, Mounted, must, readAll, saveImage, TEST_NOW, tmpDir, writeFile } from './host';

const work = tmpDir('sem');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const RW_CREATE = OpenFlags.ReadWrite | OpenFlags.Create;

function fresh(type: 12 | 16 | 32, tag: string, extra: string[] = []): { img: string; m: Mounted } {
  const img = path.join(work, `${tag}.img`);
  mkfs(img, type, extra);
  return { img, m: new Mounted(loadImage(img)) };
}

function checkClean(m: Mounted, img: string): void {
  expect(m.fs.sync()).toBe(0);
  saveImage(m.disk, img);
  const c = fsck(img);
  expect(c.ok, c.out).toBe(true);
}

function bytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return b;
}

function writeAt(f: FatFs, h: number, off: number, data: Uint8Array): number {
  const buf = allocBytes(Math.max(data.length, 1), 16);
  writeMemory(buf, data);
  const n = f.write(h, off, buf, data.length);
  freeBytes(buf);
  return n;
}

function readAt(f: FatFs, h: number, off: number, len: number): Uint8Array | number {
  const buf = allocBytes(Math.max(len, 1), 16);
  const n = f.read(h, off, buf, len);
  const out = n >= 0 ? readMemory(buf, n) : n;
  freeBytes(buf);
  return out;
}

describe('open, read, write, truncate', () => {
  it('honours create, exclusive and truncate; two handles share one size', () => {
    const { img, m } = fresh(16, 'open');
    const f = m.fs;
    expect(f.open('a.txt', OpenFlags.Read)).toBe(-Errno.ENOENT);
    const h1 = f.open('a.txt', RW_CREATE);
    expect(h1).toBeGreaterThanOrEqual(0);
    expect(f.open('A.TXT', RW_CREATE | OpenFlags.Exclusive)).toBe(-Errno.EEXIST);
    const h2 = f.open('A.txt', OpenFlags.Read);
    expect(writeAt(f, h1, 0, bytes(3000, 1))).toBe(3000);
    expect(f.size(h2)).toBe(3000);
    expect(readAt(f, h2, 2990, 100)).toEqual(bytes(3000, 1).slice(2990));
    expect(f.write(h2, 0, 0, 1)).toBe(-Errno.EBADF); // read-only handle
    const h3 = f.open('a.txt', OpenFlags.Write | OpenFlags.Truncate);
    expect(f.size(h1)).toBe(0);
    expect(readAt(f, h2, 0, 10)).toEqual(new Uint8Array(0));
    expect(f.close(h3)).toBe(0);
    expect(f.close(h3)).toBe(-Errno.EBADF);
    expect(f.close(99999)).toBe(-Errno.EBADF);
    expect(f.mkdir('d')).toBe(0);
    expect(f.open('d', OpenFlags.Write)).toBe(-Errno.EISDIR);
    expect(f.open('', OpenFlags.ReadWrite)).toBe(-Errno.EISDIR);
    const hd = f.open('d', OpenFlags.Read);
    expect(f.read(hd, 0, 0, 1)).toBe(-Errno.EISDIR);
    expect(f.readdir(h1, 0, new DirEntry())).toBe(-Errno.ENOTDIR);
    expect(f.close(hd)).toBe(0);
    expect(f.open('a.txt/b', RW_CREATE)).toBe(-Errno.ENOTDIR);
    expect(f.open('nodir/b', RW_CREATE)).toBe(-Errno.ENOENT);
    expect(f.open('bad:name', RW_CREATE)).toBe(-Errno.EINVAL);
    expect(f.open('x'.repeat(256), RW_CREATE)).toBe(-Errno.ENAMETOOLONG);
    expect(f.open('y'.repeat(255), RW_CREATE)).toBeGreaterThanOrEqual(0);
    expect(f.open('a.txt', 0)).toBe(-Errno.EINVAL);
    f.close(h1);
    f.close(h2);
    checkClean(m, img);
    f.unmount();
  });

  it('fills holes with zeros when writing past the end; truncate up and down', () => {
    const { img, m } = fresh(12, 'holes');
    const f = m.fs;
    const cs = f.clusterSize();
    const h = f.open('hole.bin', RW_CREATE);
    // Dirty the clusters first, so stale bytes would show if the gap were not zeroed.
    expect(writeAt(f, h, 0, new Uint8Array(5 * cs).fill(0xaa))).toBe(5 * cs);
    expect(f.truncate(h, 10)).toBe(0);
    expect(writeAt(f, h, 4 * cs + 3, bytes(100, 2))).toBe(100);
    expect(f.size(h)).toBe(4 * cs + 103);
    const all = readAt(f, h, 0, 10 * cs) as Uint8Array;
    expect(all.length).toBe(4 * cs + 103);
    expect(all.slice(0, 10)).toEqual(new Uint8Array(10).fill(0xaa));
    expect(all.slice(10, 4 * cs + 3)).toEqual(new Uint8Array(4 * cs - 7));
    expect(all.slice(4 * cs + 3)).toEqual(bytes(100, 2));
    // Truncate up: zeros.
    expect(f.truncate(h, 7 * cs + 1)).toBe(0);
    const up = readAt(f, h, 4 * cs + 103, 10 * cs) as Uint8Array;
    expect(up).toEqual(new Uint8Array(3 * cs + 1 - 103));
    const st = new Stat();
    expect(f.fstat(h, st)).toBe(0);
    expect(st.size).toBe(7 * cs + 1);
    expect(st.allocated).toBe(8 * cs);
    // Truncate down frees clusters.
    const sf = new FsStats();
    f.statfs(sf);
    const free0 = sf.freeBlocks;
    expect(f.truncate(h, cs)).toBe(0);
    f.statfs(sf);
    expect(sf.freeBlocks).toBe(free0 + 7);
    expect(f.truncate(h, 0)).toBe(0);
    f.statfs(sf);
    expect(sf.freeBlocks).toBe(free0 + 8);
    expect(f.truncate(h, -1)).toBe(-Errno.EINVAL);
    expect(f.write(h, 0xffffffff, 0, 1)).toBe(-Errno.EFBIG);
    expect(writeAt(f, h, 2 * cs - 1, bytes(3, 3))).toBe(3);
    f.close(h);
    checkClean(m, img);
    saveImage(m.disk, img);
    const data = Buffer.from(must('mtype', ['-i', img, '::/hole.bin']), 'latin1');
    expect(data.length).toBeGreaterThan(0);
    f.unmount();
  });

  it('stamps times from its clock; mtools shows them', () => {
    const { img, m } = fresh(16, 'times');
    writeFile(m.fs, 'time.txt', bytes(10, 1), 10);
    const st = new Stat();
    expect(m.fs.stat('time.txt', st)).toBe(0);
    expect(st.mtime).toBe(TEST_NOW);
    expect(st.ctime).toBe(TEST_NOW);
    m.clock.now = TEST_NOW + 3601;
    const h = m.fs.open('time.txt', OpenFlags.Write);
    writeAt(m.fs, h, 0, bytes(1, 1));
    m.fs.fstat(h, st);
    expect(st.mtime).toBe(TEST_NOW + 3600); // 2-second resolution
    expect(st.ctime).toBe(TEST_NOW);
    m.fs.close(h);
    checkClean(m, img);
    expect(must('mdir', ['-i', img, '::/'])).toMatch(/time\s+txt\s+10 2025-06-01\s+13:00/);
    m.fs.unmount();
  });
});

describe('names', () => {
  it('makes ~N short names, NT case bits and long names that mtools shows', () => {
    const { img, m } = fresh(16, 'names');
    const f = m.fs;
    const names = ['long file name one.txt', 'long file name two.txt', 'long file name three.txt', 'lower.txt', 'UPPER.TXT', 'Mixed.txt', 'other.TXT',
      'a+b,c.txt', '.hidden', 'archive.tar.gz', 'Ünïcödé.txt', '😀 smile.txt', 'x'.repeat(200)];
    for (const n of names) {
      const h = f.open(n, RW_CREATE | OpenFlags.Exclusive);
      expect(h, n).toBeGreaterThanOrEqual(0);
      f.close(h);
    }
    expect([...listDir(f, '').keys()].sort()).toEqual([...names].sort());
    checkClean(m, img);
    const dir = must('mdir', ['-i', img, '::/']);
    expect(dir).toMatch(/LONGFI~1 TXT\s+0 .* long file name one\.txt/);
    expect(dir).toMatch(/LONGFI~2 TXT\s+0 .* long file name two\.txt/);
    expect(dir).toMatch(/LONGFI~3 TXT\s+0 .* long file name three\.txt/);
    expect(dir).toMatch(/lower\s+txt\s+0 /);
    expect(dir).toMatch(/UPPER\s+TXT\s+0 /);
    expect(dir).toMatch(/MIXED\s+TXT\s+0 .* Mixed\.txt/);
    expect(dir).toMatch(/other\s+TXT\s+0 /);
    expect(dir).toMatch(/A_B_C~1\s+TXT\s+0 .* a\+b,c\.txt/);
    expect(dir).toMatch(/HIDDEN~1\s+0 .* \.hidden/);
    expect(dir).toMatch(/ARCHIV~1 GZ\s+0 .* archive\.tar\.gz/);
    // The raw root directory: no long-name entry before the single-case 8.3 names, the NT bits set,
    // and the emoji stored as a surrogate pair.
    const raw = fs.readFileSync(img);
    const rootAt = (raw.readUInt16LE(14) + raw[16]! * raw.readUInt16LE(22)) * 512;
    const entries: Buffer[] = [];
    for (let i = 0; i < 512; i++) entries.push(raw.subarray(rootAt + i * 32, rootAt + i * 32 + 32));
    const lowerAt = entries.findIndex((e) => e.toString('latin1', 0, 11) === 'LOWER   TXT' && (e[12]! & 0x10) !== 0);
    expect(entries[lowerAt]![12]).toBe(0x18);
    expect(entries[lowerAt - 1]![11]).not.toBe(0x0f);
    let units: number[] = [];
    let found = false;
    for (const e of entries) {
      if (e[11] === 0x0f) {
        const u: number[] = [];
        for (const o of [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30]) u.push(e.readUInt16LE(o));
        units = (e[0]! & 0x40) !== 0 ? u : u.concat(units);
      } else {
        const s = String.fromCharCode(...units.filter((x) => x !== 0 && x !== 0xffff));
        if (s === '😀 smile.txt') found = true;
        units = [];
      }
    }
    expect(found).toBe(true);
    expect('😀 smile.txt'.charCodeAt(0)).toBe(0xd83d);
    f.unmount();
  });

  it('ignores a long name whose checksum does not match (the short name is used)', () => {
    const { img, m } = fresh(16, 'orphan');
    writeFile(m.fs, 'a long file name.txt', bytes(5, 1), 5);
    m.fs.unmount();
    saveImage(m.disk, img);
    const raw = fs.readFileSync(img);
    const rootAt = (raw.readUInt16LE(14) + raw[16]! * raw.readUInt16LE(22)) * 512;
    for (let i = 0; i < 16; i++) {
      const e = rootAt + i * 32;
      if (raw[e + 11] === 0x0f) raw[e + 13] = (raw[e + 13]! + 1) & 0xff;
    }
    fs.writeFileSync(img, raw);
    const m2 = new Mounted(loadImage(img));
    expect([...listDir(m2.fs, '').keys()]).toEqual(['ALONGF~1.TXT']);
    expect(readAll(m2.fs, 'alongf~1.txt')).toEqual(bytes(5, 1));
    m2.fs.unmount();
  });
});

describe('rename, rmdir, unlink', () => {
  it('renames within and across directories, replaces files, refuses cycles', () => {
    const { img, m } = fresh(32, 'rename');
    const f = m.fs;
    expect(f.mkdir('a')).toBe(0);
    expect(f.mkdir('a/b')).toBe(0);
    expect(f.mkdir('c')).toBe(0);
    writeFile(f, 'a/file.txt', bytes(2000, 1), 700);
    writeFile(f, 'c/target.txt', bytes(100, 2), 100);
    const open = f.open('a/file.txt', OpenFlags.Read);
    expect(f.rename('a/file.txt', 'a/File Renamed.txt')).toBe(0);
    expect(f.rename('a/File Renamed.txt', 'c/target.txt')).toBe(0);
    expect(readAll(f, 'c/target.txt')).toEqual(bytes(2000, 1));
    expect(readAt(f, open, 1990, 10)).toEqual(bytes(2000, 1).slice(1990));
    const st = new Stat();
    expect(f.fstat(open, st)).toBe(0);
    expect(st.size).toBe(2000);
    f.close(open);
    expect(f.rename('a', 'a/b/inside')).toBe(-Errno.EINVAL);
    expect(f.rename('a', 'a/b')).toBe(-Errno.EINVAL);
    expect(f.rename('c/target.txt', 'a')).toBe(-Errno.EISDIR);
    expect(f.rename('a', 'c/target.txt')).toBe(-Errno.ENOTDIR);
    expect(f.rename('nothing', 'x')).toBe(-Errno.ENOENT);
    expect(f.rename('', 'x')).toBe(-Errno.EBUSY);
    // Move a directory across: its ".." follows.
    expect(f.rename('a/b', 'c/b moved')).toBe(0);
    writeFile(f, 'c/b moved/inner.txt', bytes(10, 3), 10);
    // Replace an empty directory; refuse a non-empty one.
    expect(f.mkdir('empty')).toBe(0);
    expect(f.rename('c/b moved', 'empty')).toBe(0);
    expect(f.mkdir('full')).toBe(0);
    writeFile(f, 'full/x', bytes(1, 1), 1);
    expect(f.rename('empty', 'full')).toBe(-Errno.ENOTEMPTY);
    // Case-only rename.
    expect(f.rename('empty', 'EMPTY')).toBe(0);
    expect([...listDir(f, '').keys()].sort()).toEqual(['EMPTY', 'a', 'c', 'full']);
    expect(f.rename('EMPTY', 'EMPTY')).toBe(0);
    expect(readAll(f, 'empty/inner.txt')).toEqual(bytes(10, 3));
    checkClean(m, img);
    expect(must('mdir', ['-i', img, '::/EMPTY'])).toContain('inner');
    f.unmount();
  });

  it('rmdir and unlink follow the contract; unlinked open files keep data until the last close', () => {
    const { img, m } = fresh(16, 'remove');
    const f = m.fs;
    expect(f.mkdir('d')).toBe(0);
    expect(f.mkdir('d')).toBe(-Errno.EEXIST);
    writeFile(f, 'd/f', bytes(5000, 4), 5000);
    expect(f.rmdir('d')).toBe(-Errno.ENOTEMPTY);
    expect(f.rmdir('d/f')).toBe(-Errno.ENOTDIR);
    expect(f.unlink('d')).toBe(-Errno.EISDIR);
    expect(f.rmdir('')).toBe(-Errno.EBUSY);
    expect(f.unlink('nothing')).toBe(-Errno.ENOENT);
    const sf = new FsStats();
    f.statfs(sf);
    const free0 = sf.freeBlocks;
    const h = f.open('d/f', OpenFlags.ReadWrite);
    expect(f.unlink('d/f')).toBe(0);
    expect(f.open('d/f', OpenFlags.Read)).toBe(-Errno.ENOENT);
    expect(readAt(f, h, 4990, 10)).toEqual(bytes(5000, 4).slice(4990));
    expect(writeAt(f, h, 5000, bytes(3000, 5))).toBe(3000);
    f.statfs(sf);
    expect(sf.freeBlocks).toBeLessThan(free0);
    expect(f.rmdir('d')).toBe(0);
    expect(f.close(h)).toBe(0);
    f.statfs(sf);
    expect(sf.freeBlocks).toBe(free0 + 5 + 1); // the file's 5 clusters and the directory's one
    checkClean(m, img);
    f.unmount();
  });
});

describe('ENOSPC', () => {
  it.each([12, 16, 32] as const)('FAT%i: a full volume stays consistent and recovers', (type) => {
    const { img, m } = fresh(type, `full${type}`);
    const f = m.fs;
    const sf = new FsStats();
    f.statfs(sf);
    const cs = f.clusterSize();
    const chunk = 64 * 1024;
    const buf = allocBytes(chunk, 16);
    memset(buf, 0x5a, chunk);
    expect(f.mkdir('dir')).toBe(0);
    const h = f.open('dir/big', RW_CREATE);
    let off = 0;
    let last = 0;
    for (;;) {
      last = f.write(h, off + 1, buf, chunk); // odd offsets: a gap and partial sectors
      if (last <= 0) break;
      off += last;
      if (last < chunk) continue;
    }
    expect(last).toBe(-Errno.ENOSPC);
    const total = f.size(h);
    expect(Math.ceil(total / cs)).toBe(sf.freeBlocks - 1);
    f.statfs(sf);
    expect(sf.freeBlocks).toBe(0);
    expect(f.mkdir('dir/more')).toBe(-Errno.ENOSPC);
    // A directory that must grow to take a name: ENOSPC, nothing half-made.
    let made = 0;
    for (let i = 0; i < 2000; i++) {
      const hx = f.open(`dir/a rather long file name number ${i}.txt`, RW_CREATE);
      if (hx < 0) {
        expect(hx).toBe(-Errno.ENOSPC);
        break;
      }
      made++;
      f.close(hx);
    }
    expect(made).toBeLessThan(2000);
    f.close(h);
    checkClean(m, img);
    expect(f.unlink('dir/big')).toBe(0);
    f.statfs(sf);
    expect(sf.freeBlocks).toBeGreaterThan(0);
    checkClean(m, img);
    freeBytes(buf);
    f.unmount();
  });

  it('a full FAT16 root directory is ENOSPC', () => {
    const { img, m } = fresh(16, 'rootfull', ['-r', '32']);
    let i = 0;
    for (; i < 100; i++) {
      const h = m.fs.open(`f${i}`, RW_CREATE);
      if (h < 0) {
        expect(h).toBe(-Errno.ENOSPC);
        break;
      }
      m.fs.close(h);
    }
    expect(i).toBe(32 - 1); // the label takes a slot
    checkClean(m, img);
    m.fs.unmount();
  });
});

describe('FSInfo, read-only, limits', () => {
  it('keeps FSInfo free count and next free true after sync', () => {
    const { img, m } = fresh(32, 'fsinfo');
    writeFile(m.fs, 'x.bin', bytes(100000, 1), 4096);
    m.fs.unlink('x.bin');
    writeFile(m.fs, 'y.bin', bytes(3000, 1), 4096);
    checkClean(m, img);
    const raw = fs.readFileSync(img);
    const info = raw.readUInt16LE(48) * 512;
    const sf = new FsStats();
    m.fs.statfs(sf);
    expect(raw.readUInt32LE(info + 488)).toBe(sf.freeBlocks);
    const out = must('fsck.fat', ['-n', img]);
    const used = Number(/(\d+)\/\d+ clusters/.exec(out)![1]);
    expect(sf.totalBlocks - sf.freeBlocks).toBe(used);
    m.fs.unmount();
  });

  it('a read-only mount refuses every change with EROFS', () => {
    const img = path.join(work, 'ro.img');
    mkfs(img, 12);
    const disk = loadImage(img);
    const m = new Mounted(disk);
    writeFile(m.fs, 'f', bytes(10, 1), 10);
    m.fs.unmount();
    const opts = new MountOptions(m.lock, m.clock);
    opts.readOnly = true;
    const st = new MountStatus();
    const f = FatFs.mount(disk, opts, st)!;
    expect(f.readOnly()).toBe(true);
    expect(f.open('g', RW_CREATE)).toBe(-Errno.EROFS);
    expect(f.open('f', OpenFlags.Write)).toBe(-Errno.EROFS);
    expect(f.mkdir('d')).toBe(-Errno.EROFS);
    expect(f.unlink('f')).toBe(-Errno.EROFS);
    expect(f.rename('f', 'g')).toBe(-Errno.EROFS);
    const s = new Stat();
    expect(f.stat('f', s)).toBe(0);
    expect(s.mode).toBe(0o444);
    expect(readAll(f, 'f')).toEqual(bytes(10, 1));
    f.unmount();
  });

  it('runs out of nodes and handles with EMFILE and readdir seeks by index', () => {
    const { m } = fresh(16, 'emfile');
    const hs: number[] = [];
    for (let i = 0; i < 64; i++) hs.push(m.fs.open(`f${i}`, RW_CREATE));
    expect(hs.filter((h) => h >= 0).length).toBe(32); // 32 files open at once (MountOptions.maxOpenNodes)
    expect(hs.slice(32).every((h) => h === -Errno.EMFILE)).toBe(true);
    for (let i = 32; i < 64; i++) hs[i] = m.fs.open('f0', OpenFlags.Read); // more handles on one file
    expect(hs.every((h) => h >= 0)).toBe(true);
    expect(m.fs.open('f0', OpenFlags.Read)).toBe(-Errno.EMFILE); // 64 handles (maxHandles)
    const st = new Stat();
    expect(m.fs.stat('f40', st)).toBe(0); // stat needs no node
    expect(m.fs.stat('', st)).toBe(0);
    expect(st.size).toBe(512 * 32);
    for (const h of hs) m.fs.close(h);
    const d = m.fs.open('', OpenFlags.Read);
    const e = new DirEntry();
    expect(m.fs.readdir(d, 10, e)).toBe(1);
    expect(e.name.toString()).toBe('f10');
    expect(m.fs.readdir(d, 3, e)).toBe(1);
    expect(e.name.toString()).toBe('f3');
    expect(m.fs.readdir(d, 4, e)).toBe(1);
    expect(e.name.toString()).toBe('f4');
    expect(m.fs.readdir(d, 64, e)).toBe(0);
    m.fs.close(d);
    m.fs.unmount();
  });
});
