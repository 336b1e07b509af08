/**
 * apps/hello built for shyper (`--board shyper`) and booted as the guest of
 * the EL2 stub on QEMU virt with virtualization=on: the stub's banner, then
 * the guest's, written through the NS16550 the stub emulates on the PL011;
 * the guest's GICv2 and timer passed through; its cores from QEMU's device
 * tree, which the stub hands on. And the stub ends the run, naming the
 * address, when the guest touches memory it was not given.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, type ImageResult } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-shyper-'));
let img: ImageResult;

beforeAll(async () => {
  img = await buildImage({ appDir: path.join(repo, 'apps/hello'), outDir, board: 'shyper' });
}, 300_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('hello as a shyper guest', () => {
  it('QEMU boots the stub and loads the image into the guest\'s RAM', () => {
    expect(img.bootFile).toBe(path.join(outDir, 'shyper-hypervisor.elf'));
    expect(img.qemuArgs).toEqual(['-M', 'virt,virtualization=on,gic-version=2', '-cpu', 'cortex-a53', '-m', '2G', '-device', `loader,file=${img.elf}`]);
    const stub = execFileSync('aarch64-linux-gnu-readelf', ['-hl', img.bootFile], { encoding: 'utf8' });
    expect(stub).toMatch(/Entry point address:\s+0x80000000/); // above the guest's RAM
    const guest = execFileSync('aarch64-linux-gnu-readelf', ['-h', img.elf], { encoding: 'utf8' });
    expect(guest).toMatch(/Entry point address:\s+0x4020/);
  });

  for (const smp of [1, 4]) {
    it(`boots on ${smp} core(s): console through the emulated NS16550, timer, exit status`, async () => {
      const r = await bootImage(img.bootFile, { smp, memMiB: 2048 }, { timeoutMs: 60_000, boardArgs: img.qemuArgs });
      const log = `status ${r.status}${r.timedOut ? ' (timed out)' : ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
      expect(r.timedOut, log).toBe(false);
      expect(r.stdout, log).toContain('shyper-stub: EL2, stage 2 for the guest at 0x0000000040000000 (1 GiB), NS16550 at 0x000000000c280000 emulated\n');
      expect(r.stdout, log).toMatch(/^GICv2: \d+ interrupt ids; timer irq 27 at 62500000 Hz; console irq 33$/m);
      expect(r.stdout, log).toContain(`Unishyper hello on shyper: ${smp} core(s), 1024 MiB RAM at 0x40000000`);
      expect(r.stdout, log).toMatch(/^timer: irq 27 delivered after \d+ us/m);
      expect(r.status, log).toBe(0);
    }, 120_000);
  }

  it('a guest touching what it was not given ends the run with the address', async () => {
    // The virt build of hello writes to the PL011 at 0x0900_0000, which the stub keeps for itself.
    const virt = await buildImage({ appDir: path.join(repo, 'apps/hello'), outDir: path.join(outDir, 'virt') });
    const args = img.qemuArgs.map((a) => (a.startsWith('loader,file=') ? `loader,file=${virt.elf}` : a));
    const r = await bootImage(img.bootFile, { smp: 1, memMiB: 2048 }, { timeoutMs: 60_000, boardArgs: args });
    expect(r.stdout).toMatch(/shyper-stub: the guest touched an address it has no mapping for: 0x00000000090000[0-9a-f]{2}/);
    expect(r.status).toBe(98);
  }, 120_000);
});
