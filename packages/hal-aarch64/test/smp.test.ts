/**
 * Secondary cores: test/fixtures/smp starts every core with PSCI CPU_ON on a
 * stack from the heap; each reaches hal_secondary_main at EL1 and checks in.
 * With virtualization=on the board must switch PSCI to SMC (from the device
 * tree), or CPU_ON would trap to the hypervisor level.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('PSCI CPU_ON', () => {
  for (const [gic, el2] of [[2, false], [3, true]] as const) {
    it(`starts 3 secondary cores (GICv${gic}, ${el2 ? 'EL2' : 'EL1'} start)`, async () => {
      const img = await buildImage({ appDir: path.join(here, 'fixtures', 'smp') });
      const r = await bootImage(img.elf, { gic, el2, smp: 4 });
      const out = r.stdout;
      for (const core of [1, 2, 3]) {
        expect(out).toContain(`CPU_ON core ${core}: ok`);
        expect(out).toContain(`core ${core} running at EL1`);
      }
      expect(out).toContain('4 of 4 core(s) running');
      expect(r.status).toBe(0);
    }, 120_000);
  }
});
