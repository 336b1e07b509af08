/**
 * The u-boot files of a board with "unishyper.uboot" (image/uboot.ts): a
 * uImage and a boot script made with mkimage from a raw image, and a clear
 * error naming the package to install when mkimage is missing. A small
 * stand-in binary is enough here; board-tx2's test checks a real image.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootScript, makeUbootFiles } from '../../src/image/uboot.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-uboot-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeImage(name: string): string {
  const bin = path.join(dir, `${name}.bin`);
  fs.writeFileSync(bin, Buffer.from(Array.from({ length: 4096 }, (_, i) => i & 0xff)));
  return bin;
}

describe('u-boot files', () => {
  it('makes a uImage with the load address as load and entry, and a compiled boot script', async () => {
    const bin = fakeImage('demo');
    const f = await makeUbootFiles({ name: 'demo', board: 'tx2', bin, loadAddress: '0x80080000', meta: {} });
    expect(f.uImage).toBe(path.join(dir, 'demo.uImage'));
    const l = execFileSync('mkimage', ['-l', f.uImage], { encoding: 'utf8' });
    expect(l).toMatch(/Image Name:\s+Unishyper demo tx2/);
    expect(l).toMatch(/AArch64 Linux Kernel Image \(uncompressed\)/);
    expect(l).toMatch(/Load Address:\s+80080000/);
    expect(l).toMatch(/Entry Point:\s+80080000/);
    expect(l).toMatch(/Data Size:\s+4096 Bytes/);
    const cmd = fs.readFileSync(f.bootCmd, 'utf8');
    expect(cmd).toContain('load ${devtype} ${devnum}:${distro_bootpart} 0x80080000 ${prefix}demo.bin\n');
    expect(cmd).toContain('booti 0x80080000 - ${fdtcontroladdr}\n');
    expect(execFileSync('mkimage', ['-l', f.bootScr], { encoding: 'utf8' })).toMatch(/AArch64 Linux Script/);
  });

  it("takes the device tree expression from the board's package.json", () => {
    const s = bootScript({ name: 'a', board: 'b', binFile: 'a.bin', loadAddress: '0x1000', fdt: '${fdt_addr_r}' });
    expect(s.split('\n').filter((l) => l.startsWith('booti'))).toEqual(['booti 0x1000 - ${fdt_addr_r}']);
  });

  it('cuts the image name to the 31 bytes mkimage keeps', async () => {
    const bin = fakeImage('an-app-with-a-rather-long-name');
    const f = await makeUbootFiles({ name: 'an-app-with-a-rather-long-name', board: 'tx2', bin, loadAddress: '0x80080000', meta: {} });
    expect(execFileSync('mkimage', ['-l', f.uImage], { encoding: 'utf8' })).toMatch(/Image Name:\s+Unishyper an-app-with-a-rather-\n/);
  });

  it('says which package to install when mkimage is missing', async () => {
    const bin = fakeImage('nomk');
    await expect(makeUbootFiles({ name: 'nomk', board: 'tx2', bin, loadAddress: '0x80080000', meta: {}, mkimage: path.join(dir, 'no-such-mkimage') })).rejects.toThrow(
      /mkimage not found .*install u-boot-tools \(apt-get install u-boot-tools\)/,
    );
  });
});
