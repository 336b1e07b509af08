/**
 * /unilibfs in QEMU, served from a host directory through semihosting:
 * - the demo kernel (test/fixtures/unilib-demo: apps/fs with /unilibfs
 *   only), booted with the CLI as a user would (`unishyper qemu --unilib
 *   <dir>`, which names the served directory on QEMU's command line), on virt (QEMU's
 *   semihosting serves it) and on shyper (HVC 0x12 to board-shyper's EL2
 *   stub, which serves it): it reads what the host put there, writes,
 *   renames and removes files the host then sees, gets errno values for
 *   what does not exist or cannot be done, and cannot reach outside, even
 *   calling the conduit directly;
 * - the benchmark kernel (test/fixtures/unilib-bench): 16 MiB written and
 *   read back through /unilibfs, every 4 KiB block checked, the host's file
 *   the right size.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage, unilibQemuArgs } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const DEMO = path.join(here, 'fixtures', 'unilib-demo');

describe('apps/fs with /unilibfs', () => {
  for (const [board, conduit] of [['virt', 'semihosting'], ['shyper', 'hvc']] as const) {
    it(`on ${board} (${conduit}): host and guest see each other's files, errors are errno values, nothing outside is reachable`, () => {
      const base = fs.mkdtempSync(path.join(os.tmpdir(), 'unilib-demo-'));
      const served = path.join(base, 'served');
      fs.mkdirSync(served);
      fs.writeFileSync(path.join(served, 'from-host.txt'), 'put here by the host\n');
      fs.writeFileSync(path.join(served, 'scratch.txt'), 'x');
      fs.writeFileSync(path.join(base, 'outside.txt'), 'next to the served directory: ../outside.txt from inside');
      try {
        const r = spawnSync(process.execPath, [path.join(repo, 'tools/codegen/bin/unishyper.js'), 'qemu', DEMO, '--board', board, '--unilib', served, '--timeout', '60'], { encoding: 'utf8', timeout: 240_000 });
        const log = `status ${r.status}\n${r.stdout}\n${r.stderr}`;
        expect(r.stderr, log).toContain(`-semihosting-config enable=on,target=native,arg=unilibfs=${served}`);
        if (board === 'shyper') expect(r.stdout, log).toContain('shyper-stub: EL2, stage 2 for the guest');
        const lines = r.stdout.replace(/\r\n/g, '\n').split('\n').filter((l) => l.startsWith('unilib: '));
        expect(lines, log).toEqual([
          `unilib: conduit ${conduit}`,
          'unilib: mount /unilibfs: ok',
          'unilib: read /unilibfs/from-host.txt: put here by the host',
          'unilib: write /unilibfs/from-guest.txt: ok',
          'unilib: rename from-guest.txt to kept.txt: ok',
          'unilib: stat /unilibfs/kept.txt: ok',
          'unilib: kept.txt is 21 bytes',
          'unilib: unlink /unilibfs/scratch.txt: ok',
          'unilib: read /unilibfs/missing.txt: ENOENT',
          'unilib: read /unilibfs/../outside.txt: ENOENT',
          'unilib: mkdir /unilibfs/d: ENOSYS',
          'unilib: conduit open ../outside.txt: EPERM',
          'unilib: done',
        ]);
        expect(r.status, log).toBe(0);
        expect(fs.readdirSync(served).sort()).toEqual(['from-host.txt', 'kept.txt']);
        expect(fs.readFileSync(path.join(served, 'kept.txt'), 'utf8')).toBe('written by the guest\n');
      } finally {
        fs.rmSync(base, { recursive: true, force: true });
      }
    }, 300_000);
  }

  it('16 MiB written and read back through /unilibfs, every block checked', async () => {
    const img = await buildImage({ appDir: path.join(here, 'fixtures', 'unilib-bench') });
    const served = fs.mkdtempSync(path.join(os.tmpdir(), 'unilib-bench-'));
    try {
      const r = await bootImage(img.elf, { gic: 2, smp: 1, memMiB: 256, extraArgs: unilibQemuArgs(served) }, { boardArgs: img.qemuArgs, timeoutMs: 120_000 });
      const log = `status ${r.status}\n${r.stdout}\n${r.stderr}`;
      for (const op of ['write', 'read', 'randread']) expect(r.stdout, log).toMatch(new RegExp(`^@@fsbench op=${op} bytes=\\d+ ops=\\d+ bad=0 `, 'm'));
      expect(r.status, log).toBe(0);
      expect(fs.statSync(path.join(served, 'bench.bin')).size).toBe(16 << 20);
    } finally {
      fs.rmSync(served, { recursive: true, force: true });
    }
  }, 300_000);
});
