/**
 * fatfs natively: test/fixtures/fat-native is a kernel image whose main runs
 * the shared scenario (fixtures/fat-native/src/scenario.ts) over three
 * mkfs.fat + mcopy images (FAT12, FAT16, FAT32) that QEMU's generic loader
 * (`-device loader,file=...,addr=...`) puts into guest RAM, then four threads
 * writing through one volume on four cores. The same scenario runs here under
 * Node over the same images in simulated RAM; the outputs (listings, content
 * hashes, results, and a hash of every disk byte after unmount) must be
 * identical, and the disks Node wrote must be fsck.fat clean and readable by
 * mtools; so the natively written ones, byte-identical, are too.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, qemuArgs } from '@unishyper/codegen';
import { captureConsole, writeMemory } from '@unishyper/rt/sim';
import { Mutex } from '@unishyper/sync';
import { FAT12_AT, FAT12_BYTES, FAT16_AT, FAT16_BYTES, FAT32_AT, FAT32_BYTES } from './fixtures/fat-native/src/main';
import { runScenario } from './fixtures/fat-native/src/scenario';
import { DISK_BASE, freshMachine, fsck, makeTree, mcopyTree, mkfs, must, saveImage, tmpDir } from './host';
import { RamDisk } from '../src/index';

const here = path.dirname(fileURLToPath(import.meta.url));
const work = tmpDir('native');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const VOLUMES = [
  { name: 'fat12', type: 12 as const, at: FAT12_AT, bytes: FAT12_BYTES },
  { name: 'fat16', type: 16 as const, at: FAT16_AT, bytes: FAT16_BYTES },
  { name: 'fat32', type: 32 as const, at: FAT32_AT, bytes: FAT32_BYTES },
];

function imagePath(name: string): string {
  return path.join(work, `${name}.img`);
}

describe('fatfs in a kernel image agrees with Node', () => {
  let nodeOut = '';

  beforeAll(() => {
    for (const v of VOLUMES) {
      const img = imagePath(v.name);
      mkfs(img, v.type);
      expect(fs.statSync(img).size).toBe(v.bytes);
      mcopyTree(img, makeTree(v.type * 3 + 11, v.type === 12 ? 40 : 90, 512, 9000));
      fs.copyFileSync(img, `${img}.orig`);
    }
  }, 120_000);

  it('runs the scenario under Node; what it wrote is fsck clean and mtools reads it', () => {
    for (const v of VOLUMES) {
      const img = imagePath(v.name);
      const bytes = fs.readFileSync(`${img}.orig`);
      freshMachine(bytes.length);
      writeMemory(DISK_BASE, bytes);
      const lock = new Mutex('fatfs');
      let status = -1;
      nodeOut += captureConsole(() => {
        status = runScenario(v.name, DISK_BASE, v.bytes, lock);
      });
      expect(status, nodeOut).toBe(0);
      saveImage(RamDisk.at(DISK_BASE, 512, v.bytes >> 9, false), img);
      const c = fsck(img);
      expect(c.ok, c.out).toBe(true);
      const data = run(['mtype', '-i', img, '::/Neue Ordner/Ünter/MiXeD.TxT']);
      expect(data.length).toBe(5000);
      for (let i = 0; i < 5000; i++) {
        if (data[i] !== ((i * 7 + 4 + (i >> 9)) & 0xff)) throw new Error(`byte ${i} of MiXeD.TxT`);
      }
      expect(must('mdir', ['-i', img, '::/Neue Ordner/Ünter'])).toMatch(/renamed\s+TXT\s+513 /);
    }
    expect(nodeOut).toContain('rename dir into itself: EINVAL\n');
    expect(nodeOut).toContain('rmdir non-empty: ENOTEMPTY\n');
    expect(nodeOut).toContain('stat gone: ENOENT\n');
    expect(nodeOut).toMatch(/fat32 label "VOL32"\n/);
  });

  it('boots in QEMU with the images loaded, prints the same, and the threads section is exact', async () => {
    const img = await buildImage({ appDir: path.join(here, 'fixtures', 'fat-native') });
    const loaders: string[] = [];
    for (const v of VOLUMES) loaders.push('-device', `loader,file=${imagePath(v.name)}.orig,addr=0x${v.at.toString(16)},force-raw=on`);
    const r = spawnSync('qemu-system-aarch64', qemuArgs({ kernel: img.elf, boardArgs: img.qemuArgs, memory: '1G', smp: 4, extraArgs: loaders }), { encoding: 'utf8', timeout: 170_000 });
    const out = r.stdout.replace(/\r\n/g, '\n');
    const start = out.indexOf('== fat12\n');
    const end = out.lastIndexOf('disk hash');
    expect(start, out.slice(0, 3000)).toBeGreaterThanOrEqual(0);
    const nativePart = out.slice(start, out.indexOf('\n', end) + 1);
    expect(nativePart.split('\n').filter((l) => l.startsWith('disk hash')).length).toBe(3);
    expect(nativePart).toBe(nodeOut);
    expect(out).toContain('threads: 4 writers x 40 writes, 0 bad files, unmount 0\n');
    expect(out).toContain('fatfs native: ok\n');
    expect(r.status).toBe(0);
  }, 180_000);
});

function run(args: string[]): Buffer {
  const r = spawnSync(args[0]!, args.slice(1), { env: { ...process.env, MTOOLS_SKIP_CHECK: '1', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr.toString()}`);
  return r.stdout;
}
