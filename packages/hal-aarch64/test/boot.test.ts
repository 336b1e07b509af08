/**
 * apps/hello boots on QEMU virt with either interrupt controller, entered at
 * EL1 or at EL2 (`virtualization=on`: boot.S drops to EL1), on 4 cores with
 * 512 MiB: it must pick the right GIC, read the memory size from the device
 * tree, get a timer interrupt delivered, and exit with status 0.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { bootImage, type VirtMachine } from '@unishyper/codegen/testing';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-boot-'));
let elf = '';

beforeAll(async () => {
  elf = (await buildImage({ appDir: path.join(repo, 'apps/hello'), outDir })).elf;
});

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const machines: VirtMachine[] = [
  { gic: 2, el2: false },
  { gic: 2, el2: true },
  { gic: 3, el2: false },
  { gic: 3, el2: true },
];

describe('hello boots on QEMU virt', () => {
  for (const m of machines) {
    it.concurrent(`gic-version=${m.gic}, entered at ${m.el2 ? 'EL2' : 'EL1'}`, async () => {
      const r = await bootImage(elf, m, { timeoutMs: 60_000 });
      const log = `status ${r.status}${r.timedOut ? ' (timed out)' : ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
      expect(r.timedOut, log).toBe(false);
      expect(r.stdout, log).toMatch(new RegExp(`^GICv${m.gic}: \\d+ interrupt ids; timer irq 27 at 62500000 Hz; console irq 33$`, 'm'));
      expect(r.stdout, log).toContain('Unishyper hello on qemu-virt: 4 core(s), 512 MiB RAM at 0x40000000');
      const timer = /^timer: irq 27 delivered after (\d+) us \(deadline 1000 us, counter 62500000 Hz\)$/m.exec(r.stdout);
      expect(timer, log).not.toBeNull();
      expect(Number(timer![1])).toBeGreaterThanOrEqual(1000);
      expect(r.stdout, log).not.toContain('unexpected');
      expect(r.status, log).toBe(0);
    });
  }
});
