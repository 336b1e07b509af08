/**
 * The other direction: a tree written by fatfs (directories, long, mixed-case
 * and non-ASCII names, edge sizes, files grown by odd-sized writes, holes)
 * onto an empty mkfs.fat image must be clean for `fsck.fat -n` and read back
 * byte-exact by mtools (mdir/mcopy), on FAT12, FAT16 and FAT32. Then the
 * image is changed again (unlink, rmdir, rename, truncate) and checked again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes } from '@unishyper/rt';
import { writeMemory } from '@unishyper/rt/sim';
import { OpenFlags } from '@unishyper/vfs';
import { FatFs } from '../src/index';
import { fsck, leaksSince, liveSet, loadImage, makeTree, mkfs, Mounted, must, run, saveImage, tmpDir, writeFile, type TreeFile } from './host';

const work = tmpDir('write');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function mkdirs(f: FatFs, dirs: string[]): void {
  for (const d of dirs) expect(f.mkdir(d), `mkdir ${d}`).toBe(0);
}

/** mtools' view: every file copied out of the image must equal the tree. */
function expectMtoolsReads(img: string, files: TreeFile[]): void {
  const out = tmpDir('out');
  must('mcopy', ['-s', '-n', '-i', img, '::/*', out]);
  for (const file of files) {
    const got = fs.readFileSync(path.join(out, file.path));
    expect(got.equals(Buffer.from(file.data)), `mtools reads ${file.path}`).toBe(true);
  }
  fs.rmSync(out, { recursive: true, force: true });
}

describe.each([12, 16, 32] as const)('FAT%i written by fatfs', (type) => {
  it('is fsck clean and mtools reads the tree back byte-exact, before and after changes', () => {
    const img = path.join(work, `w${type}.img`);
    mkfs(img, type);
    const cs = type === 16 ? 1024 : 512;
    const tree = makeTree(type * 13 + 5, type === 12 ? 100 : 300, cs, type === 12 ? 5000 : 30000);
    const disk = loadImage(img);
    const before = liveSet();
    const m = new Mounted(disk, 32);
    mkdirs(m.fs, tree.dirs);
    let k = 0;
    for (const file of tree.files) writeFile(m.fs, file.path, file.data, [1, 100, 512, 4096, 100000][k++ % 5]!);
    expect(m.fs.unmount()).toBe(0);
    expect(leaksSince(before)).toEqual([]);
    saveImage(disk, img);
    const c = fsck(img);
    expect(c.ok, c.out).toBe(true);
    expectMtoolsReads(img, tree.files);
    // mdir shows the long names.
    const listing = must('mdir', ['-i', img, '::/Sub Dir/Deeper']);
    expect(listing).toContain('Deepest Ünïcödé');

    // Second session: remove, rename, truncate; still clean.
    const disk2 = loadImage(img);
    const m2 = new Mounted(disk2, 16);
    const f = m2.fs;
    const keep: TreeFile[] = [];
    let i = 0;
    for (const file of tree.files) {
      i++;
      if (i % 4 === 0) {
        expect(f.unlink(file.path), `unlink ${file.path}`).toBe(0);
      } else if (i % 4 === 1 && file.path.startsWith('MANY/')) {
        const to = `docs/renamed ${i} Ü.txt`;
        expect(f.rename(file.path, to), `rename ${file.path}`).toBe(0);
        keep.push({ path: to, data: file.data });
      } else if (i % 4 === 2 && file.data.length > 700) {
        const h = f.open(file.path, OpenFlags.ReadWrite);
        expect(f.truncate(h, 700)).toBe(0);
        expect(f.close(h)).toBe(0);
        keep.push({ path: file.path, data: file.data.slice(0, 700) });
      } else {
        keep.push(file);
      }
    }
    expect(f.rmdir('empty dir')).toBe(0);
    expect(f.sync()).toBe(0);
    saveImage(disk2, img);
    const c2 = fsck(img);
    expect(c2.ok, c2.out).toBe(true);
    expectMtoolsReads(img, keep);
    expect(run('mdir', ['-i', img, '::/empty dir']).status).not.toBe(0);
    f.unmount();
  });
});
