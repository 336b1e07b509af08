/**
 * Reading images made by the host tools: mkfs.fat (FAT12, FAT16, FAT32) and
 * mcopy build a tree of several hundred files in nested directories with
 * long, mixed-case and non-ASCII names and edge sizes; fatfs mounted on a
 * RAM disk holding the image must list every directory and read every file
 * back byte-exact, and report sizes, times and the volume label.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, StrBuf } from '@unishyper/rt';
import { readMemory } from '@unishyper/rt/sim';
import { DirEntry, FsStats, NodeType, OpenFlags, Stat } from '@unishyper/vfs';
import { FatFs } from '../src/index';
import { leaksSince, listDir, liveSet, loadImage, makeTree, mcopyTree, mkfs, Mounted, must, readAll, tmpDir, type TreeFile } from './host';

const work = tmpDir('read');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function expectTree(f: FatFs, tree: { dirs: string[]; files: TreeFile[] }): void {
  const byDir = new Map<string, Set<string>>();
  byDir.set('', new Set());
  for (const d of tree.dirs) byDir.set(d, new Set());
  for (const d of tree.dirs) {
    const parent = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '';
    byDir.get(parent)!.add(d.slice(d.lastIndexOf('/') + 1));
  }
  for (const file of tree.files) {
    const parent = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    byDir.get(parent)!.add(file.path.slice(file.path.lastIndexOf('/') + 1));
  }
  for (const [d, names] of byDir) {
    const listed = listDir(f, d);
    expect([...listed.keys()].sort(), `directory "${d}"`).toEqual([...names].sort());
  }
  const st = new Stat();
  for (const file of tree.files) {
    const got = readAll(f, file.path);
    expect(got.length, file.path).toBe(file.data.length);
    expect(Buffer.from(got).equals(Buffer.from(file.data)), `contents of ${file.path}`).toBe(true);
    expect(f.stat(file.path, st)).toBe(0);
    expect(st.type).toBe(NodeType.File);
    expect(st.size).toBe(file.data.length);
    expect(st.allocated).toBe(Math.ceil(file.data.length / f.clusterSize()) * f.clusterSize());
  }
  for (const d of tree.dirs) {
    expect(f.stat(d, st)).toBe(0);
    expect(st.type).toBe(NodeType.Directory);
    expect(st.mode).toBe(0o755);
  }
}

describe.each([12, 16, 32] as const)('FAT%i image from mkfs.fat + mcopy', (type) => {
  it('lists and reads back every file byte-exact, with sizes, label, statfs', () => {
    const img = path.join(work, `read${type}.img`);
    mkfs(img, type);
    const cs = type === 16 ? 1024 : 512;
    const tree = makeTree(type * 7 + 1, type === 12 ? 120 : 400, cs, type === 12 ? 6000 : 40000);
    mcopyTree(img, tree);
    const disk = loadImage(img);
    const before = liveSet();
    const m = new Mounted(disk);
    const f = m.fs;
    expect(f.typeName()).toBe(`fat${type}`);
    const label = new StrBuf(16);
    expect(f.volumeLabel(label)).toBe(5);
    expect(label.toString()).toBe(`VOL${type}`);
    label[Symbol.dispose]();
    expectTree(f, tree);
    // Lookups ignore case, and the short name works too.
    const st = new Stat();
    expect(f.stat('sub dir/DEEPER', st)).toBe(0);
    expect(f.stat('SUB DIR/README.TXT', st)).toBe(0);
    expect(f.stat('Sub Dir/Deeper/Deepest ÜNÏCÖDÉ/MIXEDC~1.TXT', st)).toBe(0);
    expect(f.stat('nope', st)).toBe(-2);
    expect(f.stat('Sub Dir/readme.txt/x', st)).toBe(-20);
    // statfs agrees with fsck's count of used clusters.
    const sf = new FsStats();
    expect(f.statfs(sf)).toBe(0);
    const out = must('fsck.fat', ['-n', img]);
    const m2 = /(\d+)\/(\d+) clusters/.exec(out)!;
    expect(sf.totalBlocks).toBe(Number(m2[2]));
    expect(sf.totalBlocks - sf.freeBlocks).toBe(Number(m2[1]));
    expect(f.openHandles()).toBe(0);
    expect(f.unmount()).toBe(0);
    expect(leaksSince(before)).toEqual([]);
  });
});

describe('names and times as Linux shows them', () => {
  it('uses NT case bits, long names, code page 437 short names, and FAT timestamps', () => {
    const img = path.join(work, 'names.img');
    mkfs(img, 16);
    const root = tmpDir('names');
    fs.writeFileSync(path.join(root, 'lower.txt'), 'a');
    fs.writeFileSync(path.join(root, 'UPPER.TXT'), 'b');
    fs.writeFileSync(path.join(root, 'Mixed.Txt'), 'c');
    fs.writeFileSync(path.join(root, 'café.txt'), 'd');
    const t = new Date(Date.UTC(2021, 2, 4, 5, 6, 8));
    for (const n of fs.readdirSync(root)) fs.utimesSync(path.join(root, n), t, t);
    must('mcopy', ['-m', '-i', img, ...fs.readdirSync(root).map((n) => path.join(root, n)), '::/']);
    const disk = loadImage(img);
    const m = new Mounted(disk);
    const names = [...listDir(m.fs, '').keys()].sort();
    expect(names).toEqual(['Mixed.Txt', 'UPPER.TXT', 'café.txt', 'lower.txt']);
    const st = new Stat();
    expect(m.fs.stat('CAFÉ.TXT', st)).toBe(0);
    expect(m.fs.stat('lower.txt', st)).toBe(0);
    expect(st.mtime).toBe(t.getTime() / 1000);
    m.fs.unmount();
    fs.rmSync(root, { recursive: true, force: true });
  });
});
