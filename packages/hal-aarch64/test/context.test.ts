/**
 * Context switching (native/context.S): test/fixtures/context ping-pongs
 * 1,000 times between main and a second context; both keep their locals,
 * and the count of guest instructions per round trip (two switches plus the
 * two loop bodies) is measured under -icount and bounded.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';
import { contextInit, CONTEXT_FRAME_BYTES } from '../src/index';
import { allocBytes, load64 } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('context switch', () => {
  it('builds the first frame under Node as the assembly does', () => {
    resetMachine({});
    const stack = allocBytes(4096, 16);
    const sp = contextInit(stack + 4096 + 8, 42);
    expect(sp).toBe(stack + 4096 - CONTEXT_FRAME_BYTES);
    expect(load64(sp)).toBe(42n);
  });

  it('ping-pongs natively, keeping each context\'s state', async () => {
    const img = await buildImage({ appDir: path.join(here, 'fixtures', 'context') });
    const r = await bootImage(img.elf, { gic: 2, el2: false, smp: 1, memMiB: 128, icount: true });
    const out = r.stdout;
    expect(out).toContain('main after 1000 round trips: worker steps 1000, main local 2000');
    expect(out).toContain('worker done: sum 499507');
    const ticks = Number(/counter ticks per round trip: (\d+)/.exec(out)?.[1]);
    expect(ticks).toBeGreaterThan(20);
    expect(ticks).toBeLessThan(200);
    expect(r.status).toBe(0);
  }, 120_000);
});
