/**
 * virtio-blk in QEMU (test/fixtures/blk), -smp 4 on GICv2 and GICv3: a disk
 * file the test fills with a pattern is read back exactly; four threads on
 * four cores write their own ranges at once and read them back; the file
 * on the host then holds exactly what they wrote; a read-only disk refuses
 * writes with EROFS. Without `-global virtio-mmio.force-legacy=false` QEMU's
 * virtio-mmio devices are legacy ones, which the driver refuses, saying so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, type ImageResult } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = path.join(here, 'fixtures', 'blk');
const MODERN = ['-global', 'virtio-mmio.force-legacy=false'];

let img: ImageResult;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-blk-'));
  img = await buildImage({ appDir: app });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function patternDisk(bytes: number): Buffer {
  const d = Buffer.alloc(bytes);
  for (let s = 0; s < 2048; s++) for (let i = 0; i < 512; i++) d[s * 512 + i] = (s * 7 + i * 13 + (s >> 8)) & 0xff;
  return d;
}

const disks = (rw: string, ro: string) => [
  '-drive', `file=${rw},if=none,format=raw,id=rw`, '-device', 'virtio-blk-device,drive=rw',
  '-drive', `file=${ro},if=none,format=raw,id=ro,readonly=on`, '-device', 'virtio-blk-device,drive=ro',
];

describe('virtio-blk in QEMU', () => {
  for (const gic of [2, 3] as const) {
    it(`reads a pattern, four cores write at once, the host file holds it, read-only refused (GICv${gic})`, async () => {
      const rw = path.join(dir, `rw-${gic}.img`);
      const ro = path.join(dir, `ro-${gic}.img`);
      fs.writeFileSync(rw, patternDisk(8 << 20));
      fs.writeFileSync(ro, Buffer.alloc(1 << 20, 0x5a));
      const r = await bootImage(img.elf, { gic, smp: 4, memMiB: 256, extraArgs: [...MODERN, ...disks(rw, ro)] }, { boardArgs: img.qemuArgs, timeoutMs: 120_000 });
      expect(r.stdout).toContain('virtio-blk 0: slot 0xa003e00 irq 79, 16384 sectors, read-write');
      expect(r.stdout).toContain('pattern: 2048 sectors read, 0 differ\n');
      expect(r.stdout).toMatch(/writers: 4 threads, 512 sectors each, 0 differ; \d+ requests, \d+ interrupts\n/);
      expect(r.stdout).toContain('flush: 0\n');
      expect(r.stdout).toContain('virtio-blk 1: slot 0xa003c00 irq 78, 2048 sectors, read-only\n');
      expect(r.stdout).toContain('read-only disk: write -30, read 0, first byte 90\n');
      expect(r.stdout).toContain('virtio-blk: all exact\n');
      expect(r.status, r.stdout + r.stderr).toBe(0);
      // What the threads wrote is on the host's disk file.
      const d = fs.readFileSync(rw);
      for (let t = 0; t < 4; t++) {
        for (let k = 0; k < 512; k++) {
          const s = 4096 + t * 512 + k;
          for (let i = 0; i < 512; i += 97) expect(d[s * 512 + i]).toBe((s * 11 + i * 3 + t * 101) & 0xff);
        }
      }
      expect(d.subarray(0, 2048 * 512).equals(patternDisk(8 << 20).subarray(0, 2048 * 512))).toBe(true);
    }, 180_000);
  }

  it('under -icount (sleep=on: see README) requests finish without a spurious timeout', async () => {
    const rw = path.join(dir, 'icount.img');
    const ro = path.join(dir, 'icount-ro.img');
    fs.writeFileSync(rw, patternDisk(8 << 20));
    fs.writeFileSync(ro, Buffer.alloc(1 << 20, 0x5a));
    const icount = ['-icount', 'shift=4,align=off,sleep=on'];
    const r = await bootImage(img.elf, { gic: 3, smp: 4, memMiB: 256, extraArgs: [...icount, ...MODERN, ...disks(rw, ro)] }, { boardArgs: img.qemuArgs, timeoutMs: 120_000 });
    expect(r.stdout).not.toContain('no answer within');
    expect(r.stdout).toContain('flush: 0\n');
    expect(r.stdout).toContain('virtio-blk: all exact\n');
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 180_000);

  it('a legacy virtio-mmio device (QEMU without force-legacy=false) is refused with the option to pass', async () => {
    const rw = path.join(dir, 'legacy.img');
    fs.writeFileSync(rw, Buffer.alloc(1 << 20));
    const r = await bootImage(img.elf, { gic: 2, smp: 1, memMiB: 128, extraArgs: ['-drive', `file=${rw},if=none,format=raw,id=d`, '-device', 'virtio-blk-device,drive=d'] }, { boardArgs: img.qemuArgs });
    expect(r.stdout).toMatch(/virtio-mmio@0xa003e00: device 2 is a legacy \(version 1\) device, which this kernel does not drive; start QEMU with -global virtio-mmio.force-legacy=false\n/);
    expect(r.stdout).toContain('virtio-blk 0: none found\n');
    expect(r.status).toBe(1);
  }, 120_000);
});
