/**
 * An app's disks (unishyper.config.ts `disks`): the config is checked with
 * messages that name the entry and the fix; a missing image is made (sized,
 * formatted by mkfs.fat, clean by fsck.fat) and an existing one is used as it
 * is; `unishyper qemu` attaches each as a virtio-blk device in order, which
 * QEMU itself is asked about over QMP.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfigError, buildImage, diskQemuArgs, makeDiskImage, validateAppConfig, type ResolvedDisk } from '../../src/index.js';
import { connectQmp, qmpArgs } from '../../src/testing.js';
import { FIXTURES, cli, show } from './helpers.js';

const APP = path.join(FIXTURES, 'apps/with-disks');
const HELLO_LIKE = path.join(FIXTURES, 'apps/exit-status');

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-disks-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function validate(disks: unknown) {
  return validateAppConfig(HELLO_LIKE, path.join(HELLO_LIKE, 'unishyper.config.ts'), { board: 'virt', disks } as never);
}

function fsck(image: string): string {
  return execFileSync('fsck.fat', ['-n', image], { encoding: 'utf8' });
}

describe('disks in the app config', () => {
  it('fills in defaults: disk.img, 64 MiB, FAT32, writable; paths relative to the app', () => {
    const app = validate([{}, { image: 'more/b.img', sizeMiB: 3, format: 'fat12', readOnly: true }]);
    expect(app.disks).toEqual([
      { image: path.join(HELLO_LIKE, 'disk.img'), sizeMiB: 64, format: 'fat32', readOnly: false },
      { image: path.join(HELLO_LIKE, 'more/b.img'), sizeMiB: 3, format: 'fat12', readOnly: true },
    ]);
    expect(validate(undefined).disks).toEqual([]);
  });

  it('a bad entry is an error that names it and says what is allowed', () => {
    const says = (disks: unknown) => {
      try {
        validate(disks);
      } catch (e) {
        expect(e).toBeInstanceOf(AppConfigError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(says({ image: 'x' })).toMatch(/unishyper\.config\.ts: disks must be a list/);
    expect(says([{ sizeMiB: 0 }])).toMatch(/disks\[0\]: sizeMiB must be a whole number from 1 to 65536, not 0/);
    expect(says([{ sizeMiB: 1.5 }])).toMatch(/sizeMiB must be a whole number/);
    expect(says([{ format: 'ext4' }])).toMatch(/disks\[0\]: unknown format "ext4"; formats: fat32, fat16, fat12, none/);
    expect(says([{ imag: 'a.img' }])).toMatch(/disks\[0\]: unknown option 'imag'; options: image, sizeMiB, format, readOnly/);
    expect(says([{ image: 'a,b.img' }])).toMatch(/image must be a file name \(no commas\)/);
    expect(says([{ image: 'a.img' }, { image: './a.img' }])).toMatch(/disks\[1\]: \.\/a\.img is already disks\[0\]/);
    expect(says([{ readOnly: 'yes' }])).toMatch(/readOnly must be true or false/);
  });

  it('each disk is a virtio-blk device on a modern virtio-mmio transport, in order', () => {
    const d: ResolvedDisk[] = [
      { image: '/x/a.img', sizeMiB: 1, format: 'none', readOnly: false },
      { image: '/x/b.img', sizeMiB: 1, format: 'none', readOnly: true },
    ];
    expect(diskQemuArgs(d)).toEqual([
      '-global', 'virtio-mmio.force-legacy=false',
      '-drive', 'file=/x/a.img,if=none,format=raw,id=disk0', '-device', 'virtio-blk-device,drive=disk0',
      '-drive', 'file=/x/b.img,if=none,format=raw,id=disk1,readonly=on', '-device', 'virtio-blk-device,drive=disk1',
    ]);
    expect(diskQemuArgs([])).toEqual([]);
  });
});

describe('making a disk image', () => {
  for (const [format, sizeMiB] of [['fat32', 40], ['fat16', 16], ['fat12', 2]] as const) {
    it(`${format}, ${sizeMiB} MiB: the size asked, formatted, fsck.fat clean`, () => {
      const image = path.join(tmp, `${format}.img`);
      makeDiskImage({ image, sizeMiB, format, readOnly: false });
      expect(fs.statSync(image).size).toBe(sizeMiB << 20);
      expect(fsck(image)).toMatch(/\d+ files, \d+\/\d+ clusters/);
      // The file system type string of the boot sector (offset 82 on FAT32, 54 on FAT12/16).
      const bs = fs.readFileSync(image).subarray(0, 512);
      expect(bs.subarray(format === 'fat32' ? 82 : 54, (format === 'fat32' ? 82 : 54) + 5).toString()).toBe(format.toUpperCase());
    });
  }

  it("'none' is zeros; a size too small for the FAT type asked is refused naming the image, and nothing is left", () => {
    const zeros = path.join(tmp, 'zeros.img');
    makeDiskImage({ image: zeros, sizeMiB: 1, format: 'none', readOnly: false });
    expect(fs.readFileSync(zeros).every((b) => b === 0)).toBe(true);
    const tooSmall = path.join(tmp, 'small32.img');
    expect(() => makeDiskImage({ image: tooSmall, sizeMiB: 1, format: 'fat32', readOnly: false })).toThrow(
      /small32\.img: a 1 MiB FAT32 image would have \d+ clusters, which makes it FAT12 \(FAT spec 3\.5\); FAT32 needs 65525 clusters or more \(about 33 MiB and up\): change sizeMiB or format/,
    );
    expect(fs.existsSync(tooSmall)).toBe(false);
    expect(fs.existsSync(`${tooSmall}.making`)).toBe(false);
  });
});

describe('unishyper qemu with disks', () => {
  it('makes missing images, attaches them in order (QEMU asked over QMP), and leaves existing ones alone', async () => {
    const disks = path.join(APP, 'build/disks');
    fs.rmSync(disks, { recursive: true, force: true });
    await buildImage({ appDir: APP });
    const socket = path.join(tmp, 'qmp.sock');
    const run = cli(['qemu', APP, '--no-build', '--timeout', '60', '--qemu-args', ['-S', ...qmpArgs(socket)].join(' ')]);
    const qmp = await connectQmp(socket);
    const blocks = (await qmp.execute('query-block')) as { device: string; qdev?: string; inserted?: { file: string; ro: boolean } }[];
    await qmp.execute('quit');
    qmp.close();
    const r = await run;
    expect(r.stderr, show(r)).toMatch(/made \S*data\.img: 40 MiB, FAT32 \(mkfs\.fat -F 32\)/);
    expect(r.stderr).toMatch(/made \S*ro\.img: 2 MiB, FAT12 \(mkfs\.fat -F 12\)/);
    const attached = blocks.filter((b) => b.inserted).map((b) => [b.device, path.basename(b.inserted!.file), b.inserted!.ro]);
    expect(attached).toEqual([
      ['disk0', 'data.img', false],
      ['disk1', 'ro.img', true],
    ]);
    expect(fsck(path.join(disks, 'data.img'))).toMatch(/clusters/);

    // An existing image is the user's data: used as it is, never made again.
    const data = path.join(disks, 'data.img');
    const fd = fs.openSync(data, 'r+');
    fs.writeSync(fd, Buffer.from('marker'), 0, 6, 20 << 20);
    fs.closeSync(fd);
    const again = await cli(['qemu', APP, '--no-build']);
    expect(again.code, show(again)).toBe(0);
    expect(again.stdout).toContain('with-disks fixture: booted');
    expect(again.stderr).not.toContain('made ');
    expect(fs.readFileSync(data).subarray(20 << 20, (20 << 20) + 6).toString()).toBe('marker');
  }, 180_000);
});
