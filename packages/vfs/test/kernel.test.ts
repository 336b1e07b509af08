/**
 * The vfs in the kernel (test/fixtures/vfs-kernel, QEMU -smp 4 under GICv2
 * and GICv3): the operation script (fixtures/vfs-kernel/src/ops.ts) must
 * print exactly what it prints under Node (test/ops-node.ts), every result
 * as expected; then four threads pinned to the four cores make, write,
 * read, rename and remove their own files, write their regions of one
 * shared file and append records through one shared descriptor, with every
 * byte checked, nothing left open and the kernel heap as before.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { bootImage, normalizeOutput, runInNode } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = path.join(here, 'fixtures', 'vfs-kernel');

describe('the vfs in the kernel (QEMU) agrees with Node', () => {
  it('runs the operation script under Node with every result as expected', async () => {
    const node = await runInNode(path.join(here, 'ops-node.ts'), { timeoutMs: 120_000 });
    expect(node.stderr).toBe('');
    expect(node.stdout).toContain('ops: 0 unexpected\n');
    expect(node.exitCode).toBe(0);
  }, 180_000);

  for (const gic of [2, 3] as const) {
    it(`prints the same operation results and exact multi-core results (GICv${gic})`, async () => {
      const node = await runInNode(path.join(here, 'ops-node.ts'), { timeoutMs: 120_000 });
      const img = await buildImage({ appDir: app, outDir: path.join(app, 'build', `gic${gic}`) });
      const r = await bootImage(img.elf, { gic, smp: 4, memMiB: 256, el2: gic === 3 }, { timeoutMs: 150_000, boardArgs: img.qemuArgs });
      const out = normalizeOutput(r.stdout);
      const script = normalizeOutput(node.stdout);
      expect(script.length).toBeGreaterThan(1000);
      // the whole script, line for line, inside the kernel's output
      const start = out.indexOf('mkdir /etc: ');
      expect(out.slice(start, start + script.length)).toBe(script);
      expect(out).toContain('smp: own files on cores mask 15, errors 0\n');
      expect(out).toContain('smp: shared file 16384 bytes, wrong bytes 0\n');
      expect(out).toContain('smp: append log 12800 bytes, torn records 0, 200 from each thread true\n');
      expect(out).toMatch(/smp: root entries left 0, open descriptors 0, heap used before (\d+) after \1\n/);
      expect(out).toContain('all exact: true\n');
      expect(r.status).toBe(0);
    }, 300_000);
  }
});
