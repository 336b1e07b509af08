/**
 * Power cuts: every device write after a sync is recorded; the image at the
 * sync point plus each prefix of those writes (a cut after that write) must
 * leave the files synced before the cut, and not changed after it, intact
 * (mtools reads them byte-exact) and fsck.fat must find no cross-linked
 * clusters: the write ordering of block-cache.ts at work. Lost clusters
 * and truncated unsynced files are allowed (fsck reclaims them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, memset } from '@unishyper/rt';
import { readMemory, writeMemory } from '@unishyper/rt/sim';
import { FsStats, OpenFlags } from '@unishyper/vfs';
import type { BlockDevice } from '../src/block-device';
import { FatFs, FixedClock, MountOptions, MountStatus } from '../src/index';
import { DISK_BASE, freshMachine, mkfs, must, run, tmpDir, TEST_NOW, writeFile } from './host';
import { Mutex } from '@unishyper/sync';

const work = tmpDir('crash');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

class RecordingDisk implements BlockDevice {
  recording = false;
  readonly log: Array<{ block: number; data: Uint8Array }> = [];
  constructor(readonly blocks: number) {}
  blockSize(): number {
    return 512;
  }
  blockCount(): number {
    return this.blocks;
  }
  readOnly(): boolean {
    return false;
  }
  read(block: number, count: number, buf: number): number {
    writeMemory(buf, readMemory(DISK_BASE + block * 512, count * 512));
    return 0;
  }
  write(block: number, count: number, buf: number): number {
    const data = readMemory(buf, count * 512);
    if (this.recording) this.log.push({ block, data });
    writeMemory(DISK_BASE + block * 512, data);
    return 0;
  }
  flush(): number {
    return 0;
  }
}

function pattern(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 13 + seed * 101 + (i >> 8)) & 0xff;
  return b;
}

describe.each([12, 16, 32] as const)('FAT%i power cut after any write', (type) => {
  it.each([12, 512])('keeps synced files intact and never cross-links clusters (cache of %i sectors)', (cacheSectors) => {
    const img = path.join(work, `c${type}-${cacheSectors}.img`);
    mkfs(img, type);
    const bytes = fs.readFileSync(img);
    freshMachine(bytes.length);
    writeMemory(DISK_BASE, bytes);
    const disk = new RecordingDisk(bytes.length >> 9);
    const opts = new MountOptions(new Mutex('fat'), new FixedClock(TEST_NOW));
    opts.cacheSectors = cacheSectors; // small: evictions in the middle of operations; large: everything at the final sync
    const f = FatFs.mount(disk, opts, new MountStatus())!;
    // Synced state: these files must survive any cut.
    const synced = new Map<string, Uint8Array>();
    expect(f.mkdir('keep')).toBe(0);
    for (let i = 0; i < 12; i++) {
      const p = `keep/synced file ${i}.bin`;
      const d = pattern(300 + i * 700, i);
      writeFile(f, p, d, 1000);
      synced.set(p, d);
    }
    // In a directory whose sector comes after keep's in the cache, so a flush in slot order writes keep's first.
    expect(f.mkdir('zz')).toBe(0);
    writeFile(f, 'zz/doomed.bin', pattern(5000, 99), 5000);
    // Nearly full, so that what is written after the sync must reuse the clusters freed after it.
    const sf = new FsStats();
    f.statfs(sf);
    const room = 30 * f.clusterSize();
    const fillBytes = sf.freeBlocks * f.clusterSize() - room;
    const chunk = 1 << 20;
    const zeros = allocBytes(chunk, 16);
    memset(zeros, 0, chunk);
    const hf = f.open('filler.bin', OpenFlags.Write | OpenFlags.Create);
    for (let off = 0; off < fillBytes; off += chunk) expect(f.write(hf, off, zeros, Math.min(chunk, fillBytes - off))).toBeGreaterThan(0);
    f.close(hf);
    freeBytes(zeros);
    writeFile(f, 'zz/shrinks.bin', pattern(9000, 98), 5000);
    expect(f.sync()).toBe(0);
    const base = readMemory(DISK_BASE, bytes.length);
    disk.recording = true;
    // After the sync: growth, new files and directories, unlink, truncate, more growth reusing freed clusters.
    expect(f.mkdir('new dir')).toBe(0);
    for (let i = 0; i < 3; i++) writeFile(f, `new dir/unsynced ${i} with a long name.dat`, pattern(100 + i * 400, 50 + i), 777);
    expect(f.unlink('zz/doomed.bin')).toBe(0);
    const h = f.open('zz/shrinks.bin', OpenFlags.ReadWrite);
    expect(f.truncate(h, 100)).toBe(0);
    f.close(h);
    // Reuse the freed clusters from other directories (their entries live in other sectors).
    for (let i = 0; i < 3; i++) writeFile(f, `keep/reuses freed clusters ${i}.bin`, pattern(4000, 77 + i), 3000);
    writeFile(f, 'new dir/reuses freed clusters.bin', pattern(4000, 80), 3000);
    expect(f.sync()).toBe(0);
    f.unmount();
    const log = disk.log;
    expect(log.length).toBeGreaterThan(20);
    // Cut after write k, for a spread of k.
    const cuts = new Set<number>([0, 1, 2, 3, log.length - 1, log.length]);
    for (let k = 0; k < 60; k++) cuts.add(Math.floor((k * log.length) / 60));
    for (let k = Math.max(0, log.length - 40); k < log.length; k++) cuts.add(k); // the last flushes, class by class
    for (const k of [...cuts].sort((a, b) => a - b)) {
      const image = Buffer.from(base);
      for (let i = 0; i < k; i++) image.set(log[i]!.data, log[i]!.block * 512);
      const file = path.join(work, `cut${type}-${cacheSectors}.img`);
      fs.writeFileSync(file, image);
      const check = run('fsck.fat', ['-n', file]);
      const out = check.stdout + check.stderr;
      expect(out, `cut after ${k} of ${log.length} writes`).not.toMatch(/[Cc]ross-linked|shares? cluster/);
      for (const [p, d] of synced) {
        const got = run('mtype', ['-i', file, `::/${p}`]);
        expect(got.status, `cut ${k}: ${p}`).toBe(0);
        expect(Buffer.compare(got.bytes, Buffer.from(d)), `cut ${k}: ${p} intact`).toBe(0);
      }
    }
    // The last cut is the fully synced result: clean.
    const final = path.join(work, `cut${type}-${cacheSectors}.img`);
    expect(must('fsck.fat', ['-n', final])).toMatch(/clusters/);
  }, 180_000);
});
