/**
 * Guarded stacks in QEMU (test/fixtures/stack-guard): every core allocates
 * and frees stacks from the pool at once (distinct slots, guard pages
 * unmapped), then a context that recurses without bound on a guarded stack
 * is reported as a stack overflow, on the last core, and the stack just
 * below its guard page is untouched. On 1 and 4 cores; GICv2 from EL1 and
 * GICv3 from EL2. Under -icount, so allocation times are guest time.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildImage, type ImageResult } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures', 'stack-guard');
const DIVE = 'src_main_dive';

/** [start, end) of a function in the ELF. */
function symbolRange(elf: string, name: string): [number, number] {
  const out = execFileSync('aarch64-linux-gnu-nm', ['-S', elf], { encoding: 'utf8' });
  const m = new RegExp(`^([0-9a-f]+) ([0-9a-f]+) [tT] ${name}$`, 'm').exec(out);
  if (!m) throw new Error(`${name} not in ${elf}`);
  const start = parseInt(m[1]!, 16);
  return [start, start + parseInt(m[2]!, 16)];
}

/** The fixture's `function dive(` line and the last line of its body (1-based). */
function diveLines(): { decl: number; end: number } {
  const lines = fs.readFileSync(path.join(fixture, 'src', 'main.ts'), 'utf8').split('\n');
  const decl = lines.findIndex((l) => l.startsWith('function dive(')) + 1;
  const end = lines.findIndex((l, i) => i >= decl && l === '}') + 1;
  if (decl < 1 || end <= decl) throw new Error('no function dive( ... } in the fixture');
  return { decl, end };
}

const DIVE_TS = 'packages/sched/test/fixtures/stack-guard/src/main.ts';

describe('guarded thread stacks', () => {
  let img: ImageResult;
  beforeAll(async () => {
    img = await buildImage({ appDir: fixture });
  }, 120_000);

  it('marks dive()\'s C definition with the line of its TypeScript declaration', () => {
    const c = fs.readFileSync(img.cFile, 'utf8').split('\n');
    const def = c.findIndex((l) => new RegExp(`^static \\S+ ${DIVE}\\(.*\\{$`).test(l));
    expect(def).toBeGreaterThan(0);
    expect(c[def - 1]).toBe(`#line ${diveLines().decl} "${path.join(fixture, 'src', 'main.ts')}"`);
  });

  const machines = [
    { smp: 1, gic: 2, el2: false },
    { smp: 4, gic: 2, el2: false },
    { smp: 4, gic: 3, el2: true },
    { smp: 1, gic: 3, el2: true },
  ] as const;
  for (const m of machines) {
    it(`reports a stack overflow and protects the neighbour (${m.smp} core(s), GICv${m.gic}, ${m.el2 ? 'EL2' : 'EL1'} start)`, async () => {
      const r = await bootImage(img.elf, { ...m, memMiB: 128, icount: true });
      const out = r.stdout;
      // Each core holds 40 stacks; main also holds the victim and the one below it.
      expect(out).toContain(`pool: ${m.smp * 40} stacks on ${m.smp} core(s), ${m.smp * 40 + 2} in use, distinct and intact: true`);
      // One core: the allocation's own cost. Four: also the waits for the lock while
      // QEMU runs the other cores in turn.
      const us = Number(/slowest allocStack (\d+) us/.exec(out)?.[1]);
      expect(us).toBeLessThan(m.smp === 1 ? 1000 : 5000);
      const lay = /core (\d+): victim stack (0x[0-9a-f]+), guard page (0x[0-9a-f]+), neighbour (0x[0-9a-f]+)/.exec(out);
      expect(lay, out).not.toBeNull();
      expect(Number(lay![1])).toBe(m.smp - 1);
      const victim = Number(lay![2]);
      const guard = Number(lay![3]);
      expect(guard).toBe(victim - 4096);
      expect(Number(lay![4])).toBe(victim - 32768);
      // The report: the overflowing sp at (or just above) the guard page, the store's address in it.
      const rep = /\*\*\* stack overflow: sp (0x[0-9a-f]+) ran into the guard page below the stack \(FAR (0x[0-9a-f]+)\)\n\s+at (\S+)\n/.exec(out);
      expect(rep, out).not.toBeNull();
      const sp = Number(rep![1]);
      const far = Number(rep![2]);
      expect(far).toBeGreaterThanOrEqual(guard);
      expect(far).toBeLessThan(victim);
      expect(sp).toBeGreaterThanOrEqual(guard);
      expect(sp).toBeLessThan(victim + 800);
      // The faulting store is dive()'s (its prologue's, normally): reported at the
      // `function dive(` line, or a line of its body.
      const at = /^(.*):(\d+)$/.exec(rep![3]!);
      expect(at?.[1], rep![3]).toBe(DIVE_TS);
      const { decl, end } = diveLines();
      expect(Number(at![2])).toBeGreaterThanOrEqual(decl);
      expect(Number(at![2])).toBeLessThanOrEqual(end);
      // The fault hook ran on the overflow stack with the faulting frame: in dive(), at the sp reported.
      const hook = /fault hook: kind 16, frame elr (0x[0-9a-f]+) sp (0x[0-9a-f]+), neighbour intact true, victim guard unmapped true, overflow stack used (\d+) bytes/.exec(out);
      expect(hook, out).not.toBeNull();
      const [lo, hi] = symbolRange(img.elf, DIVE);
      expect(Number(hook![1])).toBeGreaterThanOrEqual(lo);
      expect(Number(hook![1])).toBeLessThan(hi);
      expect(Number(hook![2])).toBe(sp);
      expect(Number(hook![3])).toBeLessThan(4096);
      expect(out).not.toContain('not caught');
      expect(r.status).toBe(0);
    }, 120_000);
  }
});
