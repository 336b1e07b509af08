/**
 * Spinlock under real contention: test/fixtures/counter boots with -smp 4;
 * 4 cores x 100,000 lock-protected increments must give exactly 400,000.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { virtQemuArgs } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = path.join(here, 'fixtures', 'counter');

describe('SpinLock on 4 cores (QEMU)', () => {
  for (const gic of [2, 3] as const) {
    const machine = `virt,gic-version=${gic}`;
    it(`4 x 100,000 locked increments give 400,000 (${machine})`, async () => {
      const img = await buildImage({ appDir: app, outDir: path.join(app, 'build', machine.replace(/[^a-z0-9]/g, '-')) });
      const r = spawnSync('qemu-system-aarch64', virtQemuArgs(img.elf, { gic, smp: 4, memMiB: 128 }, img.qemuArgs), {
        encoding: 'utf8',
        timeout: 120_000,
      });
      const out = r.stdout.replace(/\r\n/g, '\n');
      expect(out).toContain('\ncounter = 400000\n');
      expect(out).toContain('irq counter = 400000');
      console.log(out.match(/unlocked counter.*/)?.[0]);
      expect(r.status).toBe(0);
    }, 180_000);
  }
});
