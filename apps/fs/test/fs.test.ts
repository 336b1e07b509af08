/**
 * apps/fs boots in QEMU with its disk (a new FAT32 image, made as
 * `unishyper qemu` makes disk.img) and does the demo; the image then passes
 * fsck.fat and mtools reads what it left (boots.txt). A second boot finds
 * the first one's count. A corrupt image and a missing disk are reported.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, diskQemuArgs, makeDiskImage, type ImageResult } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
let img: ImageResult;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apps-fs-'));
  img = await buildImage({ appDir: app });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function boot(image: string | null) {
  const disks = image === null ? [] : diskQemuArgs([{ image, sizeMiB: 64, format: 'fat32', readOnly: false }]);
  return bootImage(img.elf, { gic: 2, smp: 2, memMiB: 128, extraArgs: disks }, { boardArgs: img.qemuArgs, timeoutMs: 120_000 });
}

const mtools = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, MTOOLS_SKIP_CHECK: '1' } });

describe('apps/fs', () => {
  it('mounts the FAT32 disk at /fatfs, does the demo, and leaves a clean volume mtools reads', async () => {
    const image = path.join(dir, 'disk.img');
    makeDiskImage({ image, sizeMiB: 64, format: 'fat32', readOnly: false });
    const r = await boot(image);
    expect(r.stdout).toContain('fs: disk: virtio-blk, 131072 sectors (64 MiB)\n');
    expect(r.stdout).toMatch(/fs: mounted fat32 volume "UNISHYPER" at \/fatfs: \d+ KiB free of \d+ KiB\n/);
    expect(r.stdout).toContain('fs: boot number 1 of this disk image');
    expect(r.stdout).toContain('fs: wrote /fatfs/demo/hello.txt (60 bytes)\n');
    expect(r.stdout).toContain('fs:   file 60 hello.txt\n');
    expect(r.stdout).toContain('fs: read back 60 bytes: Hello from Unishyper, written through /fatfs on virtio-blk.\n');
    expect(r.stdout).toContain('fs: stat greeting.txt: 60 bytes, 512 allocated, mode 0644\n');
    expect(r.stdout).toContain('fs: stat hello.txt: ENOENT\n');
    expect(r.stdout).toContain('fs: synced; demo passed\n');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    // fsck.fat exits non-zero on a problem; a clean volume is its banner and one summary line.
    const fsck = execFileSync('fsck.fat', ['-n', image], { encoding: 'utf8' }).trim().split('\n');
    expect(fsck.length, fsck.join('\n')).toBe(2);
    expect(fsck[1]).toMatch(/: \d+ files, \d+\/\d+ clusters$/);
    expect(mtools('mtype', ['-i', image, '::boots.txt'])).toBe('1\n');
    expect(mtools('mdir', ['-b', '-i', image, '::'])).toBe('::/boots.txt\n');
    // Stamped with the host's date through QEMU's PL031 (FAT keeps local time; the kernel's is UTC).
    const listing = mtools('mdir', ['-i', image, '::boots.txt']);
    const days = [Date.now() - 120_000, Date.now()].map((t) => new Date(t).toISOString().slice(0, 10));
    expect(days.some((d) => listing.includes(d)), listing).toBe(true);

    const again = await boot(image);
    expect(again.stdout).toContain('fs: boot number 2 of this disk image');
    expect(again.status).toBe(0);
    expect(mtools('mtype', ['-i', image, '::boots.txt'])).toBe('2\n');
  }, 240_000);

  it('a disk without a FAT volume is reported with what to do', async () => {
    const image = path.join(dir, 'corrupt.img');
    makeDiskImage({ image, sizeMiB: 64, format: 'fat32', readOnly: false });
    const fd = fs.openSync(image, 'r+');
    fs.writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, 0);
    fs.closeSync(fd);
    const r = await boot(image);
    expect(r.stdout).toMatch(/fatfs: .*\n/);
    expect(r.stdout).toContain('fs: disk.img holds no FAT volume this kernel can mount');
    expect(r.status).toBe(1);
  }, 120_000);

  it('without a disk it says how to get one', async () => {
    const r = await boot(null);
    expect(r.stdout).toContain('fs: no virtio-blk disk; start QEMU with the app\'s disk (nx run fs:qemu does)\n');
    expect(r.status).toBe(1);
  }, 120_000);
});
