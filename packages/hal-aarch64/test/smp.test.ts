/**
 * Secondary cores: test/fixtures/smp starts every core with PSCI CPU_ON on a
 * stack from the heap; each reaches hal_secondary_main at EL1 and checks in.
 * With virtualization=on the board must switch PSCI to SMC (from the device
 * tree), or CPU_ON would trap to the hypervisor level.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('PSCI CPU_ON', () => {
  for (const machine of ['virt,gic-version=2', 'virt,gic-version=3,virtualization=on']) {
    it(`starts 3 secondary cores (${machine})`, async () => {
      const img = await buildImage({ appDir: path.join(here, 'fixtures', 'smp'), outDir: path.join(here, 'fixtures', 'smp', 'build', machine.replace(/[^a-z0-9]/g, '-')) });
      const r = spawnSync('qemu-system-aarch64', ['-M', machine, '-cpu', 'cortex-a53', '-smp', '4', '-nographic', '-monitor', 'none', '-semihosting', '-kernel', img.elf], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      const out = r.stdout.replace(/\r\n/g, '\n');
      for (const core of [1, 2, 3]) {
        expect(out).toContain(`CPU_ON core ${core}: ok`);
        expect(out).toContain(`core ${core} running at EL1`);
      }
      expect(out).toContain('4 of 4 core(s) running');
      expect(r.status).toBe(0);
    }, 120_000);
  }
});
