/**
 * A deliberately faulting image (test/fixtures/fault reads an unmapped
 * address): the kernel must print the decoded report — exception class,
 * fault status and address, ELR with the TypeScript file and line, the
 * registers — and end the run with status 3.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures', 'fault');

describe('fault report', () => {
  it('decodes a data abort and names the TypeScript line', async () => {
    const img = await buildImage({ appDir: fixture });
    const r = await bootImage(img.elf, { gic: 2, el2: false, smp: 1, memMiB: 128 });
    const out = r.stdout;
    expect(out).toContain('about to fault');
    expect(out).toMatch(/unexpected synchronous exception \(vector 4\): data abort \(EC 0x25/);
    expect(out).toContain('translation fault reading address 0x100000000');
    expect(out).toMatch(/ELR 0x4020[0-9a-f]{4}/);
    expect(out).toContain('at packages/hal-aarch64/test/fixtures/fault/src/main.ts:6');
    expect(out).toMatch(/x29 0x[0-9a-f]+\n\s+x30 0x[0-9a-f]+/);
    expect(out).not.toContain('the fault was not reported');
    expect(r.status).toBe(3);
  }, 120_000);
});
