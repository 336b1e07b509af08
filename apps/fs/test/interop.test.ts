/**
 * Interop and concurrency through /fatfs on virtio-blk in QEMU (-smp 4), for
 * FAT32, FAT16 and FAT12 images made by mkfs.fat: a tree of several hundred
 * files that mtools copied in (nested directories; long, mixed-case and
 * non-ASCII names; sizes 0, 1, a sector, a cluster +-1, several clusters) is
 * read back byte-exact by the kernel; the tree the kernel writes, and the
 * files four threads wrote while two others read, pass fsck.fat -n and read
 * back byte-exact through mtools.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, diskQemuArgs, makeDiskImage, type DiskFormat, type ImageResult } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';
import { MTOOLS_ENV, makeTree, mcopyTree } from '@unishyper/fatfs/testing';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'interop');
let img: ImageResult;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fs-interop-'));
  img = await buildImage({ appDir: app });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The kernel's contentByte (fixtures/interop/src/main.ts). */
const contentByte = (seed: number, i: number) => (seed * 29 + i * 11 + (i >> 10)) & 0xff;
const content = (seed: number, size: number) => Buffer.from(Array.from({ length: size }, (_, i) => contentByte(seed, i)));

function fnv(data: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of data) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** The tree the kernel writes under /out: path -> bytes (the same list as writeTree). */
function kernelTree(): Map<string, Buffer> {
  const t = new Map<string, Buffer>([
    ['out/empty.txt', content(1, 0)],
    ['out/ONE.BIN', content(2, 1)],
    ['out/sector.dat', content(3, 512)],
    ['out/MixedCase Name.Text', content(4, 4095)],
    ['out/Deep/cluster+1.bin', content(5, 4097)],
    ['out/Deep/Nested Directory With A Long Name/big file.raw', content(6, 150_000)],
    ['out/Ünïcödé/café au lait.txt', content(7, 777)],
    ['out/Ünïcödé/日本語のファイル名.txt', content(8, 12_345)],
  ]);
  for (let i = 0; i < 40; i++) t.set(`out/Deep/many-${i}.dat`, content(100 + i, (i * 997) % 6000));
  for (let w = 0; w < 4; w++) t.set(`par/w${w}.bin`, content(1000 + w, 300_000));
  t.set('par/shared.bin', content(2000, 200_000));
  return t;
}

const cases: { format: DiskFormat; sizeMiB: number; files: number; clusterSize: number; maxSize: number }[] = [
  { format: 'fat32', sizeMiB: 64, files: 400, clusterSize: 512, maxSize: 40_000 },
  { format: 'fat16', sizeMiB: 16, files: 300, clusterSize: 2048, maxSize: 20_000 },
  { format: 'fat12', sizeMiB: 4, files: 150, clusterSize: 2048, maxSize: 8_000 },
];

describe('apps/fs interop on virtio-blk', () => {
  for (const c of cases) {
    it(`${c.format.toUpperCase()}: reads what mtools wrote, writes what mtools reads, 4 writers + 2 readers at once`, async () => {
      const image = path.join(dir, `${c.format}.img`);
      fs.rmSync(image, { force: true });
      makeDiskImage({ image, sizeMiB: c.sizeMiB, format: c.format, readOnly: false });
      const clusterSize = execFileSync('fsck.fat', ['-n', '-v', image], { encoding: 'utf8' }).match(/(\d+) bytes per cluster/)?.[1];
      const tree = makeTree(7 + c.sizeMiB, c.files, Number(clusterSize ?? c.clusterSize), c.maxSize);
      mcopyTree(image, tree);
      const r = await bootImage(img.elf, { gic: 3, smp: 4, memMiB: 256, extraArgs: diskQemuArgs([{ image, sizeMiB: c.sizeMiB, format: c.format, readOnly: false }]) }, { boardArgs: img.qemuArgs, timeoutMs: 240_000 });
      expect(r.stdout, r.stdout.slice(-2000)).toContain(`@@mounted ${c.format}\n`);
      // 1. Every file and directory mtools wrote, as the kernel read it.
      const seen = new Map<string, string>();
      for (const m of r.stdout.matchAll(/^@@node \/fatfs\/?(.*) (file|dir) (\d+) (\d+)$/gm)) seen.set(m[1]!, m[2] === 'dir' ? 'dir' : `${m[3]} ${m[4]}`);
      for (const d of tree.dirs) expect(seen.get(d), d).toBe('dir');
      const missing = tree.files.filter((f) => !seen.has(f.path)).map((f) => f.path);
      const extra = [...seen.keys()].filter((k) => k !== '' && !tree.dirs.includes(k) && !tree.files.some((f) => f.path === k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      for (const f of tree.files) expect(seen.get(f.path), f.path).toBe(`${f.data.length} ${fnv(f.data)}`);
      expect(seen.size).toBe(1 + tree.dirs.length + tree.files.length); // the root, and nothing else
      expect(r.stdout).toMatch(/@@concurrency 4 cores, 4 writers x 300000 bytes, 2 readers x 6 x 200000 bytes, 0 wrong\n/);
      expect(r.stdout).toContain('@@done 0 problems, sync 0\n');
      expect(r.status, r.stdout.slice(-2000) + r.stderr).toBe(0);
      // 2. What the kernel wrote: fsck clean, and byte-exact through mtools.
      const fsck = execFileSync('fsck.fat', ['-n', image], { encoding: 'utf8' }).trim().split('\n');
      expect(fsck.length, fsck.join('\n')).toBe(2);
      const out = path.join(dir, `${c.format}-out`);
      fs.rmSync(out, { recursive: true, force: true });
      fs.mkdirSync(out);
      execFileSync('mcopy', ['-s', '-n', '-i', image, '::out', '::par', out], { env: MTOOLS_ENV });
      for (const [p, want] of kernelTree()) expect(fs.readFileSync(path.join(out, p)).equals(want), p).toBe(true);
    }, 300_000);
  }
});
