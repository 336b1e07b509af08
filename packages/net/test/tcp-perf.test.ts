/**
 * TCP's cost in guest instructions: the kernel fixture booted with QEMU
 * -icount (one virtual-counter tick per instruction) prints what a 64-byte
 * echo round trip and bulk receive cost (fixtures/net-kernel/src/tcp-perf.ts).
 * The targets (<= 5,000 per round trip, <= 1 per byte) are reported,
 * and only a loose bound is asserted so regressions show.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { bootImage, normalizeOutput } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = path.join(here, 'fixtures', 'net-kernel');

describe('TCP cost in guest instructions (QEMU -icount)', () => {
  it('measures the echo round trip and bulk receive', async () => {
    const img = await buildImage({ appDir: app, outDir: path.join(app, 'build', 'gic2') });
    const r = await bootImage(img.elf, { gic: 2, smp: 2, memMiB: 256, el2: false, icount: true }, { timeoutMs: 400_000, boardArgs: img.qemuArgs });
    const out = normalizeOutput(r.stdout);
    const echo = /tcp perf: echo round trip (\d+) ticks \(120 of 120/.exec(out);
    const bulk = /tcp perf: bulk receive (\d+) ticks per KiB/.exec(out);
    console.log(`echo round trip: ${echo?.[1]} instructions; bulk receive: ${bulk?.[1]} instructions per KiB`);
    expect(echo).not.toBeNull();
    expect(bulk).not.toBeNull();
    expect(Number(echo![1])).toBeLessThan(50_000);
    expect(Number(bulk![1])).toBeLessThan(50_000);
  }, 600_000);
});
