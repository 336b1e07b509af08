/**
 * apps/hello built for the Raspberry Pi 3 (`--board raspi3b`) and booted on
 * QEMU's raspi3b machine as an arm64 Image, as a Pi's loader would boot
 * Linux: QEMU loads it at 0x80000, enters core 0 at EL2 with the device
 * tree (if any) in x0, and parks cores 1-3 in its spin table. Without a tree
 * the board uses the BCM2837's addresses; with Debian's tree (-dtb) it reads
 * them. Either way: the BCM2836 controller, the timer interrupt, 4 cores,
 * exit status 0.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, type ImageResult } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';
import { debianRaspi3bDtb } from './debian-dtb';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-raspi3b-'));
let img: ImageResult;

beforeAll(async () => {
  img = await buildImage({ appDir: path.join(repo, 'apps/hello'), outDir, board: 'raspi3b' });
}, 300_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('hello on QEMU raspi3b', () => {
  it('is an arm64 Image: branch to _start, loads at 0x80000, its size with .bss, the magic', () => {
    expect(img.bootFile).toBe(img.bin);
    expect(img.qemuArgs).toEqual(['-M', 'raspi3b']);
    const bin = fs.readFileSync(img.bin);
    const head = new DataView(bin.buffer, bin.byteOffset, 64);
    expect(head.getUint32(0, true) >>> 26).toBe(0b000101); // B <imm26>
    expect(head.getBigUint64(8, true)).toBe(0x80000n); // text_offset
    expect(Number(head.getBigUint64(16, true))).toBeGreaterThanOrEqual(bin.length); // image_size covers .bss too
    expect(head.getBigUint64(24, true)).toBe(2n); // little endian, 4 KiB pages
    expect(bin.subarray(0x38, 0x3c).toString('latin1')).toBe('ARM\x64');
  });

  for (const withTree of [false, true]) {
    it(withTree ? "boots with Debian's device tree (-dtb)" : 'boots without a device tree', async () => {
      const extraArgs = withTree ? ['-dtb', debianRaspi3bDtb()] : [];
      const r = await bootImage(img.bootFile, { smp: 4, memMiB: 1024, extraArgs }, { timeoutMs: 60_000, boardArgs: img.qemuArgs });
      const log = `status ${r.status}${r.timedOut ? ' (timed out)' : ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
      expect(r.timedOut, log).toBe(false);
      expect(r.stdout, log).toMatch(/^BCM2836: 104 interrupt ids; timer irq 27 at 62500000 Hz; console irq 89$/m);
      expect(r.stdout, log).toContain('Unishyper hello on raspi3b: 4 core(s), 960 MiB RAM at 0x0');
      const timer = /^timer: irq 27 delivered after (\d+) us \(deadline 1000 us, counter 62500000 Hz\)$/m.exec(r.stdout);
      expect(timer, log).not.toBeNull();
      expect(Number(timer![1])).toBeGreaterThanOrEqual(1000);
      expect(r.stdout, log).not.toContain('unexpected');
      expect(r.status, log).toBe(0);
    }, 600_000);
  }
});
