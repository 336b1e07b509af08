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

/** A fresh FAT`type` image on a recording disk, mounted with a cache of `cacheSectors`; the image's bytes too. */
function mountFresh(name: string, type: 12 | 16 | 32, cacheSectors: number): { f: FatFs; disk: RecordingDisk; bytes: Buffer } {
  const img = path.join(work, name);
  mkfs(img, type);
  const bytes = fs.readFileSync(img);
  freshMachine(bytes.length);
  writeMemory(DISK_BASE, bytes);
  const disk = new RecordingDisk(bytes.length >> 9);
  const opts = new MountOptions(new Mutex('fat'), new FixedClock(TEST_NOW));
  opts.cacheSectors = cacheSectors;
  return { f: FatFs.mount(disk, opts, new MountStatus())!, disk, bytes };
}

describe.each([12, 16, 32] as const)('FAT%i power cut after any write', (type) => {
  it.each([12, 512])('keeps synced files intact and never cross-links clusters (cache of %i sectors)', (cacheSectors) => {
    // A small cache: evictions in the middle of operations; a large one: everything at the final sync.
    const { f, disk, bytes } = mountFresh(`c${type}-${cacheSectors}.img`, type, cacheSectors);
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

// Growing a synced file and a synced directory: a new cluster's
// end-of-chain mark and the link to it sit in different FAT sectors every
// few hundred clusters, and the cache writes one class in slot order. A cut
// between those two sector writes must never leave a chain running into a
// free cluster: mtools refuses a directory (or file) whose chain does
// ("Fat problem while decoding N 0"). The file must read back as its synced
// contents plus a prefix of what was appended; the directory must list.
const ENTRIES_PER_FAT_SECTOR = { 12: 341, 16: 256, 32: 128 } as const;

/** Sectors [start, end) of the FATs, from the boot sector. */
function fatRegion(boot: Uint8Array): { start: number; end: number } {
  const v = new DataView(boot.buffer, boot.byteOffset, 64);
  const reserved = v.getUint16(14, true);
  const fats = v.getUint8(16);
  const size = v.getUint16(22, true) || v.getUint32(36, true);
  return { start: reserved, end: reserved + fats * size };
}

describe.each([12, 16, 32] as const)('FAT%i power cut while a synced file grows', (type) => {
  it('leaves no chain running into a free cluster', () => {
    const { f, disk, bytes } = mountFresh(`g${type}.img`, type, 12);
    const cs = f.clusterSize();
    const head = pattern(3 * cs + 17, 1);
    writeFile(f, 'grows.bin', head, cs);
    expect(f.mkdir('many')).toBe(0);
    expect(f.sync()).toBe(0);
    const file = path.join(work, `gcut${type}.img`);
    fs.writeFileSync(file, readMemory(DISK_BASE, bytes.length));
    disk.recording = true;
    // One cluster per write (as a streaming writer does), past two FAT sector boundaries.
    const tail = pattern(Math.floor(2.5 * ENTRIES_PER_FAT_SECTOR[type]) * cs, 2);
    const h = f.open('grows.bin', OpenFlags.Write);
    const buf = allocBytes(cs, 16);
    for (let off = 0, i = 0; off < tail.length; off += cs, i++) {
      writeMemory(buf, tail.subarray(off, off + cs));
      expect(f.write(h, head.length + off, buf, cs)).toBe(cs);
      // A long name every few clusters: the directory grows a cluster now and then, between the file's.
      if (i % 4 === 0) expect(f.close(f.open(`many/entry number ${i} with a long name`, OpenFlags.Write | OpenFlags.Create))).toBe(0);
    }
    freeBytes(buf);
    f.close(h);
    expect(f.sync()).toBe(0);
    f.unmount();
    const whole = Buffer.concat([head, tail]);
    const fat = fatRegion(bytes);
    const log = disk.log;
    // The image after write k is the one after write k-1 plus that write: patch one file in place.
    const fd = fs.openSync(file, 'r+');
    try {
      let fatCuts = 0;
      for (let k = 0; k <= log.length; k++) {
        if (k > 0) fs.writeSync(fd, log[k - 1]!.data, 0, log[k - 1]!.data.length, log[k - 1]!.block * 512);
        const afterFatWrite = k > 0 && log[k - 1]!.block >= fat.start && log[k - 1]!.block < fat.end;
        if (!afterFatWrite && k !== log.length) continue; // a data write changes no chain
        fatCuts++;
        const got = run('mtype', ['-i', file, '::/grows.bin']);
        expect(got.status, `cut after ${k} of ${log.length} writes: ${got.stderr}`).toBe(0);
        expect(got.bytes.length, `cut ${k}: size`).toBeGreaterThanOrEqual(head.length);
        expect(Buffer.compare(got.bytes, whole.subarray(0, got.bytes.length)), `cut ${k}: contents`).toBe(0);
        const dir = run('mdir', ['-i', file, '::/many']);
        expect(dir.status, `cut after ${k} of ${log.length} writes: ${dir.stderr}`).toBe(0);
        const out = run('fsck.fat', ['-n', file]);
        expect(out.stdout + out.stderr, `cut ${k}`).not.toMatch(/[Cc]ross-linked|free cluster|shares? cluster/);
      }
      expect(fatCuts).toBeGreaterThan(2);
    } finally {
      fs.closeSync(fd);
    }
  }, 120_000);
});
