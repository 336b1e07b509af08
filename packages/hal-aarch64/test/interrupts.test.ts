/**
 * test/fixtures/irq natively: a periodic timer made of one-shot deadlines, an
 * SGI the core sends itself, and a line typed on the console arriving
 * through the PL011 receive interrupt — on GICv2 and GICv3.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { bootImage, type VirtMachine } from '@unishyper/codegen/testing';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'irq');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-irq-'));
let elf = '';

beforeAll(async () => {
  elf = (await buildImage({ appDir: fixture, outDir })).elf;
});

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const line = 'hello interrupts';
const sum = [...line].reduce((s, c) => s + c.charCodeAt(0), 0);

describe('interrupts on QEMU virt', () => {
  for (const m of [
    { gic: 2, el2: false },
    { gic: 3, el2: false },
    { gic: 3, el2: true },
  ] as VirtMachine[]) {
    it.concurrent(`gic-version=${m.gic}${m.el2 ? ', EL2 start' : ''}: timer ticks, SGI, console input`, async () => {
      const r = await bootImage(elf, m, { timeoutMs: 60_000, input: `${line}\r`, inputAfter: 'ready for input\n' });
      const log = `status ${r.status}${r.timedOut ? ' (timed out)' : ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
      expect(r.stdout, log).toContain('periodic timer: 10 ticks, irq 27 counted 10\n');
      expect(r.stdout, log).toContain(`sgi: 1 delivered to core 0 (GICv${m.gic})\n`);
      expect(r.stdout, log).toMatch(new RegExp(`input: ${line.length} byte\\(s\\), sum ${sum}, uart irq [1-9]\\d* time\\(s\\)\\n`));
      expect(r.stdout, log).toContain('spurious 0, unhandled 0\n');
      expect(r.status, log).toBe(0);
    });
  }
});
